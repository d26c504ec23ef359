// What the lab knows about the running job, and how each engine event changes it: a pure reducer (tested without a worker),
// wrapped by the zustand store in runStore.ts. Curves grow by samples; frames replace the last; results arrive once.
import type { ConfigurationData, EngineName, LabEvent, LabResult, LandscapeLevelRow, Phase, ScalingResult } from '../engine/lab/protocol.ts';
import { keyedEntries, ownValue } from './userKeys.ts';

export type RunStatus = 'idle' | 'running' | 'paused' | 'done' | 'stopped' | 'error';

export interface Curve {
  name: string;
  t: number[];
  speed: number[];
  energyPerParticle: number[];
}

export interface Frame {
  t: number;
  step: number;
  positions: Float32Array;
  speeds?: Float32Array;
}

export interface McTrace {
  sweeps: number[];
  energyPerParticle: number[];
  /** The temperature of each record (null where the engine did not say): a sweep job equilibrates at each T in turn. */
  temperature: (number | null)[];
  acceptance: { displacement: number; swap: number } | null;
  total: number;
}

export interface RunState {
  runId: string | null;
  status: RunStatus;
  engine: EngineName | null;
  adapter: string | null;
  engineNote: string | null;
  phase: Phase | null;
  phaseLabel: string;
  progress: { fraction: number; secondsLeft: number | null; label: string } | null;
  mc: McTrace | null;
  curves: Record<string, Curve>;
  /** Curve names in order of first sample. */
  curveOrder: string[];
  system: ConfigurationData | null;
  systemLabel: string;
  /** Positions at t = 0 of the current system (for displacements and arrows). */
  reference: Float32Array | null;
  frame: Frame | null;
  result: LabResult | null;
  /** A finite-size scaling job's result (src/engine/lab/scalingJob.ts), kept apart from the lab results that the library and exports read. */
  scaling: ScalingResult | null;
  /** The job is a finite-size scaling run (the library does not record it: it keeps single runs of one spec). */
  scalingRun?: boolean;
  error: string | null;
  /** Normal modes along the quench: the W levels reached so far (streamed `level` events). */
  levels: LandscapeLevelRow[];
}

export const IDLE_RUN: RunState = {
  runId: null, status: 'idle', engine: null, adapter: null, engineNote: null, phase: null, phaseLabel: '', progress: null, mc: null,
  curves: {}, curveOrder: [], system: null, systemLabel: '', reference: null, frame: null, result: null, scaling: null, error: null,
  levels: [],
};

/** The state when job `runId` starts (everything of the last job cleared). */
export function startedRun(runId: string, scalingRun = false): RunState {
  return { ...IDLE_RUN, runId, status: 'running', ...(scalingRun ? { scalingRun } : {}) };
}

function toFloat32(a: ArrayLike<number>): Float32Array {
  return Float32Array.from(a as ArrayLike<number>);
}

/** The new state after `e`; events of another job than the current one are ignored. */
export function reduceLabEvent(s: RunState, e: LabEvent): RunState {
  if (e.runId !== s.runId) return s;
  switch (e.type) {
    case 'engine':
      return { ...s, engine: e.engine, adapter: e.adapter ?? null, engineNote: e.note ?? s.engineNote };
    case 'system':
      return { ...s, system: e.system, systemLabel: e.label, reference: toFloat32(e.system.positions), frame: null };
    case 'phase':
      return { ...s, phase: e.phase, phaseLabel: e.label };
    case 'mc': {
      const mc = s.mc ?? { sweeps: [], energyPerParticle: [], temperature: [], acceptance: null, total: e.sweeps };
      return {
        ...s,
        mc: {
          sweeps: [...mc.sweeps, e.sweep], energyPerParticle: [...mc.energyPerParticle, e.energyPerParticle],
          temperature: [...mc.temperature, e.temperature ?? null], acceptance: e.acceptance, total: e.sweeps,
        },
      };
    }
    case 'sample': {
      const old = ownValue(s.curves, e.curve);
      const c: Curve = old
        ? { name: e.curve, t: [...old.t, e.sample.t], speed: [...old.speed, e.sample.speed], energyPerParticle: [...old.energyPerParticle, e.sample.energyPerParticle] }
        : { name: e.curve, t: [e.sample.t], speed: [e.sample.speed], energyPerParticle: [e.sample.energyPerParticle] };
      return { ...s, curves: keyedEntries([...Object.entries(s.curves), [e.curve, c]]), curveOrder: old ? s.curveOrder : [...s.curveOrder, e.curve] };
    }
    case 'frame':
      // frames still in flight when the pause was announced would move the caption's t while paused: the view holds
      if (s.status === 'paused') return s;
      return { ...s, frame: { t: e.t, step: e.step, positions: e.positions, speeds: e.speeds } };
    case 'progress':
      return { ...s, progress: { fraction: e.fraction, secondsLeft: e.secondsLeft, label: e.label } };
    case 'paused':
      return s.status === 'running' || s.status === 'paused' ? { ...s, status: e.paused ? 'paused' : 'running' } : s;
    case 'level':
      return { ...s, levels: [...s.levels, e.level] };
    case 'partial':
      return s; // partial ensemble summaries are for the CLI's saves; the page draws the streamed samples
    case 'result': {
      const r = e.result;
      if (r.kind === 'equilibrate' || r.kind === 'evaluate' || r.kind === 'nonlinear' || r.kind === 'nonlinearStatistics' || r.kind === 'elastic' || r.kind === 'elasticStudy' || r.kind === 'samples' || r.kind === 'harmonic' || r.kind === 'modes') return { ...s, status: 'error', error: `the page does not run ${r.kind} jobs` };
      if (r.kind === 'scaling') return { ...s, status: 'done', scaling: r, progress: s.progress ? { ...s.progress, fraction: 1, secondsLeft: 0 } : null };
      const final = r.kind === 'single' ? r.final : null;
      return {
        ...s, status: 'done', result: r, progress: s.progress ? { ...s.progress, fraction: 1, secondsLeft: 0 } : null,
        frame: final ? { t: s.frame?.t ?? 0, step: s.frame?.step ?? 0, positions: toFloat32(final.positions), speeds: s.frame?.speeds } : s.frame,
      };
    }
    case 'stopped':
      return { ...s, status: 'stopped' };
    case 'error':
      return { ...s, status: 'error', error: e.message };
  }
}
