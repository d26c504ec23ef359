// What one GPU Monte Carlo sweep does, decided on the host from the counter-based generator before it is encoded:
// a random grid origin, the 2^D colors in a random order, and per color a random pairing of its cells (Anderson et al. 2013;
// HOOMD HPMC). Packed into one 256-byte uniform slot per color pass (struct McPass in shaders/mcbindings.wgsl).
import { indexFromBits, sweepDraws } from '../philox.ts';
import type { CheckerboardGrid } from './checkerboard.ts';

export interface ColorPass {
  /** Parity of the active cells' coordinates along each axis (bit a of the color). */
  readonly color: number;
  /** Reflection t_a of the sublattice pairing: cell k of this color is paired with cell (t − k) mod M_a, per axis. */
  readonly pairing: number[];
}

export interface SweepSchedule {
  readonly sweep: number;
  /** Grid origin per axis in units of 2⁻³² L_a, uniform over the whole box. */
  readonly shift: number[];
  /** The origin of the previous sweep (whose cell list the GPU rebuilds from); zero before sweep 0. */
  readonly previousShift: number[];
  /** The 2^D colors in the order they run. */
  readonly passes: ColorPass[];
}

const ZERO_SHIFT = [0, 0, 0, 0];

// Anderson et al. 2013 / HOOMD HPMC: draw, in this order, D shift words, 2^D − 1 words for a Fisher–Yates shuffle of the
// colors, and D words per color for its pairing, from counter (sweep, 0, block, SWEEP_SCHEDULE_PURPOSE).
function sweepDrawsOf(seed: number, sweep: number, grid: CheckerboardGrid): { shift: number[]; passes: ColorPass[] } {
  const next = sweepDraws(seed, sweep);
  const shift = Array.from({ length: grid.dim }, () => next());
  const colors = Array.from({ length: grid.colorCount }, (_, c) => c);
  for (let k = colors.length - 1; k > 0; k--) {
    const r = indexFromBits(next(), k + 1);
    [colors[k], colors[r]] = [colors[r], colors[k]];
  }
  const passes = colors.map((color) => ({ color, pairing: grid.sublatticePerAxis.map((m) => indexFromBits(next(), m)) }));
  return { shift, passes };
}

/** The schedule of sweep `sweep` (≥ 0) of the run with this seed. */
export function sweepSchedule(seed: number, sweep: number, grid: CheckerboardGrid): SweepSchedule {
  const { shift, passes } = sweepDrawsOf(seed, sweep, grid);
  const previousShift = sweep === 0 ? ZERO_SHIFT.slice(0, grid.dim) : sweepDrawsOf(seed, sweep - 1, grid).shift;
  return { sweep, shift, previousShift, passes };
}

/** The grid origin whose cell list is current before sweep `sweep` runs (that of sweep − 1; zero at the start). */
export function shiftBefore(seed: number, sweep: number, grid: CheckerboardGrid): number[] {
  return sweep === 0 ? ZERO_SHIFT.slice(0, grid.dim) : sweepDrawsOf(seed, sweep - 1, grid).shift;
}

/** Bytes between two McPass slots: WebGPU's dynamic uniform offsets must be multiples of 256. */
export const PASS_SLOT_BYTES = 256;

/**
 * struct McPass: shift, previousShift, parity (vec4<u32> each), pairing (vec4<u32>), sweep, pass (u32).
 * Slot k·2^D + p holds color pass p of the k-th sweep of the batch.
 */
export function packPassSlots(schedules: readonly SweepSchedule[]): Uint32Array<ArrayBuffer> {
  const colorCount = schedules.length > 0 ? schedules[0].passes.length : 0;
  const words = new Uint32Array((schedules.length * colorCount * PASS_SLOT_BYTES) / 4);
  schedules.forEach((s, k) => {
    s.passes.forEach((pass, p) => {
      const base = ((k * colorCount + p) * PASS_SLOT_BYTES) / 4;
      for (let a = 0; a < s.shift.length; a++) {
        words[base + a] = s.shift[a];
        words[base + 4 + a] = s.previousShift[a];
        words[base + 8 + a] = (pass.color >> a) & 1;
        words[base + 12 + a] = pass.pairing[a];
      }
      words[base + 16] = s.sweep >>> 0;
      words[base + 17] = p;
    });
  });
  return words;
}
