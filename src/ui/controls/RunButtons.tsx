// Run, pause/resume, stop and reset, with the job's progress and time left.
import type { LabController } from '../../state/labController.ts';
import { useRunStore } from '../../state/runStore.ts';
import { useSpecStore } from '../../state/specStore.ts';

/** "42 s left", "8 min 5 s left" (never "8 min 60 s"), "1.2 h left". */
export function timeLeft(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '';
  if (s < 60) return `${Math.ceil(s)} s left`;
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s left`;
  return `${(s / 3600).toFixed(1)} h left`;
}

/** The progress line once the job is over (its last progress label would say "step 6476" forever). */
const ENDED: Record<string, string> = { idle: 'ready', done: 'done', stopped: 'stopped', error: 'failed', running: '', paused: '' };

export function RunButtons({ controller }: { controller: LabController }) {
  const valid = useSpecStore((s) => s.job !== null);
  const problems = useSpecStore((s) => Object.keys(s.errors).length);
  const status = useRunStore((s) => s.status);
  const progress = useRunStore((s) => s.progress);
  const step = useRunStore((s) => s.frame?.step ?? 0);
  const active = status === 'running' || status === 'paused';
  useRunStore((s) => s.runId); // the stop mode follows the job just started
  const analyse = active && controller.stopMode() === 'analyse';
  return (
    <div className="run-buttons">
      <div className="buttons">
        <button type="button" className="primary" data-testid="run" disabled={!valid} onClick={() => void controller.run()}
          title={valid ? 'Run (space)' : 'fix the highlighted fields first'}>
          {active ? 'Restart' : 'Run'}
        </button>
        <button type="button" data-testid="pause" disabled={!active} onClick={() => (status === 'paused' ? controller.resume() : controller.pause())}>
          {status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" data-testid="stop" disabled={!active} onClick={() => controller.stop()}
          title={analyse ? 'end the quench here and compute defects and D²min of the configuration reached' : 'stop the job'}>
          {analyse ? 'Stop & analyse' : 'Stop'}
        </button>
        {active && analyse ? <button type="button" data-testid="abort" onClick={() => controller.abort()} title="stop without the analysis">Abort</button> : null}
        <button type="button" data-testid="reset" onClick={() => controller.reset()} title="Reset (r)">Reset</button>
      </div>
      {!valid ? <div className="field-error" data-testid="invalid-summary">{problems} field{problems === 1 ? '' : 's'} to fix before running</div> : null}
      <div className="progress" data-testid="progress" data-status={status} data-step={step}>
        <progress max={1} value={progress?.fraction ?? 0} />
        <span>{status === 'paused' ? 'paused · ' : ''}{active ? (progress?.label ?? status) : ENDED[status]} {active ? timeLeft(progress?.secondsLeft ?? null) : ''}</span>
      </div>
    </div>
  );
}
