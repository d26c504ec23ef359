// The lowest normal modes of a configuration: H e_a = λ_a e_a in the mode space (translations removed, rattlers optionally
// left out), ascending, unit vectors (002 §II). Dense float64 diagonalization up to `denseLimit` rows, thick-restart
// Lanczos above. Every returned pair carries its measured residual |H e − λ e| (float64 H, whichever engine did the products:
// modesWithProduct takes an asynchronous product such as the GPU's for the Lanczos iteration).
import type { Landscape } from '../../forces.ts';
import { denseHessian } from '../../hessian/assemble.ts';
import { modeSpace, projectModeSpace, projectedOperator, type ModeSpace } from '../../hessian/modeSpace.ts';
import { pairHessian, pairHessianOperator, withoutParticles, type HessianOperator, type PairHessian } from '../../hessian/pairHessian.ts';
import { findRattlers } from '../../hessian/rattlers.ts';
import { filteredLanczosSteps } from './chebyshevFilter.ts';
import { lanczosSteps, type LanczosResult } from './lanczos.ts';
import { hessianSteps, runSteps, runStepsAsync, type AsyncHessianOperator, type ProductSteps } from './productSteps.ts';
import { symmetricEigen } from './symmetricEigen.ts';
import { axpy, dot, normalize } from './vectors.ts';

export type ModeMethod = 'dense' | 'lanczos';

/**
 * Chebyshev filter degree above 5000 rows: at N = 64000 (2D soft spheres, lowest 10; bench/modes.ts, MODES_DEGREE) 24 needs
 * fewer Lanczos steps than 12 for more products, and a step's reorthogonalization and Ritz vectors cost more than 12 products.
 */
export const DEFAULT_FILTER_DEGREE = 24;

/** 'auto' diagonalizes densely up to this many rows of H. */
export const DEFAULT_DENSE_LIMIT = 800;

export interface ModeOptions {
  /** How many of the lowest modes (default 10). */
  count?: number;
  /** Leave the rattlers (fewer than D + 1 contacts, found iteratively) out of the modes (default false: count them only). */
  excludeRattlers?: boolean;
  method?: ModeMethod | 'auto';
  /** 'auto' diagonalizes densely up to this many rows of H (default 800; all eigenpairs cost O(n³): 1500 rows take ~30 s of CPU). */
  denseLimit?: number;
  tolerance?: number;
  basisSize?: number;
  /** Chebyshev filter degree for Lanczos (0: plain; default DEFAULT_FILTER_DEGREE above 5000 rows of H, where reorthogonalization dominates). */
  filterDegree?: number;
  seed?: number;
}

/** The Hessian of one configuration, ready for any solver: pair blocks, the mode space and P H P. */
export interface HessianProblem {
  readonly hessian: PairHessian;
  readonly space: ModeSpace;
  readonly apply: HessianOperator;
  readonly rattlers: { readonly count: number; readonly excluded: boolean; readonly mask: Uint8Array };
}

export function hessianProblem(land: Landscape, positions: Float64Array, excludeRattlers = false): HessianProblem {
  const full = pairHessian(land, positions);
  const r = findRattlers(full);
  const excluded = excludeRattlers && r.count > 0;
  const hessian = excluded ? withoutParticles(full, r.mask) : full;
  const space = modeSpace(full.n, full.dim, excluded ? r.mask : null);
  return { hessian, space, apply: projectedOperator(space, pairHessianOperator(hessian)), rattlers: { count: r.count, excluded, mask: r.mask } };
}

export interface Modes {
  readonly values: Float64Array;
  /** N·D components each, zero on left-out particles. */
  readonly vectors: Float64Array[];
  readonly residuals: Float64Array;
  readonly method: ModeMethod;
  readonly rattlers: { readonly count: number; readonly excluded: boolean };
  /** Dense only: every eigenvalue of the mode space, ascending (the exact spectrum, at no extra cost). */
  readonly spectrum?: Float64Array;
  /** Lanczos only: H products and restarts used. */
  readonly products?: number;
  readonly restarts?: number;
}

