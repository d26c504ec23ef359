// How long a preset takes on this machine, from a short calibration run of it (issue 13): the quench costs
// N × (t_max/Δt) particle-steps at the measured seconds per particle-step, plus the analysis (defects, D²min) timed once.
// A preset estimated above about a minute is shortened (t_max first, then N with the fit window's end along the finite-size
// cut-off t ~ N^z, keeping at least half a decade of fit window above t_min) so that a lecture does not wait on it, and its
// card says so.
import { getModel } from '../physics/models.ts';
import type { EngineName } from './lab/protocol.ts';
import type { RunSpec } from './runSpec.ts';

/** What a preset wants at most on this machine: about a minute. */
export const LECTURE_BUDGET_SECONDS = 60;
/**
 * SD steps of the two calibration runs of a preset: the difference of their quench times is the cost of the extra steps
 * alone (a run's start — neighbour lists, first forces, the JIT — costs as much as hundreds of steps of a fast model).
 */
export const CALIBRATION_STEPS = { short: 100, long: 400 } as const;

/** One preset timed on one engine: seconds per particle-step of its quench, its fixed start-up, and its analysis. */
export interface PresetCalibration {
  engine: EngineName;
  secondsPerParticleStep: number;
  /** Seconds of a quench's start that do not grow with its length. */
  startSeconds: number;
  analysisSeconds: number;
}

/** Seconds per particle-step and start-up from the quench times of the short and long runs of N particles. */
export function stepCost(n: number, shortSeconds: number, longSeconds: number): { secondsPerParticleStep: number; startSeconds: number } {
  const extra = CALIBRATION_STEPS.long - CALIBRATION_STEPS.short;
  // Noise can make the long run look no slower; then the long run's mean cost per step is the (upper) estimate.
  const perStep = longSeconds > shortSeconds ? (longSeconds - shortSeconds) / extra : longSeconds / CALIBRATION_STEPS.long;
  const startSeconds = Math.max(0, shortSeconds - perStep * CALIBRATION_STEPS.short);
  return { secondsPerParticleStep: Math.max(perStep, 1e-12) / n, startSeconds };
}

/** SD steps of a quench to t_max at the model's default Δt (or the spec's). */
export function quenchSteps(spec: Pick<RunSpec, 'model' | 'tMax' | 'dt'>): number {
  return Math.ceil(spec.tMax / (spec.dt ?? getModel(spec.model).defaultDt));
}

/** Particle-steps per second: the calibration's rate. */
export function particleStepsPerSecond(c: PresetCalibration): number {
  return 1 / c.secondsPerParticleStep;
}

/** Seconds the preset's run takes here: start-up + N × steps × (s per particle-step) + analysis. */
export function estimateSeconds(spec: Pick<RunSpec, 'model' | 'n' | 'tMax' | 'dt'>, c: PresetCalibration): number {
  return c.startSeconds + spec.n * quenchSteps(spec) * c.secondsPerParticleStep + c.analysisSeconds;
}

/** A calibration run of a preset: its spec to `steps` steps (the fit window inside them; the fit is not used). */
export function calibrationSpec(spec: RunSpec, steps: number = CALIBRATION_STEPS.long): RunSpec {
  const tMax = steps * (spec.dt ?? getModel(spec.model).defaultDt);
  return { ...spec, tMax, fitWindow: { tMin: tMax / 10, tMax } };
}

/** Two significant digits, rounded down (so that a shortened run stays within the budget). */
function roundDown2(x: number): number {
  const p = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.floor(x / p) * p;
}

/** Two significant digits, rounded up. */
function roundUp2(x: number): number {
  const p = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.ceil(Number((x / p).toFixed(9))) * p;
}

export interface FittedPreset {
  spec: RunSpec;
  seconds: number;
  /** The preset's own t_max before shortening, when it was shortened. */
  shortenedFrom: number | null;
  /** The preset's own N before shrinking, when N was shrunk too. */
  shrunkFrom: number | null;
}

/**
 * The exponent z of the finite-size cut-off t_c ~ N^z of the SD velocity (001 SM II; docs/PHYSICS.md §6): 0.6 (2D), 0.4 (3D),
 * 0.75 (higher d) at high T; ≈ 1 (2D), 0.33 (3D) deep in the glass. The larger of the two, so that a window end scaled as
 * N^z never comes closer to the cut-off than the preset's own.
 */
export function finiteSizeExponent(dim: number): number {
  return dim === 2 ? 1 : dim === 3 ? 0.4 : 0.75;
}

/** A shrunk preset keeps N at least this fraction of its own: one sample's β scatter (∝ N^−½) at most doubles. */
export const MIN_N_FRACTION = 1 / 4;
/**
 * Nor below this N: every model's box then stays above twice its interaction range (Kob–Andersen at ρ = 1.2: L = 5.9
 * against 2 × (2.5 σ + skin)), which the neighbour lists need for the minimum image.
 */
export const MIN_SHRUNK_N = 250;

/** Two significant digits of N, rounded down. */
function roundDownN(n: number): number {
  return Math.max(2, Math.floor(roundDown2(n)));
}

/** The spec at N = n and t_max (the window's end at most t_max); the shipped state only fits the preset's own N. */
function withSize(spec: RunSpec, n: number, tMax: number): RunSpec {
  const { initialState, ...rest } = spec;
  const fitWindow = { tMin: spec.fitWindow.tMin, tMax: Math.min(spec.fitWindow.tMax, tMax) };
  return { ...rest, n, tMax, fitWindow, ...(n === spec.n && initialState !== undefined ? { initialState } : {}) };
}

