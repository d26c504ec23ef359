// Cell lists whose members can move one at a time (for Monte Carlo): per-cell arrays with swap-remove, grown on demand,
// so no particle is ever dropped.
import { cellLimit, cellsPerAxisFor } from '../cells.ts';
import type { Box } from '../space.ts';

/** Per-cell member arrays (capacity `capacity` each, grown on demand) plus each particle's cell and slot. */
export interface MovableCellList {
  readonly cellsPerAxis: Int32Array;
  readonly cellCount: number;
  /** Row of 3^D neighboring cells (itself included) for each cell. */
  readonly neighborCells: Int32Array;
  readonly stencilSize: number;
  readonly cellOf: Int32Array;
  readonly slotOf: Int32Array;
  readonly count: Int32Array;
  members: Int32Array;
  capacity: number;
}

/** At most cellLimit(N) cells of side ≥ minCellSide (src/physics/cells.ts), or null when some axis has fewer than 3 of them. */
export function buildMovableCellList(box: Box, positions: Float64Array, minCellSide: number): MovableCellList | null {
  const d = box.dim;
  const n = positions.length / d;
  const cellsPerAxis = Int32Array.from(cellsPerAxisFor(box.lengths, minCellSide, cellLimit(n)));
  let cellCount = 1;
  for (let a = 0; a < d; a++) {
    if (cellsPerAxis[a] < 3) return null;
    cellCount *= cellsPerAxis[a];
  }
  const stencilSize = 3 ** d;
  const capacity = Math.max(8, 4 * Math.ceil(n / cellCount));
  const cells: MovableCellList = {
    cellsPerAxis, cellCount, neighborCells: neighborCellTable(cellsPerAxis), stencilSize,
    cellOf: new Int32Array(n), slotOf: new Int32Array(n), count: new Int32Array(cellCount),
    members: new Int32Array(cellCount * capacity), capacity,
  };
  for (let i = 0; i < n; i++) insertIntoCell(cells, i, cellIndex(box, cellsPerAxis, positions, i * d));
  return cells;
}

/** Row-major index of the cell holding the point coords[offset .. offset+D) (assumed wrapped into the box). */
export function cellIndex(box: Box, cellsPerAxis: Int32Array, coords: Float64Array, offset: number): number {
  let c = 0;
  for (let a = box.dim - 1; a >= 0; a--) {
    const m = cellsPerAxis[a];
    let k = Math.floor((coords[offset + a] / box.lengths[a]) * m);
    if (k >= m) k = m - 1; else if (k < 0) k = 0;
    c = c * m + k;
  }
  return c;
}

/** For each cell the 3^D cells at offsets −1, 0, +1 per axis, periodic (all distinct when every axis has ≥ 3 cells). */
function neighborCellTable(cellsPerAxis: Int32Array): Int32Array {
  const d = cellsPerAxis.length;
  let total = 1;
  for (let a = 0; a < d; a++) total *= cellsPerAxis[a];
  const s = 3 ** d;
  const table = new Int32Array(total * s);
  const coord = new Int32Array(d);
  const offsets = new Int32Array(d);
  for (let c = 0; c < total; c++) {
    let rest = c;
    for (let a = 0; a < d; a++) { coord[a] = rest % cellsPerAxis[a]; rest = Math.floor(rest / cellsPerAxis[a]); }
    for (let o = 0; o < s; o++) {
      let idx = 0, code = o;
      for (let a = 0; a < d; a++) { offsets[a] = (code % 3) - 1; code = Math.floor(code / 3); }
      for (let a = d - 1; a >= 0; a--) {
        const m = cellsPerAxis[a];
        const k = (coord[a] + offsets[a] + m) % m;
        idx = idx * m + k;
      }
      table[c * s + o] = idx;
    }
  }
  return table;
}

export function insertIntoCell(cells: MovableCellList, i: number, c: number): void {
  if (cells.count[c] === cells.capacity) growCells(cells);
  const slot = cells.count[c]++;
  cells.members[c * cells.capacity + slot] = i;
  cells.slotOf[i] = slot;
  cells.cellOf[i] = c;
}

export function removeFromCell(cells: MovableCellList, i: number): void {
  const c = cells.cellOf[i];
  const base = c * cells.capacity;
  const last = --cells.count[c];
  const moved = cells.members[base + last];
  cells.members[base + cells.slotOf[i]] = moved;
  cells.slotOf[moved] = cells.slotOf[i];
}

/** Double every cell's capacity (keeps order and slots). */
function growCells(cells: MovableCellList): void {
  const old = cells.capacity, cap = 2 * old;
  const members = new Int32Array(cells.cellCount * cap);
  for (let c = 0; c < cells.cellCount; c++) members.set(cells.members.subarray(c * old, c * old + cells.count[c]), c * cap);
  cells.members = members;
  cells.capacity = cap;
}
