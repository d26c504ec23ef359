// The one place where the page talks to the lab engine: run, pause, resume, stop and reset turn the spec store's job into
// LabClient commands, and every engine event goes into the run store. Data flows one way: controls → spec → engine → stores.
import type { EngineChoice, HarmonicJob, LabEvent, LabJob, ScalingJob } from '../engine/lab/protocol.ts';
import { landscapeSettings, useLandscapeSettingsStore } from './landscapeSettingsStore.ts';
import { useRunStore } from './runStore.ts';
import { useSpecStore } from './specStore.ts';
import { fetchStartingState } from './startingState.ts';
import { useViewStore } from './viewStore.ts';
import { withImportedStart } from './importedStart.ts';

/** What the controller needs of src/engine/lab/client.ts (a worker in the page, in-process in tests). */
export interface LabClientLike {
  start(job: LabJob | ScalingJob | HarmonicJob, engine: EngineChoice, options?: { frameIntervalMs?: number }): string;
  pause(): void;
  resume(): void;
  /** `analyse`: a single quench ends where it is and is analysed. */
  stop(analyse?: boolean): void;
  onEvent(listener: (e: LabEvent) => void): () => void;
  dispose(): void;
}

export interface LabController {
  run(): Promise<void>;
  /** The finite-size scaling job at the spec's model, T and t_max (src/engine/lab/scalingJob.ts). */
  runScaling(sizes: number[], samples: number): void;
  pause(): void;
  resume(): void;
  /** Pause when running, resume when paused, run otherwise (the space bar). */
  toggle(): Promise<void>;
  /** Stop; a single quench is stopped and analysed (defects, D²min of the configuration reached), other jobs just stop. */
  stop(): void;
  /** Stop without any analysis. */
  abort(): void;
  /** What Stop does now: 'analyse' for a single quench, 'stop' otherwise. */
  stopMode(): 'analyse' | 'stop';
  reset(): void;
  /**
   * The App. B prediction of the finished single quench (000 App. B), when it has none: a harmonic job on the float64 engine
   * whose result joins the run's. Called when the toggle turns on; false when there is nothing to do.
   */
  predictHarmonic(): boolean;
  dispose(): void;
}

function overlayLabel(job: LabJob): string {
  const s = job.spec;
  const t = Number.isFinite(s.temperature) ? `T = ${s.temperature}` : 'T = ∞';
  return `${s.model}, ${t}, N = ${s.n}, ${s.algorithm}, seed ${s.seed}`;
}

export function createLabController(client: LabClientLike, options: { baseUrl?: string; frameIntervalMs?: number } = {}): LabController {
  const runs = useRunStore;
  let lastJob: LabJob | null = null;
  // A harmonic job in flight: its run id and the run it belongs to.
  let harmonic: { id: string; forRun: string } | null = null;
  const unsubscribe = client.onEvent((e) => {
    if (harmonic && e.runId === harmonic.id) {
      if (e.type === 'result' && e.result.kind === 'harmonic') runs.getState().attachHarmonic(harmonic.forRun, e.result);
      else if (e.type === 'error') runs.getState().setHarmonicError(e.message);
      if (e.type === 'result' || e.type === 'error' || e.type === 'stopped') harmonic = null;
      return;
    }
    runs.getState().apply(e);
  });
  const unsubscribeLandscape = useLandscapeSettingsStore.subscribe((s, old) => { if (s.harmonicPrediction && !old.harmonicPrediction) controller.predictHarmonic(); });

  // The finished (or stopped) single run's curve stays on the plot under the next one.
  const keepPrevious = () => {
    const s = runs.getState();
    const main = s.curves.main;
    if (!lastJob || !main || main.t.length < 2) return;
    runs.getState().keepAsOverlay({ id: s.runId ?? String(Date.now()), label: overlayLabel(lastJob), dim: s.system?.dim ?? 2, t: main.t, speed: main.speed, energyPerParticle: main.energyPerParticle });
  };

  const controller: LabController = {
    async run() {
      const { job, engine } = useSpecStore.getState();
      if (!job) return;
      let started: LabJob = withImportedStart(job);
      if ((job.kind === 'single' || job.kind === 'compare') && job.spec.initialState) {
        try {
          started = { ...job, start: await fetchStartingState(job.spec, options.baseUrl ?? '/') };
        } catch (e) {
          const runId = `load-${Date.now()}`;
          runs.getState().begin(runId);
          runs.getState().apply({ type: 'error', runId, message: (e as Error).message });
          return;
        }
      }
      keepPrevious();
      // A comparison is about where the minima differ: show the displacement field between them, with arrows (001 Fig. 5).
      if (job.kind === 'compare') useViewStore.getState().set({ colorMode: 'displacement', arrows: true });
      const status = runs.getState().status;
      if (status === 'running' || status === 'paused') client.stop();
      // The Landscape toggles go with a single quench; modes along the quench need the float64 engine (every SD step).
      const landscape = landscapeSettings();
      if (started.kind === 'single' && (landscape.modesAlongQuench || landscape.harmonicPrediction)) started = { ...started, quench: { ...started.quench, ...(landscape.modesAlongQuench ? { modesAlongQuench: true } : {}), ...(landscape.harmonicPrediction ? { harmonicPrediction: true } : {}) } };
      const runEngine = started.kind === 'single' && landscape.modesAlongQuench ? 'cpu' : engine;
      const runId = client.start(started, runEngine, { frameIntervalMs: options.frameIntervalMs });
      lastJob = job;
      runs.getState().begin(runId);
    },
    runScaling(sizes, samples) {
      const { spec, engine } = useSpecStore.getState();
      if (!spec) return;
      keepPrevious();
      const status = runs.getState().status;
      if (status === 'running' || status === 'paused') client.stop();
      const job: ScalingJob = { kind: 'scaling', spec: { ...spec, algorithm: 'sd', initialState: undefined }, sizes, samples };
      const runId = client.start(job, engine, { frameIntervalMs: options.frameIntervalMs });
      lastJob = null;
      runs.getState().begin(runId, true);
    },
    pause() { if (runs.getState().status === 'running') client.pause(); },
    resume() { if (runs.getState().status === 'paused') client.resume(); },
    async toggle() {
      const status = runs.getState().status;
      if (status === 'running') controller.pause();
      else if (status === 'paused') controller.resume();
      else await controller.run();
    },
    stop() {
      const status = runs.getState().status;
      if (status === 'running' || status === 'paused') client.stop(controller.stopMode() === 'analyse');
    },
    abort() {
      const status = runs.getState().status;
      if (status === 'running' || status === 'paused') client.stop();
    },
    stopMode() { return lastJob?.kind === 'single' ? 'analyse' : 'stop'; },
    reset() {
      controller.abort();
      runs.getState().clear();
      lastJob = null;
    },
    predictHarmonic() {
      const s = runs.getState();
      const r = s.result;
      if (harmonic || s.status !== 'done' || !s.runId || r?.kind !== 'single' || r.harmonic) return false;
      if (!Number.isFinite(r.spec.temperature)) { runs.getState().setHarmonicError('the App. B prediction needs a quench from a finite T'); return false; }
      const job: HarmonicJob = { kind: 'harmonic', spec: r.spec, start: r.final, harmonic: { temperature: r.spec.temperature, times: r.series.t.filter((t) => t > 0) } };
      harmonic = { id: client.start(job, 'cpu', { frameIntervalMs: 0 }), forRun: s.runId };
      runs.getState().setHarmonicError(null);
      return true;
    },
    dispose() { unsubscribe(); unsubscribeLandscape(); client.dispose(); },
  };
  return controller;
}
