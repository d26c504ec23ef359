// The SystemParams uniform of shaders/system.wgsl: the box, the cell grid and the neighbor-list capacity, packed byte for byte.
import { cellLimit, cellsPerAxisFor } from '../physics/cells.ts';
import type { Box } from '../physics/space.ts';
import { TWO_POW_32 } from './fixedPoint.ts';

/** The cell grid over the box: at most cellLimit(N) cells of side ≥ the search radius, as src/physics/cells.ts buildCellList. */
export interface CellGrid {
  readonly cellsPerAxis: number[];
  /** 1 where the stencil spans −1..1 (≥ 3 cells), 0 where the axis is a single cell (a thin box: every particle is a candidate). */
  readonly stencilReach: number[];
  readonly cellCount: number;
  readonly stencilCells: number;
}

// the cells per axis of src/physics/cells.ts (cellsPerAxisFor, capped at cellLimit(N)); one cell per axis when fewer than 3,
// as src/physics/neighbors.ts candidateRanges.
export function cellGrid(box: Box, searchRadius: number, particleCount: number): CellGrid {
  const cellsPerAxis: number[] = [];
  const stencilReach: number[] = [];
  for (const cells of cellsPerAxisFor(box.lengths, searchRadius, cellLimit(particleCount))) {
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

/** A word of a uniform struct, as a u32 or an f32. */
export type UniformWord = { readonly u: number } | { readonly f: number };
/** A vec4 row of a uniform struct: the word of each axis of the box, and what the unused axes hold (zero when not given). */
export type UniformRow = { readonly u: (axis: number) => number; readonly unused?: number } | { readonly f: (axis: number) => number; readonly unused?: number };

/**
 * The bytes of a WGSL uniform struct of `byteLength` bytes laid out as SystemParams and McParams are: one vec4 row per entry
 * of `rows` (axes 0 .. dim − 1 from the row, the rest `unused`), then the scalar words in order; the rest stays zero.
 */
export function packUniform(byteLength: number, dim: number, rows: readonly UniformRow[], scalars: readonly UniformWord[]): ArrayBuffer {
  const bytes = new ArrayBuffer(byteLength);
  const u = new Uint32Array(bytes);
  const f = new Float32Array(bytes);
  const put = (k: number, word: UniformWord) => { if ('u' in word) u[k] = word.u; else f[k] = word.f; };
  rows.forEach((row, r) => {
    for (let a = 0; a < 4; a++) {
      if (a < dim) put(4 * r + a, 'u' in row ? { u: row.u(a) } : { f: row.f(a) });
      else if (row.unused !== undefined) put(4 * r + a, 'u' in row ? { u: row.unused } : { f: row.unused });
    }
  });
  scalars.forEach((word, k) => put(4 * rows.length + k, word));
  return bytes;
}

/** The bytes of struct SystemParams (WGSL uniform layout: five vec4s, then scalars, padded to 16). */
export function packSystemParams(p: SystemParams): ArrayBuffer {
  const L = p.box.lengths;
  return packUniform(SYSTEM_PARAMS_BYTES, p.box.dim, [
    { f: (a) => L[a] }, { f: (a) => L[a] / TWO_POW_32 }, { f: (a) => TWO_POW_32 / L[a] },
    { u: (a) => p.grid.cellsPerAxis[a] }, { u: (a) => p.grid.stencilReach[a] },
  ], [
    { u: p.particleCount }, { u: p.grid.cellCount }, { u: p.neighborCapacity }, { u: p.grid.stencilCells },
    { f: p.skin }, { f: (0.5 * p.skin) * (0.5 * p.skin) },
  ]);
}
