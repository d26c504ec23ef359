// How long a preset takes on this machine, from a short calibration run of it (issue 13): the quench costs
// N × (t_max/Δt) particle-steps at the measured seconds per particle-step, plus the analysis (defects, D²min) timed once.
// A preset estimated above about a minute is shortened (t_max and the fit window's end, keeping at least a decade of fit
// window above t_min) so that a lecture does not wait on it, and its card says so.
import { getModel } from '../physics/models.ts';
import type { EngineName } from './lab/protocol.ts';
import type { RunSpec } from './runSpec.ts';

/** What a preset wants at most on this machine: about a minute. */
export const LECTURE_BUDGET_SECONDS = 60;
/** SD steps of a calibration run: enough to time, short enough that all presets calibrate in a few seconds. */
export const CALIBRATION_STEPS = 200;

/** One preset timed on one engine: seconds per particle-step of its quench, and seconds of its analysis. */
export interface PresetCalibration {
  engine: EngineName;
  secondsPerParticleStep: number;
  analysisSeconds: number;
}

/** SD steps of a quench to t_max at the model's default Δt (or the spec's). */
export function quenchSteps(spec: Pick<RunSpec, 'model' | 'tMax' | 'dt'>): number {
  return Math.ceil(spec.tMax / (spec.dt ?? getModel(spec.model).defaultDt));
}

/** Particle-steps per second: the calibration's rate. */
export function particleStepsPerSecond(c: PresetCalibration): number {
  return 1 / c.secondsPerParticleStep;
}

/** Seconds the preset's run takes here: N × steps × (s per particle-step) + analysis. */
export function estimateSeconds(spec: Pick<RunSpec, 'model' | 'n' | 'tMax' | 'dt'>, c: PresetCalibration): number {
  return spec.n * quenchSteps(spec) * c.secondsPerParticleStep + c.analysisSeconds;
}

/** The calibration run of a preset: its spec to CALIBRATION_STEPS steps (the fit window inside them; the fit is not used). */
export function calibrationSpec(spec: RunSpec): RunSpec {
  const tMax = CALIBRATION_STEPS * (spec.dt ?? getModel(spec.model).defaultDt);
  return { ...spec, tMax, fitWindow: { tMin: tMax / 10, tMax } };
}

/** Two significant digits, rounded down (so that a shortened run stays within the budget). */
function roundDown2(x: number): number {
  const p = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.floor(x / p) * p;
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
export function fitToBudget(spec: RunSpec, c: PresetCalibration, budget = LECTURE_BUDGET_SECONDS, minDecades = 1): FittedPreset {
  const seconds = estimateSeconds(spec, c);
  if (seconds <= budget) return { spec, seconds, shortenedFrom: null };
  const dt = spec.dt ?? getModel(spec.model).defaultDt;
  const quenchBudget = Math.max(budget - c.analysisSeconds, 0);
  const affordable = (quenchBudget / (spec.n * c.secondsPerParticleStep)) * dt;
  const floor = spec.fitWindow.tMin * 10 ** minDecades;
  const tMax = Math.min(spec.tMax, Math.max(roundDown2(Math.max(affordable, 1e-12)), floor));
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
