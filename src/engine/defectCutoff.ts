// The equilibrium neighbor cutoff x_cut^EQ for defects (001 SM III): the first minimum of g(x), kept inside the range
// the paper measured, 1.34–1.48, which also satisfies x_insert = 1.23 < x_cut^EQ < x_break = 1.5 as the definition requires.
import { equilibriumCutoff, type CutoffOptions } from '../physics/analysis/defects.ts';
import type { Configuration } from '../physics/configuration.ts';
import type { Model } from '../physics/models.ts';

export const PAPER_CUTOFF_RANGE = [1.34, 1.48] as const;

export interface DefectCutoff {
  xCutEq: number;
  /** How it was found: the measured minimum, the minimum moved into the paper's range, or the range's middle. */
  source: string;
}

// 001 SM III: x_cut^EQ = x_min^EQ, with x_min^EQ ≈ 1.34–1.48 for T = 0.035–0.8.
// `options` reach g(x) (e.g. referenceParticles: g(x) from a random subset of reference particles, all partners).
export function defectCutoff(states: Configuration | readonly Configuration[], model: Model, options: CutoffOptions = {}): DefectCutoff {
  const [lo, hi] = PAPER_CUTOFF_RANGE;
  const n = (Array.isArray(states) ? (states as readonly Configuration[])[0] : (states as Configuration)).diameters.length;
  const subset = options.referenceParticles !== undefined && n > options.referenceParticles ? ` (g(x) from ${options.referenceParticles} random reference particles)` : '';
  let measured: number;
  try {
    measured = equilibriumCutoff(states, model, options);
  } catch {
    return { xCutEq: 0.5 * (lo + hi), source: 'g(x) has no first minimum (e.g. T = ∞): middle of the range 1.34–1.48 of 001 SM III' };
  }
  if (measured >= lo && measured <= hi) return { xCutEq: measured, source: `first minimum of g(x) of the equilibrium state(s)${subset}` };
  const clamped = Math.min(hi, Math.max(lo, measured));
  return { xCutEq: clamped, source: `first minimum of g(x) at ${measured.toFixed(3)}${subset} moved into the range 1.34–1.48 of 001 SM III` };
}

/**
 * Why the per-particle analysis (defects φ_i of 001 SM III, D²min of 000 ref. 62) does not apply to a state, or null:
 * a Mari–Kurchan state's interacting pairs are not its spatial neighbors (000 App. A.1d), and both analyses list pairs
 * within 1.5 s_ij, which needs a box side of at least 3 s_max (small 8D boxes: L = 2.67 at N = 16384).
 */
export function particleAnalysisProblem(model: Model, c: Configuration): string | null {
  if (model.pairShifts) return `no defects or D²min for ${model.name}: its interacting pairs are shifted, not spatial neighbors`;
  const side = Math.min(...c.box.lengths);
  const range = 1.5 * model.maxSigma(c);
  if (side < 2 * range) return `no defects or D²min: the box side ${side.toFixed(3)} is below twice their neighbor range ${range.toFixed(2)} (more particles)`;
  return null;
}

