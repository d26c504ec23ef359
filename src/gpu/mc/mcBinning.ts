// The cell lists the GPU starts from, built on the host (buildBins), and the capacity they get: at the start, and when a batch
// is replayed because a cell outgrew its slots.
import { buildBins, initialCapacity, type CheckerboardGrid } from './checkerboard.ts';
import { shiftBefore } from './schedule.ts';

/** Cell lists (per cell: count, then `capacity` member slots) that fit their capacity. */
export interface FittedBins {
  readonly bins: Uint32Array<ArrayBuffer>;
  readonly capacity: number;
}

/** The cell lists with `capacity` slots per cell or, if some cell holds more, with its count + `extra`. */
function fittedBins(grid: CheckerboardGrid, words: Uint32Array, shift: ArrayLike<number>, capacity: number, extra: number, what: string): FittedBins {
  let built = buildBins(grid, words, shift, capacity);
  if (!built.bins) {
    capacity = built.largest + extra;
    built = buildBins(grid, words, shift, capacity);
  }
  if (!built.bins) throw new Error(`internal: ${what} do not fit their capacity`);
  return { bins: built.bins, capacity };
}

/**
 * The cell lists before sweep 0: `requested` slots per cell (default initialCapacity). An explicit capacity is raised just to
 * the fullest cell (tests force overflows this way), the default with room.
 */
export function firstBins(grid: CheckerboardGrid, words: Uint32Array, seed: number, requested: number | undefined): FittedBins {
  const n = words.length / (2 * grid.dim);
  return fittedBins(grid, words, shiftBefore(seed, 0, grid), requested ?? initialCapacity(grid, n), requested === undefined ? 8 : 0, 'the first cell lists');
}

/** The cell lists before sweep `sweep`, after a cell overflowed to `largest` members: at least twice the slots, and room. */
export function roomierBins(grid: CheckerboardGrid, words: Uint32Array, seed: number, sweep: number, capacity: number, largest: number): FittedBins {
  return fittedBins(grid, words, shiftBefore(seed, sweep, grid), Math.max(2 * capacity, largest + 8), 8, 'rebuilt cell lists');
}
