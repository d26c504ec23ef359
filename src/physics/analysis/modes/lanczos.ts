// Lowest eigenpairs of a large symmetric operator H by thick-restart Lanczos with full reorthogonalization
// (Wu & Simon, SIAM J. Matrix Anal. Appl. 22, 602 (2000); the Krylov–Schur form of Stewart 2001):
//   expand V_m with H v_j − Σ_i (v_i·H v_j) v_i (twice), so T = Vᵀ H V is exact; diagonalize T = Y Θ Yᵀ;
//   Ritz residual |H x_i − θ_i x_i| = β_m |Y_{m,i}|; restart from the p lowest Ritz vectors plus the residual direction.
// Matrix-free: only products H v are needed, asked for one at a time (productSteps.ts), so a GPU product can plug in
// (docs/PHYSICS.md §5); the basis, T and the reorthogonalization stay float64 here.
import type { HessianOperator } from '../../hessian/pairHessian.ts';
import { hessianSteps, runSteps, type ProductSteps, type SteppedOperator } from './productSteps.ts';
import { symmetricEigen } from './symmetricEigen.ts';
import { combineRows, dot, gaussianVector, normalize, orthogonalize } from './vectors.ts';

export interface LanczosOptions {
  /** How many of the lowest eigenpairs. */
  count: number;
  /** Krylov basis size m (default max(2·count + 20, 60), capped by the space's dimension). */
  basisSize?: number;
  /** Converged when |H x − θ x| ≤ tolerance · ‖H‖ (‖H‖ estimated by the largest |θ| seen); default 1e-9. */
  tolerance?: number;
  /** Give up after this many restarts (default 2000). */
  maxRestarts?: number;
  /** Keeps vectors in the space of interest (e.g. removes translations); applied to the start vector and every product. */
  project?: (v: Float64Array) => void;
  /** Dimension of the space `project` maps onto (default: the vector length). */
  spaceSize?: number;
  seed?: number;
  /** An extra convergence test on the `count` lowest Ritz vectors at each restart (e.g. residuals of another operator). */
  accept?: (vectors: Float64Array[]) => ProductSteps<boolean>;
}

export interface LanczosResult {
  /** Ascending Ritz values. */
  readonly values: Float64Array;
  /** Unit Ritz vectors. */
  readonly vectors: Float64Array[];
  /** |H x − θ x| of each, from the recurrence. */
  readonly residuals: Float64Array;
  readonly products: number;
  readonly restarts: number;
  readonly converged: boolean;
}

/** The lowest eigenpairs of `apply` (float64, synchronous). */
export function lanczosLowest(apply: HessianOperator, length: number, options: LanczosOptions): LanczosResult {
  return runSteps(lanczosSteps(hessianSteps, length, options), apply);
}

/** The lowest eigenpairs of the operator `op` (built from H products, each yielded to the driver). */
export function* lanczosSteps(op: SteppedOperator, length: number, options: LanczosOptions): ProductSteps<LanczosResult> {
  const project = options.project ?? (() => {});
  const size = options.spaceSize ?? length;
  const count = options.count;
  if (!(Number.isInteger(count) && count >= 1)) throw new Error(`the number of modes must be a positive integer, got ${count}`);
  if (count > size) throw new Error(`asked for ${count} modes but the space has only ${size} dimensions`);
  const m = Math.min(size, options.basisSize ?? Math.max(2 * count + 20, 60));
  if (m <= count && m < size) throw new Error(`the Lanczos basis (${m}) must be larger than the number of modes (${count})`);
  const tol = options.tolerance ?? 1e-9;
  const maxRestarts = options.maxRestarts ?? 2000;
  const V: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(length));
  const T = new Float64Array(m * m);
  const h = new Float64Array(m + 1);
  const w = new Float64Array(length);
  let products = 0;
  let normH = 0;

  V[0].set(gaussianVector(length, options.seed ?? 1, 77));
  project(V[0]);
  normalize(V[0]);
  let start = 0; // vectors 0..start−1 are kept Ritz vectors whose T rows are known
  let beta = 0;
  for (let restart = 0; ; restart++) {
    for (let j = start; j < m; j++) {
      yield* op(V[j], w);
      project(w);
      products++;
      h.fill(0);
      orthogonalize(V, j + 1, w, h);
      // Project again: once w is small (converging), the round-off left along the excluded directions (translations, eigenvalue
      // 0, below the wanted spectrum) would be divided by β and then amplified by every restart's filter.
      project(w);
      for (let i = 0; i <= j; i++) { T[i * m + j] = h[i]; T[j * m + i] = h[i]; }
      beta = Math.sqrt(dot(w, w));
      if (j === m - 1) { V[m].set(w); if (beta > 0) for (let k = 0; k < length; k++) V[m][k] /= beta; break; }
      if (beta <= 1e-13 * Math.max(normH, Math.abs(h[j]))) {
        // Invariant subspace: continue with a fresh direction orthogonal to the basis (T gets no coupling).
        beta = 0;
        w.set(gaussianVector(length, (options.seed ?? 1) + j + 1, 78 + restart));
        project(w);
        orthogonalize(V, j + 1, w);
      }
      V[j + 1].set(w);
      normalize(V[j + 1]);
      if (beta !== 0) { T[j * m + j + 1] = beta; T[(j + 1) * m + j] = beta; }
    }
    const eig = symmetricEigen(T, m);
    const Y = eig.vectors as Float64Array; // row i: eigenvector i of T
    for (const t of eig.values) normH = Math.max(normH, Math.abs(t));
    const residual = (i: number) => Math.abs(beta * Y[i * m + m - 1]);
    let done = true;
    for (let i = 0; i < count; i++) if (residual(i) > tol * normH) done = false;
    if (m === size) done = true; // the basis spans the whole space: T's spectrum is H's
    // Thick restart keeps the p lowest Ritz vectors (then the residual direction v_m); the first `count` of them are what
    // `accept` examines, so they are formed once, together.
    const p = Math.min(m - 1, Math.max(count + Math.floor((m - count) / 2), count + 1));
    const kept = !done && (restart < maxRestarts || options.accept) ? combineRows(V, Y, p, m, length) : null;
    if (kept && options.accept && (yield* options.accept(kept.slice(0, count)))) done = true;
    if (done || restart >= maxRestarts) {
      const vectors = kept ? kept.slice(0, count) : combineRows(V, Y, count, m, length);
      return {
        values: eig.values.slice(0, count), vectors, residuals: Float64Array.from({ length: count }, (_, i) => (m === size ? 0 : residual(i))),
        products, restarts: restart, converged: done,
      };
    }
    for (const [i, x] of (kept as Float64Array[]).entries()) { project(x); V[i].set(x); }
    V[p].set(V[m]);
    T.fill(0);
    for (let i = 0; i < p; i++) {
      T[i * m + i] = eig.values[i];
      const s = beta * Y[i * m + m - 1];
      T[i * m + p] = s; T[p * m + i] = s;
    }
    start = p;
  }
}
