// Explicit Hessians from the pair blocks (pairHessian.ts): dense (dN)² for small systems and the dense eigensolver,
// and CSR (compressed sparse rows, every nonzero of H) for export to other solvers (scipy's eigsh via Matrix Market).
import type { PairHessian } from './pairHessian.ts';

/** Dense row-major H, (D·N)² numbers: H_ii = Σ_j K_ij, H_ij = −K_ij (docs/PHYSICS.md §5). Refuses more than 8000 rows. */
export function denseHessian(h: PairHessian): Float64Array {
  const d = h.dim, m = h.n * d;
  if (m > 8000) throw new Error(`a dense Hessian of ${m} rows needs ${((8 * m * m) / 2 ** 30).toFixed(1)} GiB: use the matrix-free (Lanczos) path`);
  const H = new Float64Array(m * m);
  for (let p = 0; p < h.first.length; p++) {
    const i = h.first[p] * d, j = h.second[p] * d, k = p * d * d;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const K = h.blocks[k + a * d + b];
        H[(i + a) * m + i + b] += K;
        H[(j + a) * m + j + b] += K;
        H[(i + a) * m + j + b] -= K;
        H[(j + a) * m + i + b] -= K;
      }
    }
  }
  return H;
}

export interface CsrMatrix {
  readonly rows: number;
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

/** H in CSR form, columns ascending in each row; rows of particles with no pair hold their (zero) diagonal block. */
export function csrHessian(h: PairHessian): CsrMatrix {
  const d = h.dim, n = h.n, m = n * d;
  // Block sparsity: each particle couples to itself and its pair partners.
  const neighbors: number[][] = Array.from({ length: n }, (_, i) => [i]);
  for (let p = 0; p < h.first.length; p++) { neighbors[h.first[p]].push(h.second[p]); neighbors[h.second[p]].push(h.first[p]); }
  const blockIndex: Map<number, number>[] = [];
  const rowStart = new Int32Array(m + 1);
  const columnsList: number[] = [];
  for (let i = 0; i < n; i++) {
    const cols = [...new Set(neighbors[i])].sort((x, y) => x - y);
    const index = new Map<number, number>();
    cols.forEach((c, k) => index.set(c, k));
    blockIndex.push(index);
    for (let a = 0; a < d; a++) {
      rowStart[i * d + a] = columnsList.length;
      for (const c of cols) for (let b = 0; b < d; b++) columnsList.push(c * d + b);
    }
  }
  rowStart[m] = columnsList.length;
  const values = new Float64Array(columnsList.length);
  const add = (i: number, j: number, a: number, b: number, x: number) => {
    const row = i * d + a;
    values[rowStart[row] + (blockIndex[i].get(j) as number) * d + b] += x;
  };
  for (let p = 0; p < h.first.length; p++) {
    const i = h.first[p], j = h.second[p], k = p * d * d;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const K = h.blocks[k + a * d + b];
        add(i, i, a, b, K); add(j, j, a, b, K); add(i, j, a, b, -K); add(j, i, a, b, -K);
      }
    }
  }
  return { rows: m, rowStart, columns: Int32Array.from(columnsList), values };
}

export function applyCsr(A: CsrMatrix, v: Float64Array, out: Float64Array): Float64Array {
  for (let r = 0; r < A.rows; r++) {
    let s = 0;
    for (let k = A.rowStart[r]; k < A.rowStart[r + 1]; k++) s += A.values[k] * v[A.columns[k]];
    out[r] = s;
  }
  return out;
}
