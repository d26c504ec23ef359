// Non-affine velocities of an imposed strain (003 App. B, ref. [73]): under x_ij → (I + γ ε) x_ij the forces change at first
// order by Ξ = ∂²U/∂γ∂x, Ξ_j = Σ_i K_ij ε x_ij (−that on i), K the pair block of the Hessian; the particles relax along
// v = −H⁻¹ Ξ. Solved by linear conjugate gradients on H in the mode space (translations and rattlers projected out, where H
// is positive definite at a stable minimum). 003 App. B starts extra cubic-mode searches from the velocities of simple
// shear (ε = ê_a ê_bᵀ) and pure shear (ε = ê_a ê_aᵀ − ê_b ê_bᵀ) in each plane a < b.
import type { HessianOperator } from '../hessian/pairHessian.ts';
import type { PairExpansion } from './pairExpansion.ts';
import { projectModeSpace, type ModeSpace } from '../hessian/modeSpace.ts';

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

/** Solution of H v = b in the mode space by linear CG, with the relative residual reached and the steps taken. */
export function solveInModeSpace(
  apply: HessianOperator, space: ModeSpace, rhs: Float64Array, tolerance = 1e-10, maxSteps = 20000,
): { solution: Float64Array; residual: number; steps: number } {
  const m = rhs.length;
  const b = projectModeSpace(space, rhs.slice());
  const x = new Float64Array(m), r = b.slice(), p = b.slice(), q = new Float64Array(m);
  let rr = 0;
  for (let k = 0; k < m; k++) rr += r[k] * r[k];
  const bb = rr;
  let steps = 0;
  while (steps < maxSteps && rr > tolerance * tolerance * bb && bb > 0) {
    apply(p, q);
    let pq = 0;
    for (let k = 0; k < m; k++) pq += p[k] * q[k];
    if (!(pq > 0)) break; // not positive definite along p: stop where we are
    const alpha = rr / pq;
    let next = 0;
    for (let k = 0; k < m; k++) { x[k] += alpha * p[k]; r[k] -= alpha * q[k]; next += r[k] * r[k]; }
    const beta = next / rr;
    rr = next;
    for (let k = 0; k < m; k++) p[k] = r[k] + beta * p[k];
    steps++;
  }
  return { solution: x, residual: bb > 0 ? Math.sqrt(rr / bb) : 0, steps };
}
