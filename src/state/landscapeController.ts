// The Landscape panel's link to the lab engine: it runs a modes job (src/engine/lab/modesJob.ts) on the configuration at
// hand — a finished quench's final state, else a loaded state — in its own worker, so the quench's run and its stores are
// untouched. A new run makes the modes stale and clears them; the "softest mode" preset asks for modes when its quench is done.
import type { ConfigurationData, EngineChoice, LabEvent, ModesJob } from '../engine/lab/protocol.ts';
import { DEFAULT_SPEC, type RunSpec } from '../engine/runSpec.ts';
import { DEFAULT_DENSE_LIMIT } from '../physics/analysis/modes/normalModes.ts';
import { importedStartFits, useImportedStart } from './importedStart.ts';
import { parseModeCount, pickedBy, useLandscapeStore, type ModesSource } from './landscapeStore.ts';
import { useRunStore } from './runStore.ts';
import { useSpecStore } from './specStore.ts';

/** What the controller needs of src/engine/lab/client.ts. */
export interface ModesClient {
  start(job: ModesJob, engine: EngineChoice): string;
  stop(): void;
  onEvent(listener: (e: LabEvent) => void): () => void;
  dispose(): void;
}

export interface LandscapeController {
  compute(): void;
  cancel(): void;
  dispose(): void;
}

/** The configuration the panel would compute modes of now, with the spec that names its model and N; null when there is none. */
export function modesSourceNow(): { source: ModesSource; spec: RunSpec } | null {
  const run = useRunStore.getState();
  const r = run.result;
  if (r?.kind === 'single' && (run.status === 'done' || run.status === 'stopped')) {
    const label = r.stoppedEarly ? 'the quench stopped early (not a minimum)' : `the quench's final state (${r.reason})`;
    return { source: { label, configuration: r.final, runId: run.runId }, spec: specOf(r.spec.model, r.spec.n) };
  }
  const imported = useImportedStart.getState().start;
  const spec = useSpecStore.getState().spec;
  if (imported && (!spec || importedStartFits(imported, spec))) {
    return { source: { label: `the loaded state ${imported.file}`, configuration: imported.configuration, runId: null }, spec: specOf(imported.model, imported.n) };
  }
  return null;
}

// A given configuration's spec: model and N; nothing is equilibrated or quenched (as the CLI's modes and eval).
function specOf(model: RunSpec['model'], n: number): RunSpec {
  return { ...DEFAULT_SPEC, model, n, temperature: Infinity, sweeps: 0 };
}

function modeCount(c: ConfigurationData): number {
  return c.dim * (c.diameters.length - 1);
}

export function createLandscapeController(makeClient: () => ModesClient): LandscapeController {
  const store = useLandscapeStore;
  let client: ModesClient | null = null;
  let unlisten: (() => void) | null = null;

  const onEvent = (e: LabEvent) => {
    const s = store.getState();
    if (e.runId !== s.jobId) return;
    if (e.type === 'progress') store.setState({ progress: { fraction: e.fraction, label: e.label } });
    else if (e.type === 'result' && e.result.kind === 'modes') {
      store.setState({ status: 'done', result: e.result, picked: pickedBy(s.autoPick, e.result.participation), progress: { fraction: 1, label: 'done' }, jobId: null });
    } else if (e.type === 'error') store.setState({ status: 'error', error: e.message, jobId: null });
    else if (e.type === 'stopped') store.setState({ status: s.result ? 'done' : 'idle', jobId: null, progress: null });
  };

  const ensureClient = (): ModesClient => {
    if (!client) {
      client = makeClient();
      unlisten = client.onEvent(onEvent);
    }
    return client;
  };

  const controller: LandscapeController = {
    compute() {
      const s = store.getState();
      const at = modesSourceNow();
      if (!at) { store.setState({ status: 'error', error: 'nothing to compute: finish a quench (or load a state) first' }); return; }
      const k = parseModeCount(s.countText, modeCount(at.source.configuration));
      if ('error' in k) { store.setState({ status: 'error', error: k.error }); return; }
      const job: ModesJob = { kind: 'modes', spec: at.spec, start: at.source.configuration, count: k.count, excludeRattlers: s.excludeRattlers };
      // Lanczos with its products on the lab's GPU where the lab runs on one (src/gpu/hessianProduct.ts); dense stays float64.
      const { engine } = useSpecStore.getState();
      const c = at.source.configuration;
      const onGpu = engine !== 'cpu' && c.diameters.length * c.dim > DEFAULT_DENSE_LIMIT;
      const jobId = ensureClient().start(onGpu ? { ...job, method: 'lanczos' } : job, onGpu ? engine : 'cpu');
      store.setState({ status: 'running', jobId, error: null, progress: { fraction: 0, label: 'starting' }, source: at.source, result: null, picked: null });
    },
    cancel() {
      if (store.getState().status === 'running') client?.stop();
    },
    dispose() {
      unsubscribeRuns();
      unlisten?.();
      client?.dispose();
      client = null;
    },
  };

  // A new run makes the modes stale; the preset's request is served when its quench is done.
  const unsubscribeRuns = useRunStore.subscribe((run, before) => {
    const s = store.getState();
    if (run.runId !== before.runId && s.source?.runId && s.source.runId !== run.runId) {
      controller.cancel();
      store.setState({ status: 'idle', result: null, source: null, picked: null, progress: null, error: null });
    }
    if (s.computeWhenDone && run.status !== before.status) {
      if (run.status === 'done' && run.result?.kind === 'single') {
        store.setState({ computeWhenDone: false });
        controller.compute();
      } else if (run.status === 'error' || run.status === 'stopped') store.setState({ computeWhenDone: false });
    }
  });
  return controller;
}
