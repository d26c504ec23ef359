// The soft-spot study cards (issue 11: 004 Fig. 3 annealing, 003 §V nonlinear statistics) and the lab engine: each card
// runs its job (src/engine/studies.ts) in a worker of its own on the float64 engine, so the lab's run and its stores are
// untouched. One study at a time; progress, cancel, a one-line error, and the last result of each study kept for its plot.
import { create } from 'zustand';
import type { ElasticStudyJob, ElasticStudyResult, EngineChoice, LabEvent, NonlinearStatisticsJob, NonlinearStatisticsResult } from '../engine/lab/protocol.ts';
import { ANNEALING_STUDY, NONLINEAR_STUDY } from '../engine/studies.ts';

export type SoftStudyId = 'annealing' | 'nonlinear';

export interface SoftStudyState {
  /** The study running now (or last run), its job id while running. */
  active: SoftStudyId | null;
  jobId: string | null;
  status: 'idle' | 'running' | 'done' | 'stopped' | 'error';
  progress: { fraction: number; label: string } | null;
  error: string | null;
  annealing: ElasticStudyResult | null;
  nonlinear: NonlinearStatisticsResult | null;
}

const IDLE: SoftStudyState = { active: null, jobId: null, status: 'idle', progress: null, error: null, annealing: null, nonlinear: null };

export const useSoftStudyStore = create<SoftStudyState>()(() => ({ ...IDLE }));

/** What the controller needs of src/engine/lab/client.ts. */
export interface SoftStudyClient {
  start(job: ElasticStudyJob | NonlinearStatisticsJob, engine: EngineChoice): string;
  stop(): void;
  onEvent(listener: (e: LabEvent) => void): () => void;
  dispose(): void;
}

export interface SoftStudyController {
  /** Runs the card's job (or `job`, a smaller one, e.g. in tests). */
  run(id: SoftStudyId, job?: ElasticStudyJob | NonlinearStatisticsJob): void;
  cancel(): void;
  dispose(): void;
}

/** The job a card runs. */
export function softStudyJob(id: SoftStudyId): ElasticStudyJob | NonlinearStatisticsJob {
  return id === 'annealing' ? ANNEALING_STUDY.job : NONLINEAR_STUDY.job;
}

/** An engine message in one line of at most 200 characters. */
export function oneLine(message: string): string {
  const line = message.split('\n').map((l) => l.trim()).filter(Boolean)[0] ?? 'the study failed';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export function createSoftStudyController(makeClient: () => SoftStudyClient): SoftStudyController {
  const store = useSoftStudyStore;
  let client: SoftStudyClient | null = null;
  let unlisten: (() => void) | null = null;

  const onEvent = (e: LabEvent) => {
    const s = store.getState();
    if (e.runId !== s.jobId) return;
    if (e.type === 'progress') store.setState({ progress: { fraction: e.fraction, label: e.label } });
    else if (e.type === 'result') {
      const r = e.result;
      if (r.kind === 'elasticStudy') store.setState({ status: 'done', annealing: r, jobId: null, progress: null });
      else if (r.kind === 'nonlinearStatistics') store.setState({ status: 'done', nonlinear: r, jobId: null, progress: null });
    } else if (e.type === 'error') store.setState({ status: 'error', error: oneLine(e.message), jobId: null, progress: null });
    else if (e.type === 'stopped') store.setState({ status: 'stopped', jobId: null, progress: null });
  };

  const ensureClient = (): SoftStudyClient => {
    if (!client) {
      client = makeClient();
      unlisten = client.onEvent(onEvent);
    }
    return client;
  };

  return {
    run(id, job = softStudyJob(id)) {
      const c = ensureClient();
      if (store.getState().status === 'running') c.stop();
      const jobId = c.start(job, 'cpu');
      store.setState({ active: id, jobId, status: 'running', error: null, progress: { fraction: 0, label: 'starting' } });
    },
    cancel() {
      if (store.getState().status === 'running') client?.stop();
    },
    dispose() {
      unlisten?.();
      client?.dispose();
      client = null;
    },
  };
}
