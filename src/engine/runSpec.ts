// The run spec: one plain object (model, N, T, seed, protocol) that the CLI, the URL and the library all carry.
import { ALGORITHMS, type Algorithm } from '../physics/descent/quench.ts';
import { getModel, type ModelName } from '../physics/models.ts';
import { validateSeed } from '../physics/rng.ts';
import { RUN_LIMITS, specLimitProblem, type SpecSizeLimits } from './limits.ts';

export interface RunSpec {
  model: ModelName;
  n: number;
  /** Initial temperature; Infinity means uniform random positions (000 App. A.1). */
  temperature: number;
  seed: number;
  /** Swap-MC sweeps of equilibration (ignored at T = ∞). */
  sweeps: number;
  algorithm: Algorithm;
  /** SD time step (default: the model's). */
  dt?: number;
  /** SD end time. */
  tMax: number;
  /** Stop when max_i |f_i| falls below this; 0 runs SD to t_max. */
  forceTolerance: number;
  /** Fit window of ⟨|v(t)|⟩ ~ t^−β. */
  fitWindow: { tMin: number; tMax: number };
  /** A shipped equilibrated starting state (a file in public/states/, see src/engine/presets.ts) used instead of equilibrating. */
  initialState?: string;
}

export const DEFAULT_SPEC: Omit<RunSpec, 'model' | 'n' | 'temperature'> = {
  seed: 1,
  sweeps: 1000,
  algorithm: 'sd',
  tMax: 1000,
  forceTolerance: 0,
  fitWindow: { tMin: 3, tMax: 100 },
};

/** A value as an error message quotes it: at most 40 characters, so a hostile link or file cannot flood the message. */
export function shortened(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

export interface RunSpecUse {
  /**
   * Whether a quench starts from the spec's own equilibrium state (default true). False when the job is given its start or
   * only equilibrates: then a Lennard-Jones model may have T = ∞.
   */
  quenchesOwnStart?: boolean;
}

/** Checks every field and throws one clear message for the first problem; sizes and Δt against src/engine/limits.ts. */
export function validateRunSpec(spec: RunSpec, limits: SpecSizeLimits = RUN_LIMITS, use: RunSpecUse = {}): RunSpec {
  const model = getModel(spec.model);
  if (!Number.isInteger(spec.n) || spec.n < 2) throw new Error(`N must be an integer ≥ 2, got ${spec.n}`);
  if (Number.isNaN(spec.temperature) || !(spec.temperature > 0)) throw new Error(`temperature must be positive (or inf), got ${spec.temperature}`);
  // Uniform random positions put Lennard-Jones pairs at r ≪ σ, where r⁻¹² overflows the energy and FIRE/SD cannot recover.
  const quenchesOwnStart = use.quenchesOwnStart ?? true;
  if (quenchesOwnStart && spec.temperature === Infinity && model.potential.kind.startsWith('lennard-jones') && !spec.initialState) {
    throw new Error(`${spec.model} cannot start from T = ∞: random positions overlap and the Lennard-Jones energy diverges; equilibrate at a finite T (e.g. 2.0) instead`);
  }
  validateSeed(spec.seed);
  if (!Number.isInteger(spec.sweeps) || spec.sweeps < 0) throw new Error(`sweeps must be an integer ≥ 0, got ${spec.sweeps}`);
  if (!(ALGORITHMS as readonly string[]).includes(spec.algorithm)) throw new Error(`unknown algorithm "${shortened(String(spec.algorithm))}"; choose sd, fire or cg`);
  if (spec.dt !== undefined && !(spec.dt > 0 && Number.isFinite(spec.dt))) throw new Error(`dt must be a positive number, got ${spec.dt}`);
  if (!(spec.tMax > 0 && Number.isFinite(spec.tMax))) throw new Error(`t-max must be a positive number, got ${spec.tMax}`);
  if (!(spec.forceTolerance >= 0)) throw new Error(`force tolerance must be ≥ 0, got ${spec.forceTolerance}`);
  const w = spec.fitWindow;
  const limit = specLimitProblem(spec, limits);
  if (limit) throw limit;
  if (!(w.tMin > 0 && w.tMax > w.tMin)) throw new Error(`fit window must satisfy 0 < t_min < t_max, got [${w.tMin}, ${w.tMax}]`);
  if (spec.initialState !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.xyz$/.test(spec.initialState)) {
    throw new Error(`initial state must be a state file name like soft2d-T0.8-N1024.xyz, got "${shortened(spec.initialState)}"`);
  }
  return spec;
}
