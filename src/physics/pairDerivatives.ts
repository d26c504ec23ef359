// A pair's energy φ(r) = ε u(r/s) and its first four r-derivatives φ′ … φ⁗ (each u⁽ᵏ⁾ of potentials.ts scaled by ε/sᵏ),
// and the coefficients A1 … A4 with which they enter the expansion of the energy along a displacement field (issue 11,
// 003 Eq. C2): for a pair separation x (|x| = r) displaced by w = z_j − z_i, with p = x·w and b = w·w,
//   d/ds φ|x + s w|   = A1 p,           d²/ds² = A2 p² + A1 b,
//   d³/ds³            = A3 p³ + 3A2 p b, d⁴/ds⁴ = A4 p⁴ + 6A3 p² b + 3A2 b²   (all at s = 0),
// with A1 = φ′/r, A2 = (φ″ − φ′/r)/r², A3 = (φ‴ − 3φ″/r + 3φ′/r²)/r³, A4 = (φ⁗ − 6φ‴/r + 15φ″/r² − 15φ′/r³)/r⁴.
// (A_k = 2ᵏ dᵏφ/d(r²)ᵏ: φ as a function of r², whose argument r² + 2sp + s²b is a polynomial in s.)
import type { RadialPotential } from './potentials.ts';

/** φ′(r) … φ⁗(r) of one pair. */
export interface PairDerivatives {
  d1: number;
  d2: number;
  d3: number;
  d4: number;
}

// 000 App. A.1: U_ij(r) = ε_ij u(r/s_ij), so φ⁽ᵏ⁾(r) = ε u⁽ᵏ⁾(r/s) / sᵏ.
export function pairDerivatives(pot: RadialPotential, epsilon: number, s: number, r: number): PairDerivatives {
  const x = r / s;
  const e1 = epsilon / s, e2 = e1 / s, e3 = e2 / s, e4 = e3 / s;
  return { d1: e1 * pot.du(x), d2: e2 * pot.d2u(x), d3: e3 * pot.d3u(x), d4: e4 * pot.d4u(x) };
}

// 003 Eq. (C2): the coefficients of p⁴, p²b, b² (and of the lower orders) in the r-expansion along a displacement.
export function expansionCoefficients(phi: PairDerivatives, r: number, out: Float64Array, offset = 0): void {
  const ir = 1 / r;
  const a1 = phi.d1 * ir;
  out[offset] = a1;
  out[offset + 1] = (phi.d2 - a1) * ir * ir;
  out[offset + 2] = (phi.d3 - 3 * phi.d2 * ir + 3 * phi.d1 * ir * ir) * ir * ir * ir;
  out[offset + 3] = (phi.d4 - 6 * phi.d3 * ir + 15 * phi.d2 * ir * ir - 15 * phi.d1 * ir * ir * ir) * ir * ir * ir * ir;
}