/**
 * What one swap-MC particle move costs in SD particle-steps, taken at the dearest we measured (float64, in Node, N ≈ 250,
 * 2000 sweeps against 300 SD steps: soft2d 0.6, ka3d 4.4, whose 2.5 σ cut-off holds many neighbours): an upper bound.
 */
export const MC_MOVE_PARTICLE_STEPS = 5;

/**
 * Seconds of `fitted`, a resized `preset`: when it lost the preset's shipped state (N shrunk) it runs its sweeps of swap MC
 * first, N × sweeps moves at MC_MOVE_PARTICLE_STEPS particle-steps each.
 * A preset without a shipped state equilibrates in its calibration runs already: their analysis time holds it.
 */
export function resizedEstimate(fitted: RunSpec, preset: RunSpec, c: PresetCalibration): number {
  const lostState = preset.initialState !== undefined && fitted.initialState === undefined && Number.isFinite(fitted.temperature);
  return estimateSeconds(fitted, c) + (lostState ? fitted.n * fitted.sweeps * MC_MOVE_PARTICLE_STEPS * c.secondsPerParticleStep : 0);
}

/**
 * The preset's spec for this machine: as it is when its estimate fits `budget`. Else, in the order that costs the β
 * measurement least:
 * 1. t_max cut towards the fit window's end (the fit does not see past it);
 * 2. N and the window's end shrunk together along t_end ∝ N^z, so the window keeps its place below the finite-size cut-off
 *    t_c ~ N^z: for a cost ∝ N·t_end this keeps the most decades of window (cutting t_end alone at fixed N would keep fewer);
 * 3. not below a quarter of N nor MIN_SHRUNK_N: there the window's end alone is cut, but not below `minDecades` decades above t_min
 *    (or, where re-equilibrating at a smaller N costs more than it saves, the preset's own N is cut in t alone); then the
 *    estimate says honestly it is over.
 */
export function fitToBudget(spec: RunSpec, c: PresetCalibration, budget = LECTURE_BUDGET_SECONDS, minDecades = 0.5): FittedPreset {
  const seconds = estimateSeconds(spec, c);
  if (seconds <= budget) return { spec, seconds, shortenedFrom: null, shrunkFrom: null };
  const dt = spec.dt ?? getModel(spec.model).defaultDt;
  const floor = roundUp2(spec.fitWindow.tMin * 10 ** minDecades);
  const tEnd0 = Math.min(spec.fitWindow.tMax, spec.tMax);
  const done = (s: RunSpec): FittedPreset => ({
    spec: s, seconds: resizedEstimate(s, spec, c), shortenedFrom: s.tMax < spec.tMax ? spec.tMax : null, shrunkFrom: s.n < spec.n ? spec.n : null,
  });
  // 1. t_max down to what fits, but not below the window's end.
  const quenchBudget = Math.max(budget - c.analysisSeconds - c.startSeconds, 0);
  const affordable = (quenchBudget / (spec.n * c.secondsPerParticleStep)) * dt;
  if (affordable >= tEnd0) {
    const tMax = Number(Math.min(spec.tMax, Math.max(roundDown2(affordable), tEnd0)).toPrecision(2));
    return done(withSize(spec, spec.n, Math.max(tMax, tEnd0)));
  }
  // 2. N and t_end together, t_end = t_end0 (N/N0)^z: the largest N (two significant digits) whose run fits the budget.
  const z = finiteSizeExponent(getModel(spec.model).dim);
  const nMin = Math.min(spec.n, Math.max(roundDownN(spec.n * MIN_N_FRACTION), MIN_SHRUNK_N));
  const at = (n: number): RunSpec => {
    const tEnd = Math.max(floor, Number(roundDown2(tEnd0 * (n / spec.n) ** z).toPrecision(2)));
    return withSize(spec, n, Math.min(tEnd, tEnd0));
  };
  let lo = nMin;
  let hi = spec.n;
  if (resizedEstimate(at(lo), spec, c) > budget) {
    // 3. At the smallest N, the window's end cut further (it moves away from the cut-off, which is safe), down to the floor.
    const equilibration = resizedEstimate(at(lo), spec, c) - estimateSeconds(at(lo), c);
    const left = (Math.max(quenchBudget - equilibration, 0) / (lo * c.secondsPerParticleStep)) * dt;
    const tMax = Number(Math.min(at(lo).tMax, Math.max(floor, roundDown2(Math.max(left, 1e-12)))).toPrecision(2));
    const small = withSize(spec, lo, tMax);
    // A deep glass re-equilibrates for long at a new N (its sweeps, no shipped state): then its own N, cut in t alone, is faster.
    const ownLeft = (quenchBudget / (spec.n * c.secondsPerParticleStep)) * dt;
    const own = withSize(spec, spec.n, Number(Math.min(tEnd0, Math.max(floor, roundDown2(Math.max(ownLeft, 1e-12)))).toPrecision(2)));
    return done(resizedEstimate(small, spec, c) < resizedEstimate(own, spec, c) ? small : own);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (resizedEstimate(at(mid), spec, c) <= budget) lo = mid; else hi = mid;
  }
  return done(at(roundDownN(lo) >= nMin ? roundDownN(lo) : lo));
}

/** "≈ 4 s", "≈ 45 s", "≈ 2 min": an estimate for a card. */
export function formatEstimate(seconds: number): string {
  if (seconds < 10) return `≈ ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90) return `≈ ${Math.round(seconds / 5) * 5} s`;
  if (seconds < 3600) return `≈ ${Math.round(seconds / 60)} min`;
  return `≈ ${(seconds / 3600).toFixed(1)} h`;
}