export function normalModes(land: Landscape, positions: Float64Array, options: ModeOptions = {}): Modes {
  return modesOfProblem(hessianProblem(land, positions, options.excludeRattlers ?? false), options);
}

export function modesOfProblem(problem: HessianProblem, options: ModeOptions = {}): Modes {
  const { space } = problem;
  const count = Math.min(options.count ?? 10, space.size);
  const method: ModeMethod = options.method === 'dense' || options.method === 'lanczos'
    ? options.method
    : space.n * space.dim <= (options.denseLimit ?? DEFAULT_DENSE_LIMIT) ? 'dense' : 'lanczos';
  const rattlers = { count: problem.rattlers.count, excluded: problem.rattlers.excluded };
  if (method === 'dense') {
    const all = denseModes(problem, true);
    const values = all.values.slice(0, count);
    const vectors = all.vectors.slice(0, count);
    return { values, vectors, residuals: measuredResiduals(problem.apply, values, vectors), method, rattlers, spectrum: all.values };
  }
  // Lanczos projects every product onto the mode space itself: it is given H unprojected (P inside the filter polynomial
  // would only remove round-off, at a sixth of the cost of a product).
  const r = runSteps(lanczosModeSteps(problem, count, options), pairHessianOperator(problem.hessian));
  return { values: r.values, vectors: r.vectors, residuals: measuredResiduals(problem.apply, r.values, r.vectors), method, rattlers, products: r.products, restarts: r.restarts };
}

/** Lanczos (Chebyshev-filtered above 5000 rows) on P H P, asking the driver for every product of H (it projects them). */
function* lanczosModeSteps(problem: HessianProblem, count: number, options: ModeOptions): ProductSteps<LanczosResult> {
  const { space } = problem;
  const rows = space.n * space.dim;
  const degree = options.filterDegree ?? (rows > 5000 ? DEFAULT_FILTER_DEGREE : 0);
  const lanczosOptions = {
    count, basisSize: options.basisSize, tolerance: options.tolerance, seed: options.seed,
    project: (v: Float64Array) => projectModeSpace(space, v), spaceSize: space.size,
  };
  const r = degree > 0 ? yield* filteredLanczosSteps(rows, { ...lanczosOptions, degree }) : yield* lanczosSteps(hessianSteps, rows, lanczosOptions);
  if (!r.converged) throw new Error(`Lanczos did not converge on the lowest ${count} modes after ${r.restarts} restarts: try a larger basis`);
  return r;
}

/**
 * Lanczos convergence for float32 products (the GPU's): |H x − θ x| ≤ 1e-5·‖H‖. Each product errs by ~1e-7 of ‖H‖ (at most
 * ~1e-5, src/gpu/hessianProductBound.ts), so a float64 tolerance of 1e-9 could never be met.
 */
export const FLOAT32_LANCZOS_TOLERANCE = 1e-5;

/**
 * The lowest modes by Lanczos with the products H v done by `product` (e.g. the GPU's, float32; the basis, T and the
 * reorthogonalization stay float64 here), then one float64 Rayleigh–Ritz step on the CPU: the Ritz vectors are orthonormalized,
 * XᵀHX is diagonalized with the float64 H and the vectors rotated, so the eigenvalue error is second order in the vectors'.
 * Residuals are measured with the float64 H.
 */
export async function modesWithProduct(problem: HessianProblem, product: AsyncHessianOperator, options: ModeOptions = {}): Promise<Modes> {
  const { space } = problem;
  if (options.method === 'dense') throw new Error('dense diagonalization runs on the CPU only: an outside Hessian product serves the Lanczos method');
  const count = Math.min(options.count ?? 10, space.size);
  const r = await runStepsAsync(lanczosModeSteps(problem, count, { ...options, tolerance: options.tolerance ?? FLOAT32_LANCZOS_TOLERANCE }), product);
  const refined = rayleighRitz(problem.apply, r.vectors);
  return {
    values: refined.values, vectors: refined.vectors, residuals: measuredResiduals(problem.apply, refined.values, refined.vectors),
    method: 'lanczos', rattlers: { count: problem.rattlers.count, excluded: problem.rattlers.excluded }, products: r.products, restarts: r.restarts,
  };
}

