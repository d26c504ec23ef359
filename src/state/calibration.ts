// The machine's calibration (issue 13): a short run of a reference preset on each engine the page could use picks the faster
// one (a software WebGPU adapter is ~40× slower than float64, a real GPU far faster), then a short run of every preset on the
// picked engine gives its time estimate (src/engine/presetEstimate.ts). It runs on its own lab client (a second worker), so
// that a preset clicked meanwhile is not held up by it. A finished calibration is kept for the next page load
// (src/state/calibrationCache.ts) until the user asks to recalibrate.
import { create } from 'zustand';
import type { ConfigurationData, EngineName, LabEvent, LabJob } from '../engine/lab/protocol.ts';
import { calibrationSpec, CALIBRATION_STEPS, stepCost, type PresetCalibration } from '../engine/presetEstimate.ts';
import { presetSpec, type Preset } from '../engine/presets.ts';
import type { RunSpec } from '../engine/runSpec.ts';
import type { LabClientLike } from './labController.ts';
import { forgetCalibration, loadCalibration, saveCalibration, type KeyValueStorage } from './calibrationCache.ts';

export interface EngineTiming {
  engine: EngineName;
  /** Particle-steps per second of the reference preset's quench. */
  rate: number;
}

interface CalibrationStore {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** The engine the calibration picked, with the reason in one line; null until it has timed the engines. */
  picked: EngineName | null;
  reason: string;
  engines: EngineTiming[];
  /** Each preset timed on the picked engine, by preset id. */
  presets: Record<string, PresetCalibration>;
  error: string | null;
  /** When the calibration shown was measured, if it was read back from an earlier page load; null when measured now. */
  savedAt: number | null;
  /** Times again, dropping the saved calibration (set by the page that runs it); null until then. */
  recalibrate: (() => void) | null;
}

export const useCalibrationStore = create<CalibrationStore>()(() => ({ state: 'idle', picked: null, reason: '', engines: [], presets: {}, error: null, savedAt: null, recalibrate: null }));

/**
 * Seconds of a single job's quench and of the rest (start-up, analysis), as the engine timed them (its result's quenchSeconds
 * and seconds): the page's clock would add whatever kept the page's thread busy when the events arrived.
 */
export function timeJob(client: LabClientLike, job: LabJob, engine: EngineName): Promise<{ engine: EngineName; quenchSeconds: number; analysisSeconds: number }> {
  return new Promise((resolve, reject) => {
    let runId = '';
    const early: LabEvent[] = [];
    const on = (e: LabEvent) => {
      if (!runId) { early.push(e); return; }
      if (e.runId !== runId) return;
      if (e.type === 'result') {
        off();
        const r = e.result;
        if (r.kind !== 'single' || r.quenchSeconds === undefined) reject(new Error('the calibration run did not time its quench'));
        else resolve({ engine: r.engine, quenchSeconds: r.quenchSeconds, analysisSeconds: Math.max(0, r.seconds - r.quenchSeconds) });
      } else if (e.type === 'error' || e.type === 'stopped') { off(); reject(new Error(e.type === 'error' ? e.message : 'the calibration run was stopped')); }
    };
    const off = client.onEvent(on);
    runId = client.start(job, engine, { frameIntervalMs: 0 });
    for (const e of early.splice(0)) on(e); // an in-process engine may answer before start returns
  });
}

export interface CalibrateOptions {
  /** Engines to time, in the order to prefer on a tie: ['gpu', 'cpu'] where WebGPU exists, else ['cpu']. */
  engines: EngineName[];
  presets: Preset[];
  /** The preset both engines run (the first preset by default). */
  reference?: Preset;
  /** The shipped starting state of a spec (none at T = ∞). */
  fetchStart(spec: RunSpec): Promise<ConfigurationData | undefined>;
  /** Resolves when the lab is free: the calibration waits while a run goes (it would slow the run, and be slowed by it). */
  idle?: () => Promise<void>;
  /** Where a finished calibration is kept and read back (src/state/calibrationCache.ts), under this machine's key. */
  cache?: { storage: KeyValueStorage; key: string };
  /** Drop the saved calibration and time again. */
  force?: boolean;
}

