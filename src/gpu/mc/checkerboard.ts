// The checkerboard of the parallel Monte Carlo (Anderson, Jankowski, Grubb, Engel & Glotzer 2013; HOOMD HPMC), in TypeScript:
// the cell grid, which cell a fixed-point position is in for a given grid origin, and the host-built cell lists the GPU
// starts from (and restarts from when a cell overflows). Mirrors shaders/mcbindings.wgsl and shaders/mccells.wgsl.
import { cellLimit, cellsPerAxisFor } from '../../physics/cells.ts';
import type { Box } from '../../physics/space.ts';
import { mulhi32 } from '../../physics/rng.ts';

/**
 * Relative margin between a cell's side and the interaction range (choice): cell boundaries sit on the 2⁻³² L grid of the
 * positions' high words, and the f32 energy may count a pair a few ulps beyond x_c·s_ij; 1e-5 covers both with room.
 */
export const CELL_SIDE_MARGIN = 1e-5;

/** m_a cells per axis, each of side L_a/m_a ≥ the interaction range, m_a even so that 2^D colors tile the periodic box. */
export interface CheckerboardGrid {
  readonly dim: number;
  /** m_a: even, ≥ 2. */
  readonly cellsPerAxis: number[];
  /** M_a = m_a/2: cells of one color along each axis (the color's sublattice). */
  readonly sublatticePerAxis: number[];
  readonly cellCount: number;
  /** Cells of one color, Π M_a. */
  readonly sublatticeCount: number;
  /** 2^D. */
  readonly colorCount: number;
  /** L_a/m_a. */
  readonly cellSide: number[];
}

// Anderson et al. 2013 checkerboard: the largest even m_a with L_a/m_a ≥ range·(1 + margin), so particles in two different
// cells of one color (≥ 2 cells apart along some axis, with a whole cell between them) cannot interact; coarsened (still even)
// to at most cellLimit(N) cells (src/physics/cells.ts), so a sparse system in a huge box gets a few large cells.
export function checkerboardGrid(box: Box, interactionRange: number, particleCount: number): CheckerboardGrid {
  if (!(interactionRange > 0) || !Number.isFinite(interactionRange)) throw new Error(`interaction range must be positive and finite, got ${interactionRange}`);
  const side = interactionRange * (1 + CELL_SIDE_MARGIN);
  for (let a = 0; a < box.dim; a++) {
    if (box.lengths[a] < 2 * side) {
      throw new Error(`box side ${box.lengths[a].toFixed(4)} is too small for the Monte Carlo checkerboard: it needs two cells of at least the interaction range ${interactionRange.toFixed(4)} (use more particles)`);
    }
  }
  const cellsPerAxis = cellsPerAxisFor(box.lengths, side, cellLimit(particleCount), 2);
  const sublatticePerAxis = cellsPerAxis.map((m) => m / 2);
  const cellCount = cellsPerAxis.reduce((p, m) => p * m, 1);
  const sublatticeCount = sublatticePerAxis.reduce((p, m) => p * m, 1);
  return {
    dim: box.dim, cellsPerAxis, sublatticePerAxis, cellCount, sublatticeCount, colorCount: 2 ** box.dim,
    cellSide: cellsPerAxis.map((m, a) => box.lengths[a] / m),
  };
}

// mirrors cellAlong in shaders/mcbindings.wgsl: ⌊m·(hi − shift mod 2³²)/2³²⌋, the cell of a coordinate for a grid whose
// origin is at `shift` (units of 2⁻³² L); exact integer arithmetic, so host and GPU agree on every boundary.
export function cellAlong(hi: number, shift: number, cells: number): number {
  return mulhi32((hi - shift) >>> 0, cells);
}

/** Row-major cell index (axis 0 fastest) of particle i from its fixed-point words (hi, lo per coordinate). */
export function cellOfParticle(grid: CheckerboardGrid, words: Uint32Array, i: number, shift: ArrayLike<number>): number {
  let cell = 0, stride = 1;
  for (let a = 0; a < grid.dim; a++) {
    cell += cellAlong(words[2 * (i * grid.dim + a)], shift[a], grid.cellsPerAxis[a]) * stride;
    stride *= grid.cellsPerAxis[a];
  }
  return cell;
}

/**
 * Cell lists as the GPU keeps them: per cell a row of capacity + 1 words, the count then the members in increasing index.
 * Returns null if some cell holds more than `capacity` particles; `largest` is the largest count either way.
 */
export function buildBins(grid: CheckerboardGrid, words: Uint32Array, shift: ArrayLike<number>, capacity: number): { bins: Uint32Array<ArrayBuffer> | null; largest: number } {
  const n = words.length / (2 * grid.dim);
  const stride = capacity + 1;
  const counts = new Uint32Array(grid.cellCount);
  const bins = new Uint32Array(grid.cellCount * stride);
  let largest = 0;
  for (let i = 0; i < n; i++) { // increasing i: each cell's members come out sorted
    const c = cellOfParticle(grid, words, i, shift);
    const k = counts[c]++;
    largest = Math.max(largest, k + 1);
    if (k < capacity) bins[c * stride + 1 + k] = i;
  }
  if (largest > capacity) return { bins: null, largest };
  for (let c = 0; c < grid.cellCount; c++) bins[c * stride] = counts[c];
  return { bins, largest };
}

/**
 * Slots per cell to start with (choice): 3× the mean occupancy plus 8, which a dense liquid never fills; a random (T = ∞)
 * start may, and then the batch is replayed with more (GpuMonteCarlo), so the value changes speed, never results.
 */
export function initialCapacity(grid: CheckerboardGrid, n: number): number {
  return Math.ceil(3 * (n / grid.cellCount)) + 8;
}
