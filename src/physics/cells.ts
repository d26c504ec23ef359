// Cell lists by counting sort: particles binned into cells of a minimum side, with no capacity limit (DESIGN.md hazard 4).
import type { Box } from './space.ts';

/** Particles binned into cells of side ≥ `minCellSide` by counting sort: cellStart[c]..cellStart[c+1] index `order`. */
export interface CellList {
  readonly cellsPerAxis: Int32Array;
  readonly cellStart: Int32Array;
  readonly order: Int32Array;
  readonly cellOf: Int32Array;
}

export function buildCellList(box: Box, positions: Float64Array, minCellSide: number): CellList {
  const d = box.dim;
  const n = positions.length / d;
  const cellsPerAxis = new Int32Array(d);
  let total = 1;
  for (let a = 0; a < d; a++) {
    cellsPerAxis[a] = Math.max(1, Math.floor(box.lengths[a] / minCellSide));
    total *= cellsPerAxis[a];
  }
  const cellOf = new Int32Array(n);
  const counts = new Int32Array(total + 1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let a = d - 1; a >= 0; a--) {
      const L = box.lengths[a];
      let x = positions[i * d + a];
      x -= L * Math.floor(x / L);
      let k = Math.floor((x / L) * cellsPerAxis[a]);
      if (k >= cellsPerAxis[a]) k = cellsPerAxis[a] - 1;
      c = c * cellsPerAxis[a] + k;
    }
    cellOf[i] = c;
    counts[c + 1]++;
  }
  for (let c = 0; c < total; c++) counts[c + 1] += counts[c];
  const cellStart = counts.slice();
  const fill = counts.slice(0, total);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[cellOf[i]]++] = i;
  return { cellsPerAxis, cellStart, order, cellOf };
}
