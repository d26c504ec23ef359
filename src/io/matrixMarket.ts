// Matrix Market coordinate format ("%%MatrixMarket matrix coordinate real symmetric"): the lower triangle of a symmetric
// CSR matrix, 1-based, as scipy.io.mmread, MATLAB and Julia read it. Used to hand the Hessian to other eigensolvers.
import type { CsrMatrix } from '../physics/hessian/assemble.ts';

export function writeMatrixMarketSymmetric(A: CsrMatrix, comment = ''): string {
  const lines: string[] = [];
  let count = 0;
  for (let r = 0; r < A.rows; r++) {
    for (let k = A.rowStart[r]; k < A.rowStart[r + 1]; k++) {
      const c = A.columns[k];
      if (c > r || A.values[k] === 0) continue;
      lines.push(`${r + 1} ${c + 1} ${A.values[k].toPrecision(17)}`);
      count++;
    }
  }
  const head = ['%%MatrixMarket matrix coordinate real symmetric', ...(comment ? comment.split('\n').map((l) => `% ${l}`) : []), `${A.rows} ${A.rows} ${count}`];
  return `${head.join('\n')}\n${lines.join('\n')}\n`;
}
