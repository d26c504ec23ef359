// How long a preset takes on this machine, from a short calibration run of it (issue 13): the quench costs
// N × (t_max/Δt) particle-steps at the measured seconds per particle-step, plus the analysis (defects, D²min) timed once.
// A preset estimated above about a minute is shortened (t_max and the fit window's end, keeping at least half a decade
// of fit window above t_min) so that a lecture does not wait on it, and its card says so.
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
}

/**
 * The preset's spec for this machine: as it is when its estimate fits `budget`; else t_max (and the fit window's end) cut
 * to what fits, but not below `minDecades` decades of fit window above t_min (then the estimate says honestly it is over).
 */
export function fitToBudget(spec: RunSpec, c: PresetCalibration, budget = LECTURE_BUDGET_SECONDS, minDecades = 0.5): FittedPreset {
  const seconds = estimateSeconds(spec, c);
  if (seconds <= budget) return { spec, seconds, shortenedFrom: null };
  const dt = spec.dt ?? getModel(spec.model).defaultDt;
  const quenchBudget = Math.max(budget - c.analysisSeconds - c.startSeconds, 0);
  const affordable = (quenchBudget / (spec.n * c.secondsPerParticleStep)) * dt;
  const floor = roundUp2(spec.fitWindow.tMin * 10 ** minDecades);
  const tMax = Number(Math.min(spec.tMax, Math.max(roundDown2(Math.max(affordable, 1e-12)), floor)).toPrecision(2));
  if (tMax >= spec.tMax) return { spec, seconds, shortenedFrom: null };
  const fitted: RunSpec = { ...spec, tMax, fitWindow: { tMin: spec.fitWindow.tMin, tMax: Math.min(spec.fitWindow.tMax, tMax) } };
  return { spec: fitted, seconds: estimateSeconds(fitted, c), shortenedFrom: spec.tMax };
}

/** "≈ 4 s", "≈ 45 s", "≈ 2 min": an estimate for a card. */
export function formatEstimate(seconds: number): string {
  if (seconds < 10) return `≈ ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90) return `≈ ${Math.round(seconds / 5) * 5} s`;
  if (seconds < 3600) return `≈ ${Math.round(seconds / 60)} min`;
  return `≈ ${(seconds / 3600).toFixed(1)} h`;
}
