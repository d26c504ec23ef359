// Small dense-vector helpers shared by the Krylov solvers (float64, plain loops).
import { createRng } from '../../rng.ts';

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

/** y ← y + α x */
export function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let k = 0; k < y.length; k++) y[k] += alpha * x[k];
}

export function normalize(v: Float64Array): number {
  const norm = Math.sqrt(dot(v, v));
  if (norm > 0) for (let k = 0; k < v.length; k++) v[k] /= norm;
  return norm;
}

/** A standard normal vector of length m from the project's Philox generator. */
export function gaussianVector(m: number, seed: number, stream: number): Float64Array {
  const rng = createRng(seed, stream);
  const v = new Float64Array(m);
  for (let k = 0; k < m; k++) v[k] = rng.normal();
  return v;
}

/** Classical Gram–Schmidt of w against basis[0..count), twice ("CGS2", stable to working precision); adds the coefficients to h. */
export function orthogonalize(basis: readonly Float64Array[], count: number, w: Float64Array, h?: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < count; i++) {
      const c = dot(basis[i], w);
      if (h) h[i] += c;
      axpy(-c, basis[i], w);
    }
  }
}
