// Chebyshev-filtered thick-restart Lanczos for the lowest eigenpairs of a large Hessian (Zhou & Saad, SIAM J. Matrix Anal.
// Appl. 29, 954 (2007), filter idea): with y(λ) = (c − λ)/e, c = (a + b)/2, e = (b − a)/2, the polynomial
//   p(H) = T_d(y(H)),  T_0 = 1, T_1 = y, T_{j+1} = 2 y T_j − T_{j−1}
// maps the unwanted part of the spectrum [a, b ≥ λ_max] into [−1, 1] and grows like cosh(d·acosh y) below a, monotonically,
// so the lowest λ become the largest p, well separated. Lanczos runs on −p(H) (d products of H per step, but d times fewer
// steps to reorthogonalize: the cost that dominates at large N); λ is then the Rayleigh quotient xᵀHx of each Ritz vector,
// and convergence is judged on H itself: |H x − λ x| ≤ tolerance·λ_max.
import type { HessianOperator } from '../../hessian/pairHessian.ts';
import { lanczosSteps, type LanczosOptions, type LanczosResult } from './lanczos.ts';
import { hessianSteps, runSteps, type ProductSteps, type SteppedOperator } from './productSteps.ts';
import { axpy, dot } from './vectors.ts';

/** −T_d(y(H)) v with its d products of H asked for one at a time. */
export function chebyshevSteps(a: number, b: number, degree: number, length: number): SteppedOperator {
  const c = 0.5 * (a + b), e = 0.5 * (b - a), inv = 1 / e, twice = 2 / e;
  const prev = new Float64Array(length), cur = new Float64Array(length), hv = new Float64Array(length);
  return function* (v, out) {
    // T_0 v = v, T_1 v = (c v − H v)/e; out ← −T_d v.
    prev.set(v);
    yield { v, out: hv };
    for (let k = 0; k < length; k++) cur[k] = (c * v[k] - hv[k]) * inv;
    for (let j = 1; j < degree; j++) {
      yield { v: cur, out: hv };
      for (let k = 0; k < length; k++) {
        const next = (c * cur[k] - hv[k]) * twice - prev[k];
        prev[k] = cur[k];
        cur[k] = next;
      }
    }
    for (let k = 0; k < length; k++) out[k] = -cur[k];
  };
}

/** −T_d(y(H)) as a plain (synchronous) operator over `apply`. */
export function chebyshevOperator(apply: HessianOperator, a: number, b: number, degree: number, length: number): HessianOperator {
  const steps = chebyshevSteps(a, b, degree, length);
  return (v, out) => runSteps(steps(v, out), apply);
}

export interface FilteredOptions extends LanczosOptions {
  /** Filter degree d (default 12). */
  degree?: number;
}

export type FilteredResult = LanczosResult & { filter: { a: number; b: number; degree: number } };

/** Lowest `count` eigenpairs of H (ascending), by Lanczos on −T_d(y(H)) with [a, b] chosen from two cheap unfiltered passes. */
export function filteredLanczosLowest(apply: HessianOperator, length: number, options: FilteredOptions): FilteredResult {
  return runSteps(filteredLanczosSteps(length, options), apply);
}

/** The same, asking the driver for every product of H. */
export function* filteredLanczosSteps(length: number, options: FilteredOptions): ProductSteps<FilteredResult> {
  const count = options.count;
  const degree = options.degree ?? 12;
  const tol = options.tolerance ?? 1e-9;
  let products = 0;
  // b: 5% above the largest eigenvalue (extreme Ritz values converge in a few tens of steps).
  const neg: SteppedOperator = function* (v, out) { yield { v, out }; for (let k = 0; k < length; k++) out[k] = -out[k]; };
  const top = yield* lanczosSteps(neg, length, { ...options, count: 1, basisSize: 40, maxRestarts: 0, accept: undefined });
  const b = -1.05 * top.values[0];
  // a: above the count-th Ritz value of two plain cycles, an upper bound on λ_count (Cauchy interlacing), plus a margin.
  const rough = yield* lanczosSteps(hessianSteps, length, { ...options, maxRestarts: 1, accept: undefined });
  products += top.products + rough.products;
  if (rough.converged) return { ...rough, products, filter: { a: Number.NaN, b, degree: 0 } };
  const span = rough.values[count - 1] - rough.values[0];
  const a = Math.min(rough.values[count - 1] + 0.25 * span + 1e-12 * b, 0.5 * b);
  const filtered = chebyshevSteps(a, b, degree, length);
  const hx = new Float64Array(length);
  function* residualOf(x: Float64Array): ProductSteps<{ lambda: number; residual: number }> {
    yield { v: x, out: hx };
    products++;
    const lambda = dot(x, hx);
    axpy(-lambda, x, hx);
    return { lambda, residual: Math.sqrt(dot(hx, hx)) };
  }
  function* accept(vectors: Float64Array[]): ProductSteps<boolean> {
    for (const x of vectors) if ((yield* residualOf(x)).residual > tol * b) return false;
    return true;
  }
  const r = yield* lanczosSteps(filtered, length, { ...options, tolerance: 0, accept, seed: (options.seed ?? 1) + 1 });
  products += r.products * degree;
  const pairs: { lambda: number; x: Float64Array; residual: number }[] = [];
  for (const x of r.vectors) pairs.push({ x, ...(yield* residualOf(x)) });
  pairs.sort((p, q) => p.lambda - q.lambda);
  return {
    values: Float64Array.from(pairs, (p) => p.lambda), vectors: pairs.map((p) => p.x), residuals: Float64Array.from(pairs, (p) => p.residual),
    products, restarts: r.restarts + rough.restarts, converged: r.converged, filter: { a, b, degree },
  };
}
