// The Soft spots section's link to the lab engine (issue 11, seeds 003 and 004): the nonlinear job (ψ, π4, π3:
// src/engine/lab/nonlinearJob.ts) and the elastic job (G, κ_ij, κ_i: src/engine/lab/elasticJob.ts) on the Landscape panel's
// source — a finished quench's final state, else a loaded state — each in its own worker, so they can run side by side and
// the quench's stores are untouched. Both need an inherent structure (max|f_i| ≤ 1e-6): a source above that is first
// polished by a float64 FIRE descent (a 'single' job from it) and the results belong to the polished state. A new run makes
// them stale and clears them; a preset or a link asks for them when its quench is done.
import type { ConfigurationData, EngineChoice, Job, LabEvent, SingleResult } from '../engine/lab/protocol.ts';
import { fromConfigurationData } from '../engine/lab/configurationData.ts';
import { maxParticleForce } from '../physics/descent/state.ts';
import { createLandscape, energyAndForces } from '../physics/forces.ts';
import { getModel } from '../physics/models.ts';
import type { RunSpec } from '../engine/runSpec.ts';
import { modesSourceNow } from './landscapeController.ts';
import { useLandscapeSettingsStore } from './landscapeSettingsStore.ts';
import type { ModesSource } from './landscapeStore.ts';
import { useRunStore } from './runStore.ts';
import { useSoftSpotStore, type SoftSpotJobKind } from './softSpotStore.ts';

/** What the controller needs of src/engine/lab/client.ts. */
export interface SoftSpotClient {
  start(job: Job, engine: EngineChoice): string;
  stop(): void;
  onEvent(listener: (e: LabEvent) => void): () => void;
  dispose(): void;
}

export interface SoftSpotController {
  compute(kind: SoftSpotJobKind): void;
  cancel(kind: SoftSpotJobKind): void;
  dispose(): void;
}

/** The largest max_i |f_i| both jobs accept as an inherent structure (their default). */
export const INHERENT_MAX_FORCE = 1e-6;
/** The polish descent's target max_i |f_i| (what a float64 FIRE quench reaches in a few thousand steps). */
export const POLISH_FORCE = 1e-10;

/** max_i |f_i| of a configuration of `spec`'s model (the test the jobs apply before they start). */
export function largestForce(c: ConfigurationData, spec: RunSpec): number {
  const model = getModel(spec.model);
  const conf = fromConfigurationData(c, model, spec.n);
  const f = new Float64Array(conf.positions.length);
  energyAndForces(createLandscape(model, conf), conf.positions.slice(), f, false);
  return maxParticleForce(f, model.dim);
}

/** The 'single' job that takes `start` down to max|f_i| < POLISH_FORCE with FIRE on the float64 engine (no equilibration). */
export function polishJob(spec: RunSpec, start: ConfigurationData): Job {
  return { kind: 'single', spec: { ...spec, algorithm: 'fire', forceTolerance: POLISH_FORCE, tMax: 1e5, temperature: Infinity, sweeps: 0 }, start };
}

interface Pending { step: 'polish' | 'analyse'; jobId: string; spec: RunSpec }

