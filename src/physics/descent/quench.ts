// The quench: run SD (a dynamics) or FIRE / CG (minimizers) from a configuration, recording ⟨|v|⟩, E/N and W on log-spaced times.
import { cloneConfiguration, particleCount, type Configuration } from '../configuration.ts';
import { createLandscape, energy, type Landscape } from '../forces.ts';
import type { Model } from '../models.ts';
import { wrapPositions } from '../space.ts';
import { permuteConfiguration, spatialOrder, unpermutePositions } from '../spatialSort.ts';
import { conjugateGradient } from './conjugateGradient.ts';
import { fire } from './fire.ts';
import { logSampler } from './logSampler.ts';
import { landscapeForces, maxParticleForce, meanSquaredForce, type DescentState } from './state.ts';
import { steepestDescent } from './steepestDescent.ts';

export const ALGORITHMS = ['sd', 'fire', 'cg'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** The defaults of a quench's options; the GPU quench (src/gpu/quench.ts) takes the same ones, except its force tolerance. */
export const QUENCH_DEFAULTS = { tMax: 1e4, forceTolerance: 1e-10, maxSteps: 1e7, samplesPerDecade: 20 } as const;

export interface QuenchOptions {
  algorithm: Algorithm;
  /** Time step: SD Euler step (default model.defaultDt), FIRE initial step (default model.fireDt). */
  dt?: number;
  /** Stop SD at this physical time (default 1e4). Ignored by FIRE and CG. */
  tMax?: number;
  /** Stop when max_i |f_i| falls below this (default 1e-10; 0 runs SD to t_max). */
  forceTolerance?: number;
  /** Hard cap on iterations (default 1e7). */
  maxSteps?: number;
  /** Observation points per decade (default 20, at least 10). */
  samplesPerDecade?: number;
  /** Called at every recorded sample. */
  onSample?: (sample: QuenchSample) => void;
  /** Cooperative cancellation: checked every step. */
  shouldStop?: () => boolean;
  /** Called after every step with W = (1/N) Σ|f_i|² (002 Eq. 1) and the positions on demand (fixed-W sampling, 002 §III A). */
  onStep?: (step: QuenchStep) => void;
}

export interface QuenchStep {
  readonly t: number;
  readonly step: number;
  readonly meanSquaredForce: number;
  /** Positions in the original particle order, wrapped into the box (a new array). */
  positions(): Float64Array;
}

export interface QuenchSample {
  /** SD: physical time; FIRE: accumulated fictive time; CG: summed line-search step. */
  t: number;
  step: number;
  /** sqrt((1/N) Σ|f_i|²): the SD speed |v| of 000 Eq. (2). */
  speed: number;
  energyPerParticle: number;
  /** W = (1/N) Σ |f_i|² (002 Eq. 1). */
  meanSquaredForce: number;
  maxForce: number;
}

export interface QuenchSeries {
  t: number[];
  step: number[];
  speed: number[];
  energyPerParticle: number[];
  meanSquaredForce: number[];
}

export type StopReason = 'force-tolerance' | 't-max' | 'max-steps' | 'stuck' | 'cancelled';

export interface QuenchResult {
  algorithm: Algorithm;
  dt: number;
  final: Configuration;
  series: QuenchSeries;
  steps: number;
  forceCalls: number;
  reason: StopReason;
  energyPerParticle: number;
  maxForce: number;
  neighborListBuilds: number;
}

export function emptySeries(): QuenchSeries {
  return { t: [], step: [], speed: [], energyPerParticle: [], meanSquaredForce: [] };
}

function record(series: QuenchSeries, s: QuenchSample): void {
  series.t.push(s.t);
  series.step.push(s.step);
  series.speed.push(s.speed);
  series.energyPerParticle.push(s.energyPerParticle);
  series.meanSquaredForce.push(s.meanSquaredForce);
}

/** Validate user-facing quench options with clear messages. */
export function validateQuenchOptions(o: QuenchOptions): void {
  if (!(ALGORITHMS as readonly string[]).includes(o.algorithm)) throw new Error(`unknown algorithm "${o.algorithm}"; choose sd, fire or cg`);
  if (o.dt !== undefined && !(o.dt > 0 && Number.isFinite(o.dt))) throw new Error(`--dt must be a positive number, got ${o.dt}`);
  if (o.tMax !== undefined && !(o.tMax > 0)) throw new Error(`--t-max must be positive, got ${o.tMax}`);
  if (o.forceTolerance !== undefined && !(o.forceTolerance >= 0)) throw new Error(`force tolerance must be ≥ 0, got ${o.forceTolerance}`);
  if (o.samplesPerDecade !== undefined && !(Number.isInteger(o.samplesPerDecade) && o.samplesPerDecade >= 10)) {
    throw new Error(`samples per decade must be an integer ≥ 10, got ${o.samplesPerDecade}`);
  }
}

/** A quench in progress (startQuench): advance it in slices, look at it between slices, finish it. */
export interface QuenchRun {
  readonly algorithm: Algorithm;
  readonly dt: number;
  /** The log-spaced samples recorded so far. */
  readonly series: QuenchSeries;
  /** The latest recorded sample. */
  readonly latest: QuenchSample;
  /** Steps taken so far. */
  readonly step: number;
  /** SD: physical time; FIRE: fictive time; CG: summed line-search step. */
  readonly t: number;
  /** The last step an SD run can take (t_max), or maxSteps for the minimizers. */
  readonly lastStep: number;
  /** The stopping rule that ended the run, or null while it runs. */
  readonly reason: StopReason | null;
  /** Runs up to `maxSteps` more steps, or until performance.now() ≥ `deadlineMs`; true once the run has ended. */
  advance(limit?: { maxSteps?: number; deadlineMs?: number }): boolean;
  /** Current positions in the original particle order, wrapped into the box (a new array). */
  positions(): Float64Array;
  /** |f_i| per particle in the original order (the SD speed |v_i| with ζ = 1). */
  particleForces(): Float64Array;
  /** Ends the run where it is (reason 'cancelled' unless it had already ended) and returns what quench() returns. */
  finish(): QuenchResult;
}

// 000 Eq. (1)–(2): the quench loop of quench() as an init/step object, so a caller can run it in slices with identical numbers.
export function startQuench(model: Model, original: Configuration, options: QuenchOptions, landscape?: Landscape): QuenchRun {
  validateQuenchOptions(options);
  // Work on a spatially sorted copy for memory locality (unless the caller supplies a landscape for its own order, or the
  // model's pair shifts are keyed by the particle indices: Mari–Kurchan, 000 App. A.1d).
  const order = landscape || model.pairShifts ? null : spatialOrder(original);
  const start = order ? permuteConfiguration(original, order) : original;
  const land = landscape ?? createLandscape(model, start);
  const n = particleCount(start);
  const d = model.dim;
  const dt = options.dt ?? (options.algorithm === 'fire' ? model.fireDt : model.defaultDt);
  const tMax = options.tMax ?? QUENCH_DEFAULTS.tMax;
  const fTol = options.forceTolerance ?? QUENCH_DEFAULTS.forceTolerance;
  const maxSteps = options.maxSteps ?? QUENCH_DEFAULTS.maxSteps;
  const perDecade = options.samplesPerDecade ?? QUENCH_DEFAULTS.samplesPerDecade;
  const series = emptySeries();
  const forces = landscapeForces(land);

  const sample = (s: DescentState): QuenchSample => {
    if (options.algorithm !== 'cg') s.energy = energy(land, s.positions); // SD and FIRE skip the energy between samples
    const w = meanSquaredForce(s.forces, n);
    return { t: s.t, step: s.step, speed: Math.sqrt(w), energyPerParticle: s.energy / n, meanSquaredForce: w, maxForce: maxParticleForce(s.forces, d) };
  };
  let latest: QuenchSample;
  const emit = (q: QuenchSample) => { record(series, q); latest = q; options.onSample?.(q); };

  let state: DescentState & { stuck?: boolean };
  let stepOnce: () => void;
  let sampler: ReturnType<typeof logSampler>;
  let clock: () => number;
  if (options.algorithm === 'sd') {
    const sd = steepestDescent(forces, { dt, n, adaptive: true }); // substeps where a step of Δt would be unstable
    const s = sd.init(start.positions);
    state = s;
    stepOnce = () => { sd.step(s); };
    sampler = logSampler(dt, perDecade);
    clock = () => s.t;
  } else if (options.algorithm === 'fire') {
    const fi = fire(forces, { dt, dim: d });
    const s = fi.init(start.positions);
    state = s;
    stepOnce = () => { fi.step(s); };
    sampler = logSampler(1, perDecade);
    clock = () => s.step;
  } else {
    const cg = conjugateGradient(forces, { dim: d });
    const s = cg.init(start.positions);
    state = s;
    stepOnce = () => { cg.step(s); };
    sampler = logSampler(1, perDecade);
    clock = () => s.step;
  }

  if (!Number.isFinite(state.energy)) throw new Error('the starting configuration has a non-finite energy (overlapping particles): equilibrate it first');
  const first = sample(state);
  latest = first;
  emit(first);
  let maxForce = first.maxForce;
  let reason: StopReason | null = null;
  const stopRule = (): StopReason | null => {
    if (maxForce <= fTol) return 'force-tolerance';
    if (options.algorithm === 'sd' && state.t >= tMax * (1 - 1e-12)) return 't-max';
    if (state.step >= maxSteps) return 'max-steps';
    if (state.stuck) return 'stuck';
    if (options.shouldStop?.()) return 'cancelled';
    return null;
  };
  const end = (why: StopReason) => {
    reason = why;
    // Make sure the final point is in the series.
    if (series.step[series.step.length - 1] !== state.step) emit(sample(state));
  };
  const currentPositions = () => wrapPositions(start.box, order ? unpermutePositions(state.positions, order, d) : state.positions.slice());
  const lastStep = options.algorithm === 'sd' ? Math.min(maxSteps, Math.ceil((tMax * (1 - 1e-12)) / dt)) : maxSteps;

  return {
    algorithm: options.algorithm,
    dt,
    series,
    get latest() { return latest; },
    get step() { return state.step; },
    get t() { return state.t; },
    lastStep,
    get reason() { return reason; },
    advance(limit = {}) {
      const budget = limit.maxSteps ?? Infinity;
      const deadline = limit.deadlineMs;
      for (let taken = 0; reason === null; taken++) {
        const why = stopRule();
        if (why) { end(why); break; }
        if (taken >= budget || (deadline !== undefined && performance.now() >= deadline)) break;
        stepOnce();
        if (options.onStep) options.onStep({ t: state.t, step: state.step, meanSquaredForce: meanSquaredForce(state.forces, n), positions: currentPositions });
        const due = sampler.due(clock());
        // The force criterion needs max|f_i| after every step, but only when there is a tolerance to meet.
        if (fTol > 0) maxForce = maxParticleForce(state.forces, d);
        if (due || maxForce <= fTol) {
          const q = sample(state);
          maxForce = q.maxForce;
          emit(q);
        }
      }
      return reason !== null;
    },
    positions: currentPositions,
    particleForces() {
      const out = new Float64Array(n);
      const f = state.forces;
      for (let k = 0; k < n; k++) {
        let s = 0;
        for (let a = 0; a < d; a++) s += f[k * d + a] * f[k * d + a];
        out[order ? order[k] : k] = Math.sqrt(s);
      }
      return out;
    },
    finish() {
      if (reason === null) end('cancelled');
      const final = cloneConfiguration(original);
      final.positions.set(order ? unpermutePositions(state.positions, order, d) : state.positions);
      wrapPositions(final.box, final.positions);
      return {
        algorithm: options.algorithm,
        dt,
        final,
        series,
        steps: state.step,
        forceCalls: state.forceCalls,
        reason: reason ?? 'cancelled',
        energyPerParticle: state.energy / n,
        maxForce: maxParticleForce(state.forces, d),
        neighborListBuilds: land.list.builds,
      };
    },
  };
}

// 000 Eq. (1)–(2): the whole quench in one call (startQuench run to its end).
export function quench(model: Model, original: Configuration, options: QuenchOptions, landscape?: Landscape): QuenchResult {
  const run = startQuench(model, original, options, landscape);
  run.advance();
  return run.finish();
}
