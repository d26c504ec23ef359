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
