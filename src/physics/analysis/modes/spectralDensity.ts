// The spectral density D(λ) and the unstable fraction f_u = ∫_{−∞}^0 D(λ) dλ (002 Eq. 5) of a large Hessian by
// stochastic Lanczos quadrature (Ubaru, Chen & Saad, SIAM J. Matrix Anal. Appl. 38, 1075 (2017)):
//   tr f(H)/n ≈ mean over unit random u of uᵀ f(H) u,   uᵀ f(H) u ≈ Σ_k τ_k² f(θ_k)  (m-point Gauss rule from Lanczos on u),
// with θ_k the eigenvalues of the m×m Lanczos matrix and τ_k the first components of its eigenvectors. u is a projected
// Gaussian vector normalized to 1, i.e. uniform on the unit sphere of the mode space, so E[uᵀ f(H) u] = tr f(H)/n exactly;
// the error bar is the standard error over the random vectors, plus for f_u a rigorous per-vector bracket (below).
import type { HessianOperator } from '../../hessian/pairHessian.ts';
import { symmetricEigen } from './symmetricEigen.ts';
import { dot, gaussianVector, normalize, orthogonalize } from './vectors.ts';

export interface QuadratureOptions {
  /** Random start vectors (default 20). */
  vectors?: number;
  /** Lanczos steps per vector (default 80). */
  steps?: number;
  project?: (v: Float64Array) => void;
  /** Dimension of the projected space (default: the vector length). */
  spaceSize?: number;
  seed?: number;
}

/** One Gauss rule per random vector: nodes θ_k and weights τ_k² (summing to 1). */
export interface SpectralQuadrature {
  readonly nodes: Float64Array[];
  readonly weights: Float64Array[];
}

export function spectralQuadrature(apply: HessianOperator, length: number, options: QuadratureOptions = {}): SpectralQuadrature {
  const project = options.project ?? (() => {});
  const size = options.spaceSize ?? length;
  const nv = options.vectors ?? 20;
  const m = Math.min(options.steps ?? 80, size);
  if (!(nv >= 2)) throw new Error(`stochastic quadrature needs at least 2 random vectors for an error bar, got ${nv}`);
  const nodes: Float64Array[] = [], weights: Float64Array[] = [];
  const w = new Float64Array(length);
  for (let s = 0; s < nv; s++) {
    const V: Float64Array[] = [];
    const u = gaussianVector(length, options.seed ?? 1, 500 + s);
    project(u);
    normalize(u);
    V.push(u);
    const T = new Float64Array(m * m);
    let steps = m;
    for (let j = 0; j < m; j++) {
      apply(V[j], w);
      project(w);
      T[j * m + j] = dot(V[j], w);
      // Full reorthogonalization keeps the Gauss rule free of ghost copies of converged nodes.
      orthogonalize(V, j + 1, w);
      project(w);
      const beta = Math.sqrt(dot(w, w));
      if (j === m - 1) break;
      if (beta <= 1e-12 * Math.abs(T[j * m + j]) + 1e-300) { steps = j + 1; break; } // invariant subspace: the rule is exact
      T[j * m + j + 1] = beta; T[(j + 1) * m + j] = beta;
      const next = w.slice();
      normalize(next);
      V.push(next);
    }
    const Tk = steps === m ? T : Float64Array.from({ length: steps * steps }, (_, k) => T[Math.floor(k / steps) * m + (k % steps)]);
    const eig = symmetricEigen(Tk, steps);
    const vec = eig.vectors as Float64Array;
    nodes.push(eig.values);
    weights.push(Float64Array.from({ length: steps }, (_, k) => vec[k * steps] * vec[k * steps]));
  }
  return { nodes, weights };
}

export interface Estimate {
  readonly value: number;
  /** Standard error of the mean over the random vectors. */
  readonly error: number;
}

/** f_u with its statistical error and the Gauss rule's own bound (the mean half-width of the per-vector brackets). */
export interface UnstableFractionEstimate extends Estimate {
  readonly quadratureBound: number;
}

function meanAndError(samples: number[]): Estimate {
  const n = samples.length;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const variance = samples.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (n - 1);
  return { value: mean, error: Math.sqrt(variance / n) };
}

// 002 Eq. (5): f_u = ∫_{−∞}^0 D(λ) dλ. For one vector the Chebyshev–Markov–Stieltjes inequalities bracket the spectral
// distribution at 0 between the Gauss weights: θ_j < 0 ≤ θ_{j+1} ⇒ Σ_{k<j} τ_k² ≤ F(0) ≤ Σ_{k≤j+1} τ_k²; we take the midpoint.
export function unstableFractionEstimate(q: SpectralQuadrature): UnstableFractionEstimate {
  const mids: number[] = [];
  let half = 0;
  q.nodes.forEach((th, s) => {
    const w = q.weights[s];
    let j = 0; // number of negative nodes
    while (j < th.length && th[j] < 0) j++;
    let below = 0;
    for (let k = 0; k < j - 1; k++) below += w[k];
    const width = (j > 0 ? w[j - 1] : 0) + (j < th.length ? w[j] : 0);
    mids.push(below + width / 2);
    half += width / 2;
  });
  return { ...meanAndError(mids), quadratureBound: half / q.nodes.length };
}

/** D(λ) smoothed by a Gaussian of width `width` on the given grid, with its standard error at each λ. */
export function spectralDensityEstimate(q: SpectralQuadrature, grid: readonly number[], width: number): { density: number[]; error: number[] } {
  const per = q.nodes.map((th, s) => grid.map((x) => smoothedDensity(th, q.weights[s], x, width)));
  const density: number[] = [], error: number[] = [];
  grid.forEach((_, g) => {
    const e = meanAndError(per.map((row) => row[g]));
    density.push(e.value);
    error.push(e.error);
  });
  return { density, error };
}

/** Σ_k w_k G_σ(x − λ_k), G_σ the unit normal density of width σ: the exact D(λ) of eigenvalues λ_k with weights 1/n. */
export function smoothedDensity(values: ArrayLike<number>, weights: ArrayLike<number> | null, x: number, width: number): number {
  const c = 1 / (width * Math.sqrt(2 * Math.PI));
  let s = 0;
  for (let k = 0; k < values.length; k++) {
    const z = (x - values[k]) / width;
    s += (weights ? weights[k] : 1 / values.length) * c * Math.exp(-0.5 * z * z);
  }
  return s;
}
