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

/**
 * Classical Gram–Schmidt of w against basis[0..count), repeated once when needed ("CGS2", stable to working precision: Giraud
 * et al., Numer. Math. 101, 87 (2005)); adds the coefficients to h. The second pass runs unless the first kept at least
 * 1/√2 of |w| (the DGKS criterion: Daniel, Gragg, Kaufman & Stewart, Math. Comp. 30, 772 (1976), as ARPACK). Each pass computes
 * every coefficient c = Vᵀw from the same w, then w ← w − V c, four basis vectors per sweep over w: the sweeps are
 * memory-bound at large N, and this reads w a quarter as often.
 */
export function orthogonalize(basis: readonly Float64Array[], count: number, w: Float64Array, h?: Float64Array): void {
  const n = w.length;
  const c = new Float64Array(count);
  let before = Math.sqrt(dot(w, w));
  for (let pass = 0; pass < 2; pass++) {
    let i = 0;
    for (; i + 4 <= count; i += 4) {
      const b0 = basis[i], b1 = basis[i + 1], b2 = basis[i + 2], b3 = basis[i + 3];
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < n; k++) { const x = w[k]; s0 += b0[k] * x; s1 += b1[k] * x; s2 += b2[k] * x; s3 += b3[k] * x; }
      c[i] = s0; c[i + 1] = s1; c[i + 2] = s2; c[i + 3] = s3;
    }
    for (; i < count; i++) c[i] = dot(basis[i], w);
    i = 0;
    for (; i + 4 <= count; i += 4) {
      const b0 = basis[i], b1 = basis[i + 1], b2 = basis[i + 2], b3 = basis[i + 3];
      const c0 = c[i], c1 = c[i + 1], c2 = c[i + 2], c3 = c[i + 3];
      for (let k = 0; k < n; k++) w[k] -= c0 * b0[k] + c1 * b1[k] + c2 * b2[k] + c3 * b3[k];
    }
    for (; i < count; i++) axpy(-c[i], basis[i], w);
    if (h) for (let q = 0; q < count; q++) h[q] += c[q];
    const after = Math.sqrt(dot(w, w));
    if (after >= Math.SQRT1_2 * before) break;
    before = after;
  }
}

/**
 * X = Y V: rows 0..rows of Y (row-major, m columns) combine basis[0..m), each result normalized. Computed in chunks of the
 * components so each basis vector is read once for all the rows (instead of once per row).
 */
export function combineRows(basis: readonly Float64Array[], Y: Float64Array, rows: number, m: number, length: number): Float64Array[] {
  const X = Array.from({ length: rows }, () => new Float64Array(length));
  const chunk = 512;
  for (let k0 = 0; k0 < length; k0 += chunk) {
    const k1 = Math.min(length, k0 + chunk);
    for (let j = 0; j < m; j++) {
      const v = basis[j];
      for (let i = 0; i < rows; i++) {
        const y = Y[i * m + j];
        const x = X[i];
        for (let k = k0; k < k1; k++) x[k] += y * v[k];
      }
    }
  }
  for (const x of X) normalize(x);
  return X;
}
