// The counter layout of the GPU's random numbers and the conversions shaders/philox.wgsl applies to them, in TypeScript:
// the same bits on both sides (philox4x32 of src/physics/rng.ts is the generator), so any GPU draw can be recomputed here.
import { mulhi32, philox4x32 } from '../physics/rng.ts';

/** Philox key word 1 of the GPU Monte Carlo ("GPMC"); key word 0 is the seed. Distinct from Streams.* of the serial engine. */
export const GPU_MONTE_CARLO_STREAM = 0x47504d43;

/** Counter word 3 of the draws made once per sweep on the host (grid shift, color order, cell pairings). */
export const SWEEP_SCHEDULE_PURPOSE = 0xffffffff;

const TWO_POW_MINUS_24 = 2 ** -24;

// mirrors uniformFromBits in shaders/philox.wgsl: k·2⁻²⁴ with k the top 24 bits, in [0, 1).
export function uniformFromBits(x: number): number {
  return (x >>> 8) * TWO_POW_MINUS_24;
}

// mirrors centeredFromBits in shaders/philox.wgsl: (2k + 1 − 2²⁴)·2⁻²⁴ ∈ (−1, 1), odd under x → ~x.
export function centeredFromBits(x: number): number {
  return (2 * (x >>> 8) + 1 - 16777216) * TWO_POW_MINUS_24;
}

// mirrors indexFromBits in shaders/philox.wgsl: ⌊x·n/2³²⌋ ∈ [0, n).
export function indexFromBits(x: number, n: number): number {
  return mulhi32(x >>> 0, n >>> 0);
}

/**
 * The four words of one GPU trial block, counter (sweep, cell, 2·trial + block, pass), key (seed, GPU_MONTE_CARLO_STREAM):
 * what the thread owning `cell` draws in color pass `pass` of sweep `sweep` for its trial `trial` (block 0: kind, particles,
 * acceptance; block 1: the displacement). See shaders/mcsweep.wgsl.
 */
export function trialBlock(seed: number, sweep: number, cell: number, trial: number, block: 0 | 1, pass: number): Uint32Array {
  return philox4x32(sweep >>> 0, cell >>> 0, (2 * trial + block) >>> 0, pass >>> 0, seed >>> 0, GPU_MONTE_CARLO_STREAM, new Uint32Array(4));
}

/** A sequential reader of the host's per-sweep draws: counter (sweep, 0, block, SWEEP_SCHEDULE_PURPOSE). */
export function sweepDraws(seed: number, sweep: number): () => number {
  const words = new Uint32Array(4);
  let block = 0, used = 4;
  return () => {
    if (used === 4) {
      philox4x32(sweep >>> 0, 0, block++, SWEEP_SCHEDULE_PURPOSE, seed >>> 0, GPU_MONTE_CARLO_STREAM, words);
      used = 0;
    }
    return words[used++];
  };
}
