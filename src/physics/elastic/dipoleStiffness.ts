// Dipole stiffness (004 App. A, Eqs. (A2)–(A4)): for an interacting pair (i, j) with n = r_ij/|r_ij|, the unit force dipole
// d̂ puts −n/√2 on i and +n/√2 on j; its linear response z = M⁺ d̂ (CG on the mode space: translations and rattlers out)
// gives the stiffness felt by the dipole κ_ij = (d̂·z)/(z·z) = z·Mz/(z·z). The local field κ_i is the mean over i's pairs.
import { solveOnModeSpace, type LinearSolution, type LinearSolveOptions } from './linearSolve.ts';
import type { ElasticPairs } from './elasticPairs.ts';

export interface DipoleStiffness {
  /** Indices (into pairs.hessian) of the pairs measured, and κ of each. */
  readonly pairs: Int32Array;
  readonly kappa: Float64Array;
  readonly mean: number;
  readonly median: number;
  readonly count: number;
  /** κ_i: mean κ_ij over the measured pairs of particle i (0 where none was measured), and how many there were. */
  readonly local: Float64Array;
  readonly localCount: Int32Array;
  /** CG iterations in all. */
  readonly iterations: number;
}

// 004 Eq. (A2): d̂ = ∂r_ij/∂x /√2 = (−n on i, +n on j)/√2.
export function unitDipole(pairs: ElasticPairs, p: number): Float64Array {
  const h = pairs.hessian, d = h.dim;
  const out = new Float64Array(h.n * d);
  let r2 = 0;
  for (let c = 0; c < d; c++) r2 += pairs.separations[p * d + c] ** 2;
  const scale = 1 / Math.sqrt(2 * r2);
  for (let c = 0; c < d; c++) {
    const v = pairs.separations[p * d + c] * scale;
    out[h.first[p] * d + c] = -v;
    out[h.second[p] * d + c] = v;
  }
  return out;
}

// 004 Eqs. (A3)–(A4): κ = (d̂·z)/(z·z) with M z = d̂.
export function dipoleResponse(pairs: ElasticPairs, p: number, options: LinearSolveOptions = {}): { kappa: number; response: Float64Array; iterations: number } {
  const dhat = unitDipole(pairs, p);
  return dipoleKappa(dhat, solveOnModeSpace(pairs.operator, pairs.space, dhat, { preconditioner: pairs.preconditioner, ...options }));
}

/** As dipoleResponse with M⁺d̂ from any solver (e.g. CG on a GPU's products, solveOnModeSpaceRefined). */
export async function dipoleResponseWith(solve: (rhs: Float64Array) => Promise<LinearSolution>, pairs: ElasticPairs, p: number): Promise<{ kappa: number; response: Float64Array; iterations: number }> {
  const dhat = unitDipole(pairs, p);
  return dipoleKappa(dhat, await solve(dhat));
}

// 004 App. A: κ_ij = (d̂·z)/(z·z) for z = M⁺d̂.
function dipoleKappa(dhat: Float64Array, sol: LinearSolution): { kappa: number; response: Float64Array; iterations: number } {
  const z = sol.solution;
  let dz = 0, zz = 0;
  for (let k = 0; k < z.length; k++) { dz += dhat[k] * z[k]; zz += z[k] * z[k]; }
  return { kappa: dz / zz, response: z, iterations: sol.iterations };
}

/** `count` pairs spread evenly over the list (every pair when count ≥ the number of pairs): a deterministic sample. */
export function samplePairs(total: number, count?: number): Int32Array {
  if (count === undefined || count >= total) return Int32Array.from({ length: total }, (_, k) => k);
  if (!(Number.isInteger(count) && count >= 1)) throw new Error(`the number of dipole pairs must be an integer ≥ 1, got ${count}`);
  return Int32Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * total) / count));
}

export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Mean, median and local field κ_i of κ_ij measured on the pairs `chosen` (indices into pairs.hessian). */
export function dipoleStatistics(pairs: ElasticPairs, chosen: Int32Array, kappa: Float64Array, iterations: number): DipoleStiffness {
  const h = pairs.hessian;
  const sum = new Float64Array(h.n), localCount = new Int32Array(h.n);
  chosen.forEach((p, k) => { for (const i of [h.first[p], h.second[p]]) { sum[i] += kappa[k]; localCount[i]++; } });
  const local = sum.map((s, i) => (localCount[i] > 0 ? s / localCount[i] : 0));
  const mean = kappa.reduce((s, x) => s + x, 0) / kappa.length;
  return { pairs: chosen, kappa, mean, median: median(kappa), count: kappa.length, local, localCount, iterations };
}

/** κ_ij over the chosen pairs with their mean, median and local field; `onPair` after each solve (for progress). */
export function dipoleStiffness(
  pairs: ElasticPairs, chosen: Int32Array, options: LinearSolveOptions = {}, onPair?: (done: number, total: number) => void,
): DipoleStiffness {
  if (chosen.length === 0) throw new Error('no interacting pairs to measure a dipole stiffness on (every particle is a rattler?)');
  const kappa = new Float64Array(chosen.length);
  let iterations = 0;
  chosen.forEach((p, k) => {
    const r = dipoleResponse(pairs, p, options);
    kappa[k] = r.kappa;
    iterations += r.iterations;
    onPair?.(k + 1, chosen.length);
  });
  return dipoleStatistics(pairs, chosen, kappa, iterations);
}
