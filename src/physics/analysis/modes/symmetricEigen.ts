// Dense real symmetric eigenproblem A = Q Λ Qᵀ in float64: Householder reduction to tridiagonal form, then the implicit
// QL iteration with Wilkinson-type shifts (Golub & Van Loan, Matrix Computations, §8.3). O(n³): for n up to a few thousand.
// Our own code (no dependency): it also diagonalizes the small projected matrices inside Lanczos.

export interface SymmetricEigen {
  /** Ascending eigenvalues. */
  readonly values: Float64Array;
  /** Row k holds the unit eigenvector of values[k] (n × n row-major), or null when only values were asked for. */
  readonly vectors: Float64Array | null;
}

/** Reduce symmetric A (n×n row-major, overwritten) to T = Qᵀ A Q; returns diag, off-diagonal (e[k] couples k, k+1) and Qᵀ. */
function tridiagonalize(A: Float64Array, n: number, wantVectors: boolean) {
  const diag = new Float64Array(n), off = new Float64Array(n);
  const reflectors: Float64Array[] = [];
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    // Householder u zeroing A[k+2.., k]: H = I − u uᵀ with |u|² = 2.
    const m = n - k - 1;
    const u = new Float64Array(m);
    let norm2 = 0;
    for (let i = 0; i < m; i++) { u[i] = A[(k + 1 + i) * n + k]; norm2 += u[i] * u[i]; }
    const norm = Math.sqrt(norm2);
    if (norm === 0) { reflectors.push(u); off[k] = 0; continue; }
    const alpha = u[0] > 0 ? -norm : norm;
    off[k] = alpha;
    u[0] -= alpha;
    const s = Math.sqrt(2 / (norm2 - 2 * alpha * A[(k + 1) * n + k] + alpha * alpha)); // |x − αe₁|² = |x|² − 2αx₀ + α²
    for (let i = 0; i < m; i++) u[i] *= s;
    reflectors.push(u);
    // Trailing block B ← H B H = B − u qᵀ − q uᵀ with p = B u, q = p − ½(uᵀp) u.
    let up = 0;
    for (let i = 0; i < m; i++) {
      const row = (k + 1 + i) * n + k + 1;
      let acc = 0;
      for (let j = 0; j < m; j++) acc += A[row + j] * u[j];
      p[i] = acc;
      up += u[i] * acc;
    }
    for (let i = 0; i < m; i++) p[i] -= 0.5 * up * u[i];
    for (let i = 0; i < m; i++) {
      const row = (k + 1 + i) * n + k + 1;
      const ui = u[i], pi = p[i];
      for (let j = 0; j < m; j++) A[row + j] -= ui * p[j] + pi * u[j];
    }
  }
  for (let k = 0; k < n; k++) diag[k] = A[k * n + k];
  if (n >= 2) off[n - 2] = A[(n - 1) * n + n - 2];
  off[n - 1] = 0;
  if (!wantVectors) return { diag, off, qt: null };
  // Qᵀ = H_{n−3} ⋯ H_0 applied to I, accumulated from the last reflector (each touches rows/cols k+1..).
  const qt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) qt[i * n + i] = 1;
  for (let k = reflectors.length - 1; k >= 0; k--) {
    const u = reflectors[k], m = u.length, o = k + 1;
    // Row-major Qᵀ: Q ← H_k Q on columns o.. of each row means each row r gets r ← r − (r·u) uᵀ; apply to rows o..n−1.
    for (let r = o; r < n; r++) {
      const row = r * n + o;
      let dot = 0;
      for (let j = 0; j < m; j++) dot += qt[row + j] * u[j];
      if (dot !== 0) for (let j = 0; j < m; j++) qt[row + j] -= dot * u[j];
    }
  }
  return { diag, off, qt };
}

/** Implicit QL on (diag, off); rotations are applied to rows of z (eigenvector k ends in row k). */
function tridiagonalQL(d: Float64Array, e: Float64Array, z: Float64Array | null, n: number): void {
  for (let l = 0; l < n; l++) {
    for (let iter = 0; ; iter++) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (iter > 60) throw new Error('the tridiagonal QL iteration did not converge (a non-finite matrix entry?)');
      // Shift from the leading 2×2 block.
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * e[i], b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) { d[i + 1] -= p; e[m] = 0; underflow = true; break; }
        s = f / r; c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (z) {
          const a0 = i * n, a1 = (i + 1) * n;
          for (let k = 0; k < n; k++) {
            const zi = z[a0 + k], zj = z[a1 + k];
            z[a1 + k] = s * zi + c * zj;
            z[a0 + k] = c * zi - s * zj;
          }
        }
      }
      if (underflow) continue;
      d[l] -= p; e[l] = g; e[m] = 0;
    }
  }
}

/** Eigen-decomposition of a symmetric n×n matrix (row-major; the input is not modified). */
export function symmetricEigen(matrix: Float64Array, n: number, wantVectors = true): SymmetricEigen {
  if (matrix.length !== n * n) throw new Error(`expected an ${n}×${n} matrix, got ${matrix.length} entries`);
  for (let k = 0; k < matrix.length; k++) if (!Number.isFinite(matrix[k])) throw new Error('the matrix has a non-finite entry');
  const { diag, off, qt } = tridiagonalize(matrix.slice(), n, wantVectors);
  tridiagonalQL(diag, off, qt, n);
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => diag[a] - diag[b]);
  const values = Float64Array.from(order, (k) => diag[k]);
  if (!qt) return { values, vectors: null };
  const vectors = new Float64Array(n * n);
  order.forEach((k, r) => vectors.set(qt.subarray(k * n, (k + 1) * n), r * n));
  return { values, vectors };
}