function engineLabel(e: EngineName): string {
  return e === 'gpu' ? 'WebGPU' : 'float64';
}

/** The long run first (it pays for the JIT and the GPU's pipelines), then the short one; their difference is the steps' cost. */
async function timePreset(client: LabClientLike, p: Preset, engine: EngineName, o: CalibrateOptions) {
  const full = presetSpec(p, engine);
  await o.idle?.();
  const start = await o.fetchStart(full);
  const run = (steps: number) => timeJob(client, { kind: 'single', spec: calibrationSpec(full, steps), ...(start ? { start } : {}) }, engine);
  const long = await run(CALIBRATION_STEPS.long);
  const short = await run(CALIBRATION_STEPS.short);
  const calibration: PresetCalibration = {
    engine: long.engine, ...stepCost(full.n, short.quenchSeconds, long.quenchSeconds), analysisSeconds: Math.min(long.analysisSeconds, short.analysisSeconds),
  };
  return { calibration, rate: 1 / calibration.secondsPerParticleStep };
}

/** Times the engines on the reference preset, picks the faster, then times every preset on it; fills useCalibrationStore. */
export async function calibrate(client: LabClientLike, o: CalibrateOptions): Promise<void> {
  const store = useCalibrationStore;
  const cache = o.cache;
  if (cache && o.force) forgetCalibration(cache.storage, cache.key);
  const saved = cache ? loadCalibration(cache.storage, cache.key, o.presets) : null;
  if (saved) {
    const { savedAt, picked, reason, engines, presets } = saved;
    store.setState({ state: 'done', picked, reason, engines, presets, error: null, savedAt });
    return;
  }
  store.setState({ state: 'running', picked: null, reason: '', engines: [], presets: {}, error: null, savedAt: null });
  try {
    const reference = o.reference ?? o.presets[0];
    const engines: EngineTiming[] = [];
    const referenceTimings: Partial<Record<EngineName, PresetCalibration>> = {};
    for (const engine of o.engines) {
      const { calibration, rate } = await timePreset(client, reference, engine, o);
      if (calibration.engine !== engine) continue; // this engine fell back to the other: nothing to compare
      engines.push({ engine, rate });
      referenceTimings[engine] = calibration;
    }
    if (engines.length === 0) throw new Error('no engine finished its calibration run');
    const best = engines.reduce((a, b) => (b.rate > a.rate ? b : a));
    const fmt = (r: number) => r.toExponential(1).replace('e+', 'e');
    const timings = engines.map((e) => `${engineLabel(e.engine)} ${fmt(e.rate)}`).join(', ');
    const reason = engines.length > 1
      ? `calibration (${reference.title}): ${timings} particle-steps/s, so the ${engineLabel(best.engine)} engine runs (${(best.rate / Math.min(...engines.map((e) => e.rate))).toFixed(1)}× faster here)`
      : `calibration (${reference.title}): ${timings} particle-steps/s on the ${engineLabel(best.engine)} engine`;
    store.setState({ picked: best.engine, reason, engines, presets: { [reference.id]: referenceTimings[best.engine]! } });
    for (const p of o.presets) {
      if (p.id === reference.id) continue;
      const { calibration } = await timePreset(client, p, best.engine, o);
      store.setState((s) => ({ presets: { ...s.presets, [p.id]: calibration } }));
    }
    store.setState({ state: 'done' });
    const s = store.getState();
    if (cache) saveCalibration(cache.storage, cache.key, { picked: best.engine, reason, engines, presets: s.presets, savedAt: Date.now() });
  } catch (e) {
    store.setState({ state: 'failed', error: (e as Error).message });
  }
}
