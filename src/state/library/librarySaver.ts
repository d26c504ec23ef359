// Saves every run of the lab into the library, watching the run store from outside: a 'running' record with the spec the
// moment a run starts (before the long work), its curves at most every few seconds while it runs, and the full record when
// it ends ('done', 'stopped', 'error'). Writes go one after another; the first one, at start-up, turns runs left 'running'
// by a closed or crashed tab into 'incomplete'.
import type { RunState } from '../runReducer.ts';
import { useRunStore } from '../runStore.ts';
import { useSpecStore } from '../specStore.ts';
import { useLandscapeStore } from '../landscapeStore.ts';
import { useSoftSpotStore } from '../softSpotStore.ts';
import { keepsConfigurations, useLibraryStore } from './libraryStore.ts';
import { endedRecord, landscapeOfResult, newRecordId, startedRecord, withoutConfigurations, withRunProgress } from './recordFromRun.ts';
import { sized, softSpotFactsOf, type LandscapeRecord, type RunRecord, type SoftSpotFacts, type SoftSpotsRecord } from './runRecord.ts';
import { recordOfScaling } from './scalingRecord.ts';
import { defaultLiveness, type RunLiveness } from './runLiveness.ts';

export const PROGRESS_INTERVAL_MS = 3000;

export interface LibrarySaverOptions {
  runs?: typeof useRunStore;
  specs?: typeof useSpecStore;
  library?: typeof useLibraryStore;
  /** The Landscape panel's store: modes computed on the ended run's final state join its record. */
  landscape?: typeof useLandscapeStore;
  /** The soft-spot store: the nonlinear and elastic results of the ended run's final state join its record (issue 11). */
  softSpots?: typeof useSoftSpotStore;
  /** Least time between two writes of a running run's curves. */
  intervalMs?: number;
  now?: () => number;
  /** Which runs other tabs still run (Web Locks; a heartbeat without them): default defaultLiveness(). */
  liveness?: RunLiveness;
}

export interface LibrarySaver {
  stop(): void;
  /** Resolves when every write asked for so far has finished. */
  flush(): Promise<void>;
}

const ENDED = new Set<RunState['status']>(['done', 'stopped', 'error']);

export function startLibrarySaver(options: LibrarySaverOptions = {}): LibrarySaver {
  const runs = options.runs ?? useRunStore;
  const specs = options.specs ?? useSpecStore;
  const library = options.library ?? useLibraryStore;
  const landscapeStore = options.landscape ?? useLandscapeStore;
  const softSpotStore = options.softSpots ?? useSoftSpotStore;
  const intervalMs = options.intervalMs ?? PROGRESS_INTERVAL_MS;
  const now = options.now ?? Date.now;

  const liveness = options.liveness ?? defaultLiveness();
  let queue: Promise<void> = library.getState().load({ recover: true, alive: (ids) => liveness.alive(ids) });
  const enqueue = (write: () => Promise<unknown>) => {
    queue = queue.then(write).then(() => undefined, () => undefined);
  };
  const save = (record: RunRecord, fallback?: RunRecord) => enqueue(() => library.getState().save(record, fallback));

  let current: { runId: string; record: RunRecord; release: () => void } | null = null;
  /** The last run that ended, while it is the run store's: results that arrive later (the App. B prediction) join it. */
  let ended: { runId: string; record: RunRecord } | null = null;
  let lastWrite = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancelTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const writeProgress = () => {
    timer = null;
    const run = runs.getState();
    if (!current || run.runId !== current.runId) return;
    current.record = withRunProgress(current.record, run, now());
    lastWrite = now();
    save(current.record);
  };

  const begin = (run: RunState) => {
    const { job, engine } = specs.getState();
    if (!job || !run.runId || run.scalingRun) return;
    const t = now();
    const record = startedRecord(newRecordId(t), job, engine, t);
    current = { runId: run.runId, record, release: liveness.hold(record.id) };
    lastWrite = t;
    save(current.record);
  };

  /** The run ended, or (status still running) was replaced by the next run or a reset: it stopped. */
  const end = (run: RunState) => {
    cancelTimer();
    if (!current) return;
    const keep = keepsConfigurations(library.getState().keepConfigurations, current.record.spec.n);
    const record = endedRecord(current.record, run, now(), keep);
    const release = current.release;
    ended = { runId: current.runId, record };
    current = null;
    save(record, record.hasConfigurations ? withoutConfigurations(record) : undefined);
    void queue.then(release); // held until storage no longer says 'running'
  };

  /** Results that arrive after the run ended join its record (unless the run was deleted from the library meanwhile). */
  const amendEnded = (patch: { landscape: LandscapeRecord } | { softSpots: SoftSpotsRecord; softSpotFacts: SoftSpotFacts }) => {
    if (!ended || !library.getState().records.some((r) => r.id === ended?.record.id)) return;
    const record = sized({ ...ended.record, ...patch, updatedAt: now() });
    ended.record = record;
    save(record, record.hasConfigurations ? withoutConfigurations(record) : undefined);
  };

  const unsubscribe = runs.subscribe((run, prev) => {
    // A finished finite-size scaling run is kept as one record (scalingRecord.ts); it has no progress to follow.
    if (run.scalingRun && run.status === 'done' && run.scaling && run.scaling !== prev.scaling && run.runId) {
      const t = now();
      save(recordOfScaling(newRecordId(t), run.scaling, specs.getState().engine, t));
    }
    // The App. B prediction computed after the run ended (the toggle turned on later) joins its record.
    if (ended && run.runId === ended.runId && run.result !== prev.result && run.result?.kind === 'single' && run.result.harmonic) {
      const landscape = landscapeOfResult(run.result);
      if (landscape) amendEnded({ landscape: { ...landscape, ...(ended.record.landscape?.modes ? { modes: ended.record.landscape.modes } : {}) } });
    }
    if (current && run.runId !== current.runId) end(prev);
    if (!current && run.runId && run.runId !== prev.runId && run.status === 'running') begin(run);
    if (!current || run.runId !== current.runId) return;
    if (ENDED.has(run.status)) end(run);
    else if ((run.curves !== prev.curves || run.engine !== prev.engine) && timer === null) {
      timer = setTimeout(writeProgress, Math.max(0, lastWrite + intervalMs - now()));
    }
  });

  // The Landscape panel's modes of the ended run's final state join its record.
  const unsubscribeModes = landscapeStore.subscribe((l, prev) => {
    if (!ended || !l.result || l.result === prev.result || l.source?.runId !== ended.runId) return;
    const modes = { method: l.result.method, eigenvalues: Array.from(l.result.eigenvalues), participation: [...l.result.participation], rattlers: l.result.rattlers.count };
    amendEnded({ landscape: { levels: [], harmonic: null, ...ended.record.landscape, modes } });
  });

  // The soft spots (nonlinear modes, elastic stiffness) of the ended run's final state join its record.
  const unsubscribeSoftSpots = softSpotStore.subscribe((s, prev) => {
    if (!ended || !s.source || s.source.runId !== ended.runId) return;
    if (s.nonlinear.result === prev.nonlinear.result && s.elastic.result === prev.elastic.result) return;
    if (!s.nonlinear.result && !s.elastic.result) return;
    const softSpots = { state: s.source.configuration, nonlinear: s.nonlinear.result, elastic: s.elastic.result };
    amendEnded({ softSpots, softSpotFacts: softSpotFactsOf(softSpots) });
  });

  return {
    stop() {
      cancelTimer();
      current?.release();
      unsubscribe();
      unsubscribeModes();
      unsubscribeSoftSpots();
    },
    flush: () => queue,
  };
}
