// The stated float32 bound of the GPU Hessian-vector product (shaders/hessianproduct.wgsl) against the float64 one
// (src/physics/hessian/pairHessian.ts applyPairHessian), per particle i, with u = 2⁻²⁴ the f32 unit round-off:
//
//   |(H v)_i(GPU) − (H v)_i(float64)| ≤ (γ + z_i)·u·Σ_j S_ij (|v_i| + |v_j|)  +  Σ_{j at the cutoff} S_ij (|v_i| + |v_j|),
//   S_ij = (ε_ij/s_ij²)·(F̄(x²) + 2x²·Ḡ(x²)),  γ = 256,
//
// |·| the Euclidean norm of a particle's D components, z_i the number of i's pairs within the cutoff, and F̄ and Ḡ the sums
// of the absolute values of the terms of u′/x and of its slope d(u′/x)/d(x²) (so a pair near x_c, where those terms cancel,
// is bounded by their size, not by their small difference). |K_ij w| ≤ S_ij |w|, and per pair the f32 kernel errs by at most:
//   - w = v_i − v_j from f32-rounded v: 2u(|v_i| + |v_j|);
//   - s_ij from f32 diameters (≤ 5u), ε/s² (≤ 15u); x² = r²·(U²/s²) with r² an exact integer (≤ 17u, +u for grid + rest);
//   - u′/x, whose steepest term is x⁻¹⁴ (7 × 18u), continued to first order in the rest (≤ 27u), a dozen f32 operations (≤ 10u):
//     ≤ 165u·F̄; its slope (x⁻¹⁶: 8 × 18u + 10u) and the product 2(ε/s⁴)·slope·(r·w)·r (≤ 25u more): ≤ 180u·2x²Ḡ;
//   in all ≤ ~200u·S_ij(|v_i| + |v_j|); γ = 256 covers it with room (and the √D of a per-component count);
// - summing i's z_i pair terms in f32 adds ≤ z_i·u·Σ_j |K_ij w_ij|;
// - a pair whose x² lies within 32u·x_c² of the cutoff may be in on one engine and out on the other: its whole term counts.
// The float64 product's own round-off (~1e-16) is far below. Typical errors are ~100× smaller (random, not worst-case, signs).
import { refreshNeighbors, type Landscape } from '../physics/forces.ts';
import { LJ_SLOPE, softSphereCoefficients, type RadialPotential } from '../physics/potentials.ts';

export const HESSIAN_PRODUCT_GAMMA = 256;
const U = 2 ** -24;

/**
 * F̄ and Ḡ: |terms| of u′/x and of d(u′/x)/d(x²) summed, term by term as src/gpu/wgslModels.ts writes them (pairForceOverX,
 * pairForceOverXSlope).
 */
export function pairTermMagnitudes(p: RadialPotential, x2: number): { forceOverX: number; slope: number } {
  const i2 = 1 / x2, i6 = i2 * i2 * i2;
  switch (p.kind) {
    case 'soft-sphere': {
      const [, c1, c2] = softSphereCoefficients(p.xc);
      return { forceOverX: 12 * i6 * i6 * i2 + 2 * Math.abs(c1) + 4 * Math.abs(c2) * x2, slope: 84 * i6 * i6 * i2 * i2 + 4 * Math.abs(c2) };
    }
    case 'harmonic': return { forceOverX: 1 + Math.sqrt(i2), slope: 0.5 * i2 * Math.sqrt(i2) };
    case 'lennard-jones-ts':
    case 'lennard-jones-fs': {
      const shifted = p.kind === 'lennard-jones-fs' ? Math.abs(LJ_SLOPE) : 0;
      return {
        forceOverX: 4 * i2 * (6 * i6 + 12 * i6 * i6) + shifted * Math.sqrt(i2),
        slope: i2 * i2 * i6 * (336 * i6 + 96) + 0.5 * shifted * i2 * Math.sqrt(i2),
      };
    }
  }
  throw new Error(`no float32 error model for the potential "${p.name}"`);
}

/** The bound above for every particle, at the positions and for the vector given (excluded particles: 0, their pairs dropped). */
export function hessianProductBound(land: Landscape, positions: Float64Array, v: Float64Array, excluded: Uint8Array | null = null): Float64Array {
  refreshNeighbors(land, positions);
  const { offsets, partners, sigma, epsilon, n } = land.list;
  const pot = land.model.potential;
  const d = land.box.dim, L = land.box.lengths;
  const xc2 = pot.xc * pot.xc;
  const inner = xc2 * (1 - 32 * U), outer = xc2 * (1 + 32 * U);
  const norm = Float64Array.from({ length: n }, (_, i) => { let s = 0; for (let a = 0; a < d; a++) s += v[i * d + a] ** 2; return Math.sqrt(s); });
  const sure = new Float64Array(n), edge = new Float64Array(n);
  const z = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (excluded && excluded[i]) continue;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = partners[p];
      if (excluded && excluded[j]) continue;
      let r2 = 0;
      for (let a = 0; a < d; a++) { let x = positions[j * d + a] - positions[i * d + a]; x -= L[a] * Math.round(x / L[a]); r2 += x * x; }
      const s = sigma[p], x2 = r2 / (s * s);
      if (x2 >= outer) continue;
      const m = pairTermMagnitudes(pot, x2);
      const S = (epsilon[p] / (s * s)) * (m.forceOverX + 2 * x2 * m.slope) * (norm[i] + norm[j]);
      if (x2 < inner) { sure[i] += S; sure[j] += S; z[i]++; z[j]++; } else { edge[i] += S; edge[j] += S; }
    }
  }
  return Float64Array.from({ length: n }, (_, i) => (HESSIAN_PRODUCT_GAMMA + z[i]) * U * sure[i] + edge[i]);
}
