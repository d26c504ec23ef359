// The stated float32 bound of the GPU nonlinear contractions (shaders/nonlinearcontraction.wgsl) against the float64 ones
// (src/physics/nonlinear/contractions.ts expansionFieldsOf), per particle i, with u = 2⁻²⁴ the f32 unit round-off and
// W_ij = |z_i| + |z_j| (|·| the Euclidean norm of a particle's D components):
//
//   |F_i(GPU) − F_i(float64)| ≤ (γ + z_i)·u·Σ_j S^F_ij  +  Σ_{j at the cutoff} S^F_ij        for F = M·z, U‴:zz, U⁗⋮zzz,
//   S^M_ij = (Ā2 r² + Ā1)·W,   S^3_ij = (Ā3 r³ + 3Ā2 r)·W²,   S^4_ij = (Ā4 r⁴ + 6Ā3 r² + 3Ā2)·W³,   γ = 512,
//
// and for the scalars M:zz, U‴⋮zzz, U⁗::zzzz the sum over i of the same bound on i's partial ½Σ_j, with S^F_ij·W in place of
// S^F_ij (their float64 sum adds ~1e-16 relative). Here z_i is the number of i's pairs within the cutoff and Ā_k the A_k of
// src/physics/pairDerivatives.ts with every term of u′/x and of its x²-derivatives g′, g″, g‴ taken by its absolute value
// (Ā1 = (ε/s²)F̄, Ā_k = (ε/s²)(2/s²)^{k−1}Ḡ_{k−1}), so a pair near x_c, where those terms cancel, is bounded by their size.
// Since |p| ≤ r W and b ≤ W², each pair's exact term is at most S_ij; per pair the f32 kernel errs by at most:
//   - x² = r²·(U²/s²) with r² an exact integer (≤ 17u, +u for grid + rest); the steepest term of g‴ is x⁻²⁰ (soft spheres):
//     10 × 18u, of g″ x⁻¹⁸ (9 × 18u), of g′ x⁻¹⁶, u′/x continued to first order in the rest (≤ 27u, as the Hessian product);
//   - ε/s² (≤ 15u) and its powers (2/s²)^{k−1} (≤ 3 × 12u for A4), a handful of f32 operations per coefficient (≤ 10u);
//   - p = x·w and b = w·w from f32 separations and f32-rounded z: |Δp| ≤ 8u·rW, |Δb| ≤ 10u·W², so p⁴ ≤ 32u, b² ≤ 20u of their bounds;
//   - the dozen operations combining them (≤ 15u): in all ≤ ~300u·S_ij; γ = 512 covers it with room;
// - summing i's z_i pair terms in f32 adds ≤ z_i·u·Σ_j S_ij;
// - a pair whose x² lies within 32u·x_c² of the cutoff may be in on one engine and out on the other: its whole term counts.
// Derivation and its place beside the Hessian product's bound: docs/ARCHITECTURE.md.
import { refreshNeighbors, type Landscape } from '../physics/forces.ts';
import { LJ_SLOPE, type RadialPotential } from '../physics/potentials.ts';
import { pairTermMagnitudes } from './hessianProductBound.ts';

export const NONLINEAR_CONTRACTION_GAMMA = 512;
const U = 2 ** -24;

/** Ḡ2 and Ḡ3: |terms| of g″ and g‴ (y = x²) summed, term by term as src/gpu/wgslModels.ts writes them. */
export function higherTermMagnitudes(p: RadialPotential, y: number): { curvature: number; third: number } {
  const i2 = 1 / y, i3 = i2 * i2 * i2;
  switch (p.kind) {
    case 'soft-sphere': return { curvature: 672 * i3 * i3 * i3, third: 6048 * i3 * i3 * i3 * i2 };
    case 'harmonic': return { curvature: 0.75 * i2 * i2 * Math.sqrt(i2), third: 1.875 * i3 * Math.sqrt(i2) };
    case 'lennard-jones-ts':
    case 'lennard-jones-fs': {
      const shifted = p.kind === 'lennard-jones-fs' ? Math.abs(LJ_SLOPE) : 0;
      return {
        curvature: 480 * i3 * i3 + 2688 * i3 * i3 * i3 + 0.75 * shifted * i2 * i2 * Math.sqrt(i2),
        third: 2880 * i3 * i3 * i2 + 24192 * i3 * i3 * i3 * i2 + 1.875 * shifted * i3 * Math.sqrt(i2),
      };
    }
  }
  throw new Error(`no float32 error model for the potential "${p.name}"`);
}