/** Rayleigh–Ritz in span(X) with the operator `apply`: X orthonormalized (Gram–Schmidt, twice), XᵀAX = Y Θ Yᵀ, X ← X Y. */
export function rayleighRitz(apply: HessianOperator, vectors: Float64Array[]): { values: Float64Array; vectors: Float64Array[] } {
  const k = vectors.length;
  const X = vectors.map((x) => x.slice());
  for (let i = 0; i < k; i++) {
    for (let pass = 0; pass < 2; pass++) for (let j = 0; j < i; j++) axpy(-dot(X[j], X[i]), X[j], X[i]);
    normalize(X[i]);
  }
  const AX = X.map((x) => { const out = new Float64Array(x.length); apply(x, out); return out; });
  const A = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) { const a = 0.5 * (dot(X[i], AX[j]) + dot(X[j], AX[i])); A[i * k + j] = a; A[j * k + i] = a; }
  const eig = symmetricEigen(A, k, true);
  const Y = eig.vectors as Float64Array; // row a: eigenvector a
  const rotated = Array.from({ length: k }, (_, a) => {
    const x = new Float64Array(X[0].length);
    for (let j = 0; j < k; j++) axpy(Y[a * k + j], X[j], x);
    normalize(x);
    return x;
  });
  return { values: eig.values.slice(), vectors: rotated };
}

/**
 * Every eigenpair of P H P in the mode space by dense diagonalization. The translations (and left-out coordinates) are
 * lifted above the spectrum by adding σ(I − P), σ > ‖H‖ (they commute with H), and dropped.
 */
export function denseModes(problem: HessianProblem, wantVectors: boolean): { values: Float64Array; vectors: Float64Array[] } {
  const { space } = problem;
  const { n, dim: d, excluded } = space;
  const rows = n * d;
  const H = denseHessian(problem.hessian);
  let sigma = 0; // Gershgorin bound on ‖H‖
  for (let r = 0; r < rows; r++) { let s = 0; for (let k = 0; k < rows; k++) s += Math.abs(H[r * rows + k]); sigma = Math.max(sigma, s); }
  sigma = 2 * sigma + 1;
  // σ(I − P): identity on left-out coordinates, σ/kept on every (kept i, kept j) pair of the same axis.
  for (let i = 0; i < n; i++) {
    const iOut = excluded !== null && excluded[i] === 1;
    for (let a = 0; a < d; a++) {
      const r = i * d + a;
      if (iOut) { H[r * rows + r] += sigma; continue; }
      for (let j = 0; j < n; j++) if (!(excluded && excluded[j])) H[r * rows + j * d + a] += sigma / space.kept;
    }
  }
  const eig = symmetricEigen(H, rows, wantVectors);
  const values = eig.values.slice(0, space.size);
  const vectors = wantVectors ? Array.from({ length: space.size }, (_, k) => (eig.vectors as Float64Array).slice(k * rows, (k + 1) * rows)) : [];
  return { values, vectors };
}

/** |H e − λ e| for each pair, from an explicit product. */
export function measuredResiduals(apply: HessianOperator, values: Float64Array, vectors: Float64Array[]): Float64Array {
  return Float64Array.from(vectors, (v, k) => {
    const out = new Float64Array(v.length);
    apply(v, out);
    axpy(-values[k], v, out);
    return Math.sqrt(dot(out, out));
  });
}

/** Every eigenvalue of the mode space (dense; small systems): the exact spectrum that the stochastic estimates approximate. */
export function allEigenvalues(problem: HessianProblem): Float64Array {
  return denseModes(problem, false).values;
}
