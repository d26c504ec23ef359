// The SystemParams uniform of shaders/system.wgsl: the box, the cell grid and the neighbor-list capacity, packed byte for byte.
import type { Box } from '../physics/space.ts';
import { TWO_POW_32 } from './fixedPoint.ts';

/** The cell grid over the box: cells of side ≥ the search radius, as src/physics/neighbors.ts buildCellList. */
export interface CellGrid {
  readonly cellsPerAxis: number[];
  /** 1 where the stencil spans −1..1 (≥ 3 cells), 0 where the axis is a single cell (a thin box: every particle is a candidate). */
  readonly stencilReach: number[];
  readonly cellCount: number;
  readonly stencilCells: number;
}

// mirrors src/physics/neighbors.ts buildCellList / candidateRanges: ⌊L/r_search⌋ cells, one cell per axis when fewer than 3.
export function cellGrid(box: Box, searchRadius: number): CellGrid {
  const cellsPerAxis: number[] = [];
  const stencilReach: number[] = [];
  for (let a = 0; a < box.dim; a++) {
    const cells = Math.max(1, Math.floor(box.lengths[a] / searchRadius));
    cellsPerAxis.push(cells >= 3 ? cells : 1);
    stencilReach.push(cells >= 3 ? 1 : 0);
  }
  const cellCount = cellsPerAxis.reduce((p, c) => p * c, 1);
  const stencilCells = stencilReach.reduce((p, r) => p * (2 * r + 1), 1);
  return { cellsPerAxis, stencilReach, cellCount, stencilCells };
}

export interface SystemParams {
  readonly box: Box;
  readonly particleCount: number;
  readonly grid: CellGrid;
  readonly neighborCapacity: number;
  readonly skin: number;
}

export const SYSTEM_PARAMS_BYTES = 112;

/** The bytes of struct SystemParams (WGSL uniform layout: five vec4s, then scalars, padded to 16). */
export function packSystemParams(p: SystemParams): ArrayBuffer {
  const bytes = new ArrayBuffer(SYSTEM_PARAMS_BYTES);
  const f = new Float32Array(bytes);
  const u = new Uint32Array(bytes);
  for (let a = 0; a < p.box.dim; a++) {
    const L = p.box.lengths[a];
    f[a] = L;
    f[4 + a] = L / TWO_POW_32;
    f[8 + a] = TWO_POW_32 / L;
    u[12 + a] = p.grid.cellsPerAxis[a];
    u[16 + a] = p.grid.stencilReach[a];
  }
  u[20] = p.particleCount;
  u[21] = p.grid.cellCount;
  u[22] = p.neighborCapacity;
  u[23] = p.grid.stencilCells;
  f[24] = p.skin;
  f[25] = (0.5 * p.skin) * (0.5 * p.skin);
  return bytes;
}
