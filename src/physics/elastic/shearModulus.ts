// The athermal shear modulus of a minimum (004 Eq. (A1); Lutsko 1989; Maloney & Lemaître 2006):
//   G = (1/V)[∂²U/∂γ² − Ξ·M⁺·Ξ]  for simple shear x_a → x_a + γ x_b,
// Born term ∂²U/∂γ² = Σ_pairs x_{b,ij}² (K_ij)_aa and Ξ = ∂²U/∂γ∂r: Ξ_j = Σ_i x_{b,ij} K_ij ê_a, Ξ_i = −Ξ_j per pair,
// with r_ij = r_j − r_i. M⁺Ξ (the non-affine displacement per unit strain) by CG on the mode space. Averaged over the
// D(D−1)/2 planes a < b.
import { solveOnModeSpace, type LinearSolution, type LinearSolveOptions } from './linearSolve.ts';
import type { ElasticPairs } from './elasticPairs.ts';

export interface ShearPlane {
  readonly a: number;
  readonly b: number;
  /** (1/V) ∂²U/∂γ², the affine (Born) modulus. */
  readonly born: number;
  /** (1/V) Ξ·M⁺·Ξ, the relaxation of the non-affine displacements. */
  readonly nonaffine: number;
  readonly shearModulus: number;
  readonly iterations: number;
}

export interface ShearModulus {
  /** Means over the planes. */
  readonly shearModulus: number;
  readonly born: number;
  readonly nonaffine: number;
  readonly planes: ShearPlane[];
}

// 004 Eq. (A1): the Born term Σ x_b² K_aa and the force-strain coupling Ξ of one shear plane.
export function shearCoupling(pairs: ElasticPairs, a: number, b: number): { born: number; xi: Float64Array } {
  const { hessian: h, separations } = pairs;
  const d = h.dim, dd = d * d;
  const xi = new Float64Array(h.n * d);
  let born = 0;
  for (let p = 0; p < h.first.length; p++) {
    const xb = separations[p * d + b];
    born += xb * xb * h.blocks[p * dd + a * d + a];
    const i = h.first[p] * d, j = h.second[p] * d;
    for (let c = 0; c < d; c++) {
      const v = xb * h.blocks[p * dd + c * d + a];
      xi[j + c] += v;
      xi[i + c] -= v;
    }
  }
  return { born, xi };
}

/** G = (1/V)[Born − Ξ·M⁺Ξ] in one plane (flow a, gradient b). */
export function shearModulusInPlane(pairs: ElasticPairs, volume: number, a: number, b: number, options: LinearSolveOptions = {}): ShearPlane {
  const { born, xi } = shearCoupling(pairs, a, b);
  return shearPlaneOf(born, xi, solveOnModeSpace(pairs.operator, pairs.space, xi, { preconditioner: pairs.preconditioner, ...options }), volume, a, b);
}

/** As shearModulusInPlane with M⁺Ξ from any solver (e.g. CG on a GPU's products, solveOnModeSpaceRefined). */
export async function shearModulusInPlaneWith(solve: (rhs: Float64Array) => Promise<LinearSolution>, pairs: ElasticPairs, volume: number, a: number, b: number): Promise<ShearPlane> {
  const { born, xi } = shearCoupling(pairs, a, b);
  return shearPlaneOf(born, xi, await solve(xi), volume, a, b);
}

// 004 Eq. (A1): G = (1/V)[Born − Ξ·M⁺Ξ] from the solution of M z = Ξ.
function shearPlaneOf(born: number, xi: Float64Array, sol: LinearSolution, volume: number, a: number, b: number): ShearPlane {
  let nonaffine = 0;
  for (let k = 0; k < xi.length; k++) nonaffine += xi[k] * sol.solution[k];
  return { a, b, born: born / volume, nonaffine: nonaffine / volume, shearModulus: (born - nonaffine) / volume, iterations: sol.iterations };
}

/** G averaged over the D(D−1)/2 planes; `onPlane` after each (for progress). */
export function shearModulus(pairs: ElasticPairs, volume: number, options: LinearSolveOptions = {}, onPlane?: (done: number, total: number) => void): ShearModulus {
  const d = pairs.hessian.dim;
  if (d < 2) throw new Error('a shear modulus needs at least two dimensions');
  const total = (d * (d - 1)) / 2;
  const planes: ShearPlane[] = [];
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      planes.push(shearModulusInPlane(pairs, volume, a, b, options));
      onPlane?.(planes.length, total);
    }
  }
  const mean = (f: (p: ShearPlane) => number) => planes.reduce((s, p) => s + f(p), 0) / planes.length;
  return { shearModulus: mean((p) => p.shearModulus), born: mean((p) => p.born), nonaffine: mean((p) => p.nonaffine), planes };
}