export interface ContractionBound {
  /** Per particle, for M·z, U‴:zz, U⁗⋮zzz. */
  mz: Float64Array;
  u3zz: Float64Array;
  u4zzz: Float64Array;
  /** For M:zz, U‴⋮zzz, U⁗::zzzz. */
  second: number;
  third: number;
  fourth: number;
}

/** The bound above for every particle and the three scalars, at the positions and for the field given (excluded: 0, their pairs dropped). */
export function nonlinearContractionBound(land: Landscape, positions: Float64Array, z: Float64Array, excluded: Uint8Array | null = null): ContractionBound {
  refreshNeighbors(land, positions);
  const { offsets, partners, sigma, epsilon, n } = land.list;
  const pot = land.model.potential;
  const d = land.box.dim, L = land.box.lengths;
  const xc2 = pot.xc * pot.xc;
  const inner = xc2 * (1 - 32 * U), outer = xc2 * (1 + 32 * U);
  const norm = Float64Array.from({ length: n }, (_, i) => { let s = 0; for (let a = 0; a < d; a++) s += z[i * d + a] ** 2; return Math.sqrt(s); });
  // sure[k*n + i], edge[k*n + i]: k = 0..2 the fields, 3..5 the scalar partials
  const sure = new Float64Array(6 * n), edge = new Float64Array(6 * n);
  const count = new Int32Array(n);
  const S = new Float64Array(6);
  for (let i = 0; i < n; i++) {
    if (excluded && excluded[i]) continue;
    for (let q = offsets[i]; q < offsets[i + 1]; q++) {
      const j = partners[q];
      if (excluded && excluded[j]) continue;
      let r2 = 0;
      for (let a = 0; a < d; a++) { let x = positions[j * d + a] - positions[i * d + a]; x -= L[a] * Math.round(x / L[a]); r2 += x * x; }
      const s = sigma[q], y = r2 / (s * s);
      if (y >= outer) continue;
      const lo = pairTermMagnitudes(pot, y), hi = higherTermMagnitudes(pot, y);
      const e = epsilon[q] / (s * s), t = 2 / (s * s), r = Math.sqrt(r2);
      const a1 = e * lo.forceOverX, a2 = e * t * lo.slope, a3 = e * t * t * hi.curvature, a4 = e * t * t * t * hi.third;
      const w = norm[i] + norm[j];
      S[0] = (a2 * r2 + a1) * w;
      S[1] = (a3 * r2 * r + 3 * a2 * r) * w * w;
      S[2] = (a4 * r2 * r2 + 6 * a3 * r2 + 3 * a2) * w * w * w;
      for (let k = 0; k < 3; k++) S[3 + k] = 0.5 * S[k] * w;
      const into = y < inner ? sure : edge;
      for (let k = 0; k < 6; k++) { into[k * n + i] += S[k]; into[k * n + j] += S[k]; }
      if (y < inner) { count[i]++; count[j]++; }
    }
  }
  const per = (k: number) => Float64Array.from({ length: n }, (_, i) => (NONLINEAR_CONTRACTION_GAMMA + count[i]) * U * sure[k * n + i] + edge[k * n + i]);
  const total = (k: number) => per(k).reduce((a, b) => a + b, 0);
  return { mz: per(0), u3zz: per(1), u4zzz: per(2), second: total(3), third: total(4), fourth: total(5) };
}
