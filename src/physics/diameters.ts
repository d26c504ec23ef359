// 000 App. A.1a: continuous polydispersity f(d) = A d⁻³ on [d_min, d_max], d_min/d_max = 0.449, mean 1.
import type { Rng } from './rng.ts';

export const DIAMETER_RATIO = 0.449;
/** d_max fixed by ⟨d⟩ = 2 d_min d_max / (d_min + d_max) = 1. */
export const D_MAX = (1 + DIAMETER_RATIO) / (2 * DIAMETER_RATIO);
export const D_MIN = DIAMETER_RATIO * D_MAX;

/** Inverse of the cumulative distribution of f(d) ∝ d⁻³: F(d) = (d_min⁻² − d⁻²)/(d_min⁻² − d_max⁻²). */
export function inversePowerLawQuantile(q: number, dMin = D_MIN, dMax = D_MAX): number {
  const a = 1 / (dMin * dMin), b = 1 / (dMax * dMax);
  return 1 / Math.sqrt(a - q * (a - b));
}

/** Mean of f(d) ∝ d⁻³ on [d_min, d_max]. */
export function inversePowerLawMean(dMin = D_MIN, dMax = D_MAX): number {
  return (2 * dMin * dMax) / (dMin + dMax);
}

/**
 * N diameters at the quantile midpoints (k + ½)/N of f(d), in an order shuffled by `rng`.
 * Quantiles instead of independent draws remove sample-to-sample noise in the density (choice).
 */
export function polydisperseDiameters(n: number, rng: Rng): Float64Array {
  const d = new Float64Array(n);
  for (let k = 0; k < n; k++) d[k] = inversePowerLawQuantile((k + 0.5) / n);
  shuffleInPlace(d, rng);
  return d;
}

/** Polydispersity δ = sqrt(⟨d²⟩ − ⟨d⟩²)/⟨d⟩. */
export function polydispersity(d: ArrayLike<number>): number {
  let s = 0, s2 = 0;
  for (let i = 0; i < d.length; i++) { s += d[i]; s2 += d[i] * d[i]; }
  const m = s / d.length;
  return Math.sqrt(s2 / d.length - m * m) / m;
}

/** Fisher–Yates with the counter-based generator. */
export function shuffleInPlace<T extends { length: number; [k: number]: number }>(a: T, rng: Rng): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
  return a;
}
