// The degree-0 costs whose local minima on the unit sphere are the nonlinear quasilocalized excitations of 003:
//   quartic modes π4: E4 = κ²/χ (003 Eq. 12), stationary where M·z = (κ/χ) U⁗⋮zzz (Eq. 8);
//   cubic modes π3:   E3 = κ³/τ² (003 Eq. 31), stationary where M·z = (κ/τ) U‴:zz (Eq. 26).
// At |z| = 1 their gradients are ∇E4 = (4κ/χ)(M·z − (κ/χ) U⁗⋮zzz) and ∇E3 = (6κ²/τ²)(M·z − (κ/τ) U‴:zz).
import type { ExpansionCoefficients, ExpansionFields } from './contractions.ts';

export type ModeOrder = 'quartic' | 'cubic';

/** E and dE/dθ from κ, τ, χ and their θ-derivatives; NaN where the cost is undefined (χ ≤ 0, or τ = 0). */
export function modeCost(order: ModeOrder, k: number, t: number, c: number, dk = 0, dt = 0, dc = 0): { value: number; slope: number } {
  if (order === 'quartic') {
    if (!(c > 0)) return { value: NaN, slope: NaN };
    return { value: (k * k) / c, slope: (2 * k * dk) / c - (k * k * dc) / (c * c) }; // 003 Eq. (12)
  }
  if (t === 0) return { value: NaN, slope: NaN };
  return { value: (k * k * k) / (t * t), slope: (3 * k * k * dk) / (t * t) - (2 * k * k * k * dt) / (t * t * t) }; // 003 Eq. (31)
}

// 003 Eq. (8) / Eq. (26): the residual field M·z − c U (c = κ/χ or κ/τ), written into `out`; returns ∇E's prefactor.
export function stationarityField(order: ModeOrder, e: ExpansionCoefficients, f: ExpansionFields, out: Float64Array): number {
  const { kappa: k, tau: t, chi: c } = e;
  const ratio = order === 'quartic' ? k / c : k / t;
  const u = order === 'quartic' ? f.u4zzz : f.u3zz;
  for (let a = 0; a < out.length; a++) out[a] = f.mz[a] - ratio * u[a];
  return order === 'quartic' ? (4 * k) / c : (6 * k * k) / (t * t);
}
