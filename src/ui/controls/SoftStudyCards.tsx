// The soft-spot study cards (issue 11): 004 Fig. 3 (annealing: mean κ and G against 1/T_p) and 003 §V (nonlinear
// statistics). A card runs its job in a worker of its own (src/state/softStudyController.ts); under the cards: progress with
// Cancel, a one-line error, the plot of the last result of each study, and a CSV of its per-sample rows.
import { LabClient } from '../../engine/lab/client.ts';
import { ANNEALING_STUDY, NONLINEAR_STUDY, type SoftStudy } from '../../engine/studies.ts';
import { annealingRowsCsv, nonlinearRowsCsv } from '../../io/exports/softStudiesCsv.ts';
import { createSoftStudyController, useSoftStudyStore, type SoftStudyController, type SoftStudyId } from '../../state/softStudyController.ts';
import { useViewStore } from '../../state/viewStore.ts';
import { downloadFile } from '../export/download.ts';
import { MIME } from '../export/exportFiles.ts';
import { AnnealingPlot, NonlinearStatisticsPlot } from '../views/plots/index.ts';
import { boundBrokenText } from '../views/plots/nonlinearStatisticsFigure.ts';

// One controller for the page; its worker starts at the first card click.
let controllerOfPage: SoftStudyController | null = null;
export function softStudyController(): SoftStudyController {
  controllerOfPage ??= createSoftStudyController(() => new LabClient());
  return controllerOfPage;
}

function Card({ study, controller }: { study: SoftStudy<unknown>; controller: SoftStudyController }) {
  const running = useSoftStudyStore((s) => s.status === 'running' && s.active === study.id);
  return (
    <button type="button" className={`preset${running ? ' active' : ''}`} data-testid={`study-${study.id}`} title={study.command}
      onClick={() => controller.run(study.id)}>
      <span className="preset-title">{study.figure}: {study.title}</span>
      <span className="preset-expect">{study.expect}</span>
      <span className="preset-needs">{study.needs}; CLI: <code>{study.command}</code></span>
    </button>
  );
}

export function SoftStudyCards({ controller = softStudyController() }: { controller?: SoftStudyController }) {
  return (
    <>
      <Card study={ANNEALING_STUDY} controller={controller} />
      <Card study={NONLINEAR_STUDY} controller={controller} />
    </>
  );
}

const TITLES: Record<SoftStudyId, string> = { annealing: `${ANNEALING_STUDY.figure} annealing`, nonlinear: `${NONLINEAR_STUDY.figure} nonlinear statistics` };

export function SoftStudyResults({ controller = softStudyController() }: { controller?: SoftStudyController }) {
  const s = useSoftStudyStore();
  const large = useViewStore((v) => v.lectureMode);
  if (s.status === 'idle' && !s.annealing && !s.nonlinear) return null;
  const save = (name: string, text: string) => downloadFile({ name, text, type: MIME.csv });
  return (
    <section className="panel soft-studies" aria-label="Soft-spot studies" data-testid="soft-studies">
      {s.status === 'running' && s.active ? (
        <div className="view-controls" data-testid="soft-study-progress">
          <span>{TITLES[s.active]}: {Math.round(100 * (s.progress?.fraction ?? 0))}% — {s.progress?.label ?? ''}</span>
          <button type="button" data-testid="soft-study-cancel" onClick={() => controller.cancel()}>Cancel</button>
        </div>
      ) : null}
      {s.status === 'error' ? <p className="field-error" data-testid="soft-study-error">{s.active ? `${TITLES[s.active]}: ` : ''}{s.error}</p> : null}
      {s.status === 'stopped' ? <p className="field-hint" data-testid="soft-study-stopped">cancelled</p> : null}
      {s.annealing ? (
        <div data-testid="annealing-result">
          <p className="field-hint">
            {TITLES.annealing}: {s.annealing.spec.model} N = {s.annealing.spec.n}, {s.annealing.points[0]?.samples ?? 0} states per T_p, {s.annealing.seconds.toFixed(0)} s; changes relative to T_p = {Number.isFinite(s.annealing.points[0]?.temperature) ? s.annealing.points[0]?.temperature : '∞'}, bars: 95% bootstrap intervals of the means
            <button type="button" data-testid="annealing-csv" onClick={() => save('glasslab-annealing.csv', annealingRowsCsv(s.annealing!))}>per-state CSV</button>
          </p>
          <AnnealingPlot result={s.annealing} large={large} />
        </div>
      ) : null}
      {s.nonlinear ? (
        <div data-testid="nonlinear-result">
          <p className="field-hint">
            {TITLES.nonlinear}: {s.nonlinear.spec.model} N = {s.nonlinear.spec.n}, T_p = {Number.isFinite(s.nonlinear.spec.temperature) ? s.nonlinear.spec.temperature : '∞'}, {s.nonlinear.statistics.samples} inherent structures, {s.nonlinear.seconds.toFixed(0)} s;{' '}
            <span data-testid="nonlinear-bound">{boundBrokenText(s.nonlinear.statistics)}</span>; median κ3/κ4 = {s.nonlinear.statistics.stiffnessRatio.median.toFixed(2)}
            <button type="button" data-testid="nonlinear-csv" onClick={() => save('glasslab-nonlinear-statistics.csv', nonlinearRowsCsv(s.nonlinear!))}>per-sample CSV</button>
          </p>
          <NonlinearStatisticsPlot result={s.nonlinear} large={large} />
        </div>
      ) : null}
    </section>
  );
}
