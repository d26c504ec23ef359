// Re-running a library run: its spec and job go back into the spec store (the controls show them), ready for Run.
import { useSpecStore } from '../specStore.ts';
import type { RunSummary } from './runRecord.ts';

function temperatureText(t: number): string {
  return Number.isFinite(t) ? String(t) : 'inf';
}

/** Loads the run's spec and job into the spec store; returns why it cannot run here (e.g. N above this engine's limit), else null. */
export function loadRunIntoSpec(r: Pick<RunSummary, 'spec' | 'job'>, specs: typeof useSpecStore = useSpecStore): string | null {
  specs.getState().loadSpec(r.spec);
  const { setField } = specs.getState();
  setField('job', r.job.kind);
  if (r.job.kind === 'ensemble' || r.job.kind === 'sweep') setField('samples', String(r.job.samples));
  if (r.job.kind === 'sweep') setField('temperatures', r.job.temperatures.map(temperatureText).join(', '));
  const { job, errors } = specs.getState();
  if (job) return null;
  const [field, message] = Object.entries(errors)[0] ?? ['spec', 'invalid'];
  return `this run cannot be re-run here: ${field}: ${message}`;
}