export function createSoftSpotController(makeClient: () => SoftSpotClient): SoftSpotController {
  const store = useSoftSpotStore;
  const clients: Partial<Record<SoftSpotJobKind, { client: SoftSpotClient; unlisten: () => void }>> = {};
  const pending: Partial<Record<SoftSpotJobKind, Pending>> = {};
  /** The inherent structure of the current source once known (the source itself, or its polished state). */
  let polishedFor: { origin: ConfigurationData; configuration: ConfigurationData; source: ModesSource } | null = null;
  /** The source configuration the store's results belong to (before any polish). */
  let origin: ConfigurationData | null = null;

  const setJob = (kind: SoftSpotJobKind, patch: Parameters<ReturnType<typeof store.getState>['setNonlinear']>[0]) => {
    if (kind === 'nonlinear') store.getState().setNonlinear(patch);
    else store.getState().setElastic(patch as Parameters<ReturnType<typeof store.getState>['setElastic']>[0]);
  };

  const analyse = (kind: SoftSpotJobKind, spec: RunSpec, start: ConfigurationData) => {
    const job: Job = kind === 'nonlinear' ? { kind: 'nonlinear', spec, start, excludeRattlers: true } : { kind: 'elastic', spec, start };
    const jobId = clientOf(kind).start(job, 'cpu');
    pending[kind] = { step: 'analyse', jobId, spec };
    setJob(kind, { status: 'running', jobId, error: null, progress: { fraction: 0, label: 'starting' }, result: null });
  };

  const onEvent = (kind: SoftSpotJobKind) => (e: LabEvent) => {
    const p = pending[kind];
    if (!p || e.runId !== p.jobId) return;
    if (e.type === 'progress') {
      const polish = p.step === 'polish';
      setJob(kind, { progress: { fraction: polish ? 0.3 * e.fraction : e.fraction, label: polish ? `polishing to a minimum (FIRE, float64): ${e.label}` : e.label } });
    } else if (e.type === 'result') {
      if (p.step === 'polish' && e.result.kind === 'single') {
        const r = e.result as SingleResult;
        const src = store.getState().source;
        if (src && origin) polishedFor = { origin, configuration: r.final, source: { ...src, configuration: r.final, label: `${src.label}, polished to max|f_i| < ${POLISH_FORCE}` } };
        if (polishedFor) store.getState().set({ source: polishedFor.source });
        analyse(kind, p.spec, r.final);
      } else if (e.result.kind === kind) {
        delete pending[kind];
        setJob(kind, { status: 'done', result: e.result as never, jobId: null, progress: { fraction: 1, label: 'done' } });
      }
    } else if (e.type === 'error') {
      delete pending[kind];
      setJob(kind, { status: 'error', error: e.message, jobId: null, progress: null });
    } else if (e.type === 'stopped') {
      delete pending[kind];
      setJob(kind, { status: store.getState()[kind].result ? 'done' : 'idle', jobId: null, progress: null });
    }
  };

  const clientOf = (kind: SoftSpotJobKind): SoftSpotClient => {
    let c = clients[kind];
    if (!c) {
      const client = makeClient();
      c = clients[kind] = { client, unlisten: client.onEvent(onEvent(kind)) };
    }
    return c.client;
  };

  const controller: SoftSpotController = {
    compute(kind) {
      const at = modesSourceNow();
      if (!at) { setJob(kind, { status: 'error', error: 'nothing to analyse: finish a quench (or load a state) first' }); return; }
      if (at.source.configuration.dim < 2) { setJob(kind, { status: 'error', error: 'soft spots need at least two dimensions' }); return; }
      if (polishedFor && polishedFor.origin === at.source.configuration && store.getState().source) { analyse(kind, at.spec, polishedFor.configuration); return; }
      // a new source: the other job's results belonged to the old one
      if (origin && origin !== at.source.configuration) clearResults();
      origin = at.source.configuration;
      let force: number;
      try {
        force = largestForce(at.source.configuration, at.spec);
      } catch (err) {
        setJob(kind, { status: 'error', error: err instanceof Error ? err.message : String(err) });
        return;
      }
      store.getState().set({ source: at.source });
      if (force <= INHERENT_MAX_FORCE) {
        polishedFor = { origin: at.source.configuration, configuration: at.source.configuration, source: at.source };
        analyse(kind, at.spec, at.source.configuration);
        return;
      }
      const jobId = clientOf(kind).start(polishJob(at.spec, at.source.configuration), 'cpu');
      pending[kind] = { step: 'polish', jobId, spec: at.spec };
      setJob(kind, { status: 'running', jobId, error: null, result: null, progress: { fraction: 0, label: `polishing to a minimum: max|f_i| = ${force.toExponential(1)} > ${INHERENT_MAX_FORCE}` } });
    },
    cancel(kind) {
      if (pending[kind]) clients[kind]?.client.stop();
    },
    dispose() {
      unsubscribeRuns();
      for (const c of Object.values(clients)) { c.unlisten(); c.client.dispose(); }
      for (const k of Object.keys(clients) as SoftSpotJobKind[]) delete clients[k];
    },
  };

  function clearResults(): void {
    for (const k of ['nonlinear', 'elastic'] as const) {
      if (pending[k]) { clients[k]?.client.stop(); delete pending[k]; }
      setJob(k, { status: 'idle', jobId: null, progress: null, error: null, result: null });
    }
    polishedFor = null;
    origin = null;
    store.getState().set({ source: null });
  }

  // A new run makes the soft spots stale; a preset's or a link's request is served when its quench is done.
  const unsubscribeRuns = useRunStore.subscribe((run, before) => {
    const s = store.getState();
    if (run.runId !== before.runId && s.source?.runId && s.source.runId !== run.runId) clearResults();
    if (run.status !== before.status) {
      const wanted = new Set(s.computeWhenDone);
      if (useLandscapeSettingsStore.getState().softSpots) { wanted.add('nonlinear'); wanted.add('elastic'); }
      if (run.status === 'done' && run.result?.kind === 'single' && wanted.size) {
        store.getState().set({ computeWhenDone: [] });
        for (const k of wanted) controller.compute(k);
      } else if (run.status === 'error' || run.status === 'stopped') store.getState().set({ computeWhenDone: [] });
    }
  });
  return controller;
}
