// A library record's soft spots back in the lab (issue 11): the nonlinear and elastic results it keeps, on the state they were
// computed on, go into the soft-spot store as finished jobs, so the views, run facts and exports show them again.
import type { RunRecord } from './runRecord.ts';
import { IDLE_SOFT_SPOTS, useSoftSpotStore } from '../softSpotStore.ts';

const done = <R>(result: R | null) => (result ? { status: 'done' as const, jobId: null, progress: null, error: null, result } : { ...IDLE_SOFT_SPOTS.nonlinear, result: null });

/** Puts the record's soft spots into the store (true), or leaves the store alone when the record has none (false). */
export function restoreSoftSpots(record: Pick<RunRecord, 'name' | 'softSpots'>, store: typeof useSoftSpotStore = useSoftSpotStore): boolean {
  const spots = record.softSpots;
  if (!spots || (!spots.nonlinear && !spots.elastic)) return false;
  store.getState().set({
    source: { label: `${record.name} (library)`, configuration: spots.state, runId: null },
    nonlinear: done(spots.nonlinear),
    elastic: done(spots.elastic),
  });
  return true;
}
