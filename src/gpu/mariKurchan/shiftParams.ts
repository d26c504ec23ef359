// struct ShiftParams of shaders/mkshifts.wgsl: what the GPU needs to regenerate a Mari–Kurchan state's pair shifts.
import type { PairShifts } from '../../physics/configuration.ts';
import { Streams } from '../../physics/rng.ts';

export const SHIFT_PARAMS_BYTES = 32;

/** The bytes of ShiftParams: the planting's seed and stream, 1/T (0 at T = ∞), the resolved-pair count and the table's capacity. */
export function packShiftParams(shifts: PairShifts, resolvedCount: number, pairTableCapacity: number): ArrayBuffer {
  const bytes = new ArrayBuffer(SHIFT_PARAMS_BYTES);
  const u = new Uint32Array(bytes);
  const f = new Float32Array(bytes);
  u[0] = shifts.seed >>> 0;
  u[1] = Streams.pairShifts;
  f[2] = 1 / shifts.temperature;
  u[3] = resolvedCount;
  u[4] = pairTableCapacity;
  return bytes;
}
