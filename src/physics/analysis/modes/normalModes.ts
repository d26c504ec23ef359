// The lowest normal modes of a configuration: H e_a = λ_a e_a in the mode space (translations removed, rattlers optionally
// left out), ascending, unit vectors (002 §II). Dense float64 diagonalization up to `denseLimit` rows, thick-restart
// Lanczos above. Every returned pair carries its measured residual |H e − λ e|.
import type { Landscape } from '../../forces.ts';
import { denseHessian } from '../../hessian/assemble.ts';
import { modeSpace, projectModeSpace, projectedOperator, type ModeSpace } from '../../hessian/modeSpace.ts';
import { pairHessian, pairHessianOperator, withoutParticles, type HessianOperator, type PairHessian } from '../../hessian/pairHessian.ts';
import { findRattlers } from '../../hessian/rattlers.ts';
import { filteredLanczosLowest } from './chebyshevFilter.ts';
import { lanczosLowest } from './lanczos.ts';
import { symmetricEigen } from './symmetricEigen.ts';
import { axpy, dot } from './vectors.ts';

export type ModeMethod = 'dense' | 'lanczos';

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
  /** Chebyshev filter degree for Lanczos (0: plain; default 12 above 5000 rows of H, where reorthogonalization dominates). */
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
    : space.n * space.dim <= (options.denseLimit ?? 800) ? 'dense' : 'lanczos';
  const rattlers = { count: problem.rattlers.count, excluded: problem.rattlers.excluded };
  if (method === 'dense') {
    const all = denseModes(problem, true);
    const values = all.values.slice(0, count);
    const vectors = all.vectors.slice(0, count);
    return { values, vectors, residuals: measuredResiduals(problem.apply, values, vectors), method, rattlers, spectrum: all.values };
  }
  const rows = space.n * space.dim;
  const degree = options.filterDegree ?? (rows > 5000 ? 12 : 0);
  const lanczosOptions = {
    count, basisSize: options.basisSize, tolerance: options.tolerance, seed: options.seed,
    project: (v: Float64Array) => projectModeSpace(space, v), spaceSize: space.size,
  };
  const r = degree > 0 ? filteredLanczosLowest(problem.apply, rows, { ...lanczosOptions, degree }) : lanczosLowest(problem.apply, rows, lanczosOptions);
  if (!r.converged) throw new Error(`Lanczos did not converge on the lowest ${count} modes after ${r.restarts} restarts: try a larger basis`);
  return { values: r.values, vectors: r.vectors, residuals: measuredResiduals(problem.apply, r.values, r.vectors), method, rattlers, products: r.products, restarts: r.restarts };
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
