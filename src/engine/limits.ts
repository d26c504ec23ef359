// The one table of limits on a run: what the lab's controls accept (src/state/specDraft.ts), what a share link may ask for
// (src/io/shareLinkRead.ts), what a run spec may hold (validateRunSpec) and what `glasslab run --spec` reads. A value that
// one of them accepts, all accept. Also the run's cost, so that a link to a very long run asks before it starts.
import { getModel, type ModelName } from '../physics/models.ts';

export const RUN_LIMITS = {
  minN: 2,
  /** The GPU engine's buffers. */
  maxN: 262_144,
  /** What the float64 engine runs live in the lab (the page caps N at this when the GPU engine is not in use). */
  maxNFloat64: 65_536,
  maxSweeps: 10_000_000,
  maxTMax: 1e7,
  /** Δt may be at most this many times the model's default step (beyond it SD blows up). */
  maxDtOverDefault: 20,
  /** Samples of an ensemble or of each temperature of a sweep. */
  maxSamples: 1000,
  minTemperatures: 2,
  maxTemperatures: 20,
} as const;

/** Estimated particle updates above which a linked run asks before it starts (minutes on a fast GPU, hours in float64). */
export const LONG_RUN_WORK = 1e10;

/** A limit broken: which field, and one line saying what is allowed. */
export class LimitProblem extends Error {
  constructor(readonly field: 'n' | 'sweeps' | 'tMax' | 'dt' | 'samples' | 'temperatures', message: string) {
    super(message);
    this.name = 'LimitProblem';
  }
}

const L = RUN_LIMITS;
const en = (x: number) => x.toLocaleString('en');

/** The largest Δt a model accepts. */
export function maxDt(model: ModelName): number {
  return L.maxDtOverDefault * getModel(model).defaultDt;
}

/** Bounds on a spec's sizes: RUN_LIMITS's, a smaller N for the float64 engine, or larger ones to read back a record of a past run. */
export interface SpecSizeLimits { maxN: number; maxSweeps: number; maxTMax: number }

/** Checks the sizes of a run spec and its Δt against the table; null when every one fits. */
export function specLimitProblem(spec: { model: ModelName; n: number; sweeps: number; tMax: number; dt?: number }, sizes: SpecSizeLimits = L): LimitProblem | null {
  if (!Number.isInteger(spec.n) || spec.n < L.minN || spec.n > sizes.maxN) return new LimitProblem('n', `N must be a whole number from ${L.minN} to ${en(sizes.maxN)}, got ${spec.n}`);
  if (!Number.isInteger(spec.sweeps) || spec.sweeps < 0 || spec.sweeps > sizes.maxSweeps) return new LimitProblem('sweeps', `sweeps must be a whole number from 0 to ${en(sizes.maxSweeps)}, got ${spec.sweeps}`);
  if (!(spec.tMax > 0) || spec.tMax > sizes.maxTMax) return new LimitProblem('tMax', `t_max must be a positive number up to ${en(sizes.maxTMax)}, got ${spec.tMax}`);
  if (spec.dt !== undefined) {
    const top = maxDt(spec.model);
    if (!(spec.dt > 0) || !Number.isFinite(spec.dt)) return new LimitProblem('dt', `Δt must be a positive number, got ${spec.dt}`);
    if (spec.dt > top) return new LimitProblem('dt', `Δt = ${spec.dt} is far above ${spec.model}'s stable step (${getModel(spec.model).defaultDt}); at most ${top}, or SD would blow up`);
  }
  return null;
}

/** Checks an ensemble's or sweep's samples and a sweep's number of temperatures; null when they fit. */
export function jobLimitProblem(job: { samples?: number; temperatures?: readonly number[] }): LimitProblem | null {
  const { samples, temperatures } = job;
  if (samples !== undefined && (!Number.isInteger(samples) || samples < 1 || samples > L.maxSamples)) {
    return new LimitProblem('samples', `samples must be a whole number from 1 to ${en(L.maxSamples)}, got ${samples}`);
  }
  if (temperatures !== undefined && (temperatures.length < L.minTemperatures || temperatures.length > L.maxTemperatures)) {
    return new LimitProblem('temperatures', `a sweep holds ${L.minTemperatures} to ${L.maxTemperatures} temperatures, got ${temperatures.length}`);
  }
  return null;
}

/** What a run costs: its sizes, and the particle updates they add up to (MC sweeps plus SD steps, for every sample). */
export interface RunCost {
  n: number;
  sweeps: number;
  tMax: number;
  samples: number;
  temperatures: number;
  /** Quenches of the job: samples × temperatures (3 for a comparison of SD, FIRE and CG from one start). */
  quenches: number;
  /** N × (sweeps × equilibrations + (t_max/Δt) × quenches). */
  work: number;
  /** Above LONG_RUN_WORK: ask before starting it. */
  long: boolean;
}

export function runCost(spec: { model: ModelName; n: number; sweeps: number; tMax: number; dt?: number; temperature: number },
  job: { kind: string; samples?: number; temperatures?: readonly number[] }): RunCost {
  const samples = job.samples ?? 1;
  const temperatures = job.temperatures?.length ?? 1;
  const compare = job.kind === 'compare';
  const equilibrations = compare ? 1 : samples * temperatures;
  const quenches = compare ? 3 : samples * temperatures;
  const sweeps = Number.isFinite(spec.temperature) || job.temperatures ? spec.sweeps : 0; // T = ∞ does not equilibrate
  const steps = spec.tMax / (spec.dt ?? getModel(spec.model).defaultDt);
  const work = spec.n * (sweeps * equilibrations + steps * quenches);
  return { n: spec.n, sweeps, tMax: spec.tMax, samples, temperatures, quenches, work, long: work > LONG_RUN_WORK };
}
