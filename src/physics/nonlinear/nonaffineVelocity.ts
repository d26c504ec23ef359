// Non-affine velocities of an imposed strain (003 App. B, ref. [73]): under x_ij → (I + γ ε) x_ij the forces change at first
// order by Ξ = ∂²U/∂γ∂x, Ξ_j = Σ_i K_ij ε x_ij (−that on i), K the pair block of the Hessian; the particles relax along
// v = −H⁻¹ Ξ, solved by solveOnModeSpace (../elastic/linearSolve.ts) in the mode space (translations and rattlers out, where H
// is positive definite at a stable minimum). 003 App. B starts extra cubic-mode searches from the velocities of simple
// shear (ε = ê_a ê_bᵀ) and pure shear (ε = ê_a ê_aᵀ − ê_b ê_bᵀ) in each plane a < b.
import type { PairExpansion } from './pairExpansion.ts';

export interface Strain {
  readonly name: string;
  /** ε, D×D row-major. */
  readonly tensor: Float64Array;
}

/** Simple shear x_a += γ x_b and pure shear x_a *= 1 + γ, x_b *= 1 − γ for every plane a < b. */
export function shearStrains(dim: number): Strain[] {
  const out: Strain[] = [];
  for (let a = 0; a < dim; a++) {
    for (let b = a + 1; b < dim; b++) {
      const simple = new Float64Array(dim * dim); simple[a * dim + b] = 1;
      const pure = new Float64Array(dim * dim); pure[a * dim + a] = 1; pure[b * dim + b] = -1;
      out.push({ name: `simple shear ${a}${b}`, tensor: simple }, { name: `pure shear ${a}${b}`, tensor: pure });
    }
  }
  return out;
}

// 004 Eq. (A1), 003 App. B: Ξ = ∂²U/∂γ∂x for the strain ε. The pair block is K = A2 x xᵀ + A1 I (pairDerivatives.ts), so
// Ξ_j = Σ_i A2 x (x·εx) + A1 εx with x = x_ij (−that on i).
export function strainForceDerivative(pe: PairExpansion, strain: Strain): Float64Array {
  const d = pe.dim, x = pe.separations, A = pe.coefficients;
  const xi = new Float64Array(pe.n * d);
  const ex = new Float64Array(d);
  for (let p = 0; p < pe.first.length; p++) {
    let xex = 0;
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += strain.tensor[a * d + b] * x[p * d + b];
      ex[a] = s;
      xex += x[p * d + a] * s;
    }
    const i = pe.first[p] * d, j = pe.second[p] * d, a1 = A[4 * p], a2 = A[4 * p + 1];
    for (let a = 0; a < d; a++) {
      const f = a2 * x[p * d + a] * xex + a1 * ex[a];
      xi[j + a] += f; xi[i + a] -= f;
    }
  }
  return xi;
}
