// Block-Jacobi preconditioner for CG on the Hessian: C = diag(H_ii)⁻¹ per particle, H_ii = Σ_j K_ij (the D×D diagonal
// blocks), applied as P C P on the mode space (Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., §10.2). A block
// that is not positive definite (possible for repulsive pairs under tension) is replaced by D/tr(H_ii) I, or I, so C stays
// positive definite and PCG converges to the same z. About 30% fewer iterations on soft-sphere minima (bench/elastic.ts).
import { projectModeSpace, type ModeSpace, type PairHessian } from '../hessian/index.ts';

export type Preconditioner = (r: Float64Array, out: Float64Array) => void;

/** Cholesky factor of one SPD block in place (lower triangle); false when the block is not positive definite. */
function choleskyInPlace(a: Float64Array, d: number): boolean {
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j];
    for (let k = 0; k < j; k++) s -= a[j * d + k] * a[j * d + k];
    if (!(s > 0)) return false;
    const l = Math.sqrt(s);
    a[j * d + j] = l;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j];
      for (let k = 0; k < j; k++) t -= a[i * d + k] * a[j * d + k];
      a[i * d + j] = t / l;
    }
  }
  return true;
}

// Saad §10.2: block-Jacobi, one D×D block per particle, inverted once through its Cholesky factor.
export function blockJacobiPreconditioner(h: PairHessian, space: ModeSpace): Preconditioner {
  const d = h.dim, dd = d * d, n = h.n;
  const blocks = new Float64Array(n * dd);
  for (let p = 0; p < h.first.length; p++) {
    for (const i of [h.first[p], h.second[p]]) for (let k = 0; k < dd; k++) blocks[i * dd + k] += h.blocks[p * dd + k];
  }
  // Per particle the explicit inverse (from its Cholesky factor, once), or D/tr(H_ii) I when the block is not positive definite.
  const inverse = new Float64Array(n * dd);
  const e = new Float64Array(d), y = new Float64Array(d), x = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const a = blocks.subarray(i * dd, (i + 1) * dd);
    let trace = 0;
    for (let c = 0; c < d; c++) trace += a[c * d + c];
    if (!choleskyInPlace(a, d)) {
      const s = trace > 0 ? d / trace : 1;
      for (let c = 0; c < d; c++) inverse[i * dd + c * d + c] = s;
      continue;
    }
    for (let col = 0; col < d; col++) {
      e.fill(0); e[col] = 1;
      for (let c = 0; c < d; c++) { let t = e[c]; for (let k = 0; k < c; k++) t -= a[c * d + k] * y[k]; y[c] = t / a[c * d + c]; } // L y = e
      for (let c = d - 1; c >= 0; c--) { let t = y[c]; for (let k = c + 1; k < d; k++) t -= a[k * d + c] * x[k]; x[c] = t / a[c * d + c]; } // Lᵀ x = y
      for (let c = 0; c < d; c++) inverse[i * dd + c * d + col] = x[c];
    }
  }
  return (r, out) => {
    for (let i = 0, o = 0, q = 0; i < n; i++, o += d) {
      for (let c = 0; c < d; c++, q += d) {
        let t = 0;
        for (let k = 0; k < d; k++) t += inverse[q + k] * r[o + k];
        out[o + c] = t;
      }
    }
    projectModeSpace(space, out);
  };
}
