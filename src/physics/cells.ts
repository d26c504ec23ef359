// Cell lists by counting sort: particles binned into cells of a minimum side, with no capacity limit (docs/ARCHITECTURE.md hazard 4).
// The number of cells grows with N, never with the box volume alone (cellLimit): a few particles in a huge box get a few huge
// cells. Cells may be larger than the search radius, never smaller, so a ±1 stencil still finds every pair.
import type { Box } from './space.ts';

/** Cells per particle allowed (choice: dense liquids have ~0.1–0.5 cells per particle at the search radius, so they never hit it). */
export const CELLS_PER_PARTICLE = 2;
/** Cells allowed whatever N (choice: 4^3, so that a small box still gets a ±1 stencil of ≥ 3 cells per axis). */
export const MIN_CELL_LIMIT = 64;

/** The most cells a grid over N particles may have: max(MIN_CELL_LIMIT, CELLS_PER_PARTICLE·N). */
export function cellLimit(n: number): number {
  return Math.max(MIN_CELL_LIMIT, CELLS_PER_PARTICLE * n);
}

/**
 * Cells per axis of side ≥ minSide: ⌊L_a/minSide⌋, rounded down to a multiple of `multiple` (at least `multiple`), then coarsened
 * (cells only grow) until their product is ≤ maxCells or every axis is at `multiple`.
 */
export function cellsPerAxisFor(lengths: ArrayLike<number>, minSide: number, maxCells: number, multiple = 1): number[] {
  const d = lengths.length;
  const fit = (m: number) => Math.max(multiple, multiple * Math.floor(m / multiple));
  const m = Array.from(lengths, (L) => fit(Math.min(L / minSide, 2 ** 30)));
  const product = () => m.reduce((p, c) => p * c, 1);
  const f = Math.pow(maxCells / product(), 1 / d);
  if (f < 1) for (let a = 0; a < d; a++) m[a] = fit(m[a] * f);
  while (product() > maxCells) {
    let widest = 0;
    for (let a = 1; a < d; a++) if (m[a] > m[widest]) widest = a;
    if (m[widest] <= multiple) break;
    m[widest] -= multiple;
  }
  return m;
}

/** Particles binned into at most cellLimit(N) cells of side ≥ `minCellSide` by counting sort: cellStart[c]..cellStart[c+1] index `order`. */
export interface CellList {
  readonly cellsPerAxis: Int32Array;
  readonly cellStart: Int32Array;
  readonly order: Int32Array;
  readonly cellOf: Int32Array;
}

export function buildCellList(box: Box, positions: Float64Array, minCellSide: number): CellList {
  const d = box.dim;
  const n = positions.length / d;
  const cellsPerAxis = Int32Array.from(cellsPerAxisFor(box.lengths, minCellSide, cellLimit(n)));
  let total = 1;
  for (let a = 0; a < d; a++) total *= cellsPerAxis[a];
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
