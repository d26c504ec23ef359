// Positions as 64-bit fixed-point fractions of the box side (DESIGN.md hazard 1): x = L·(hi + lo·2⁻³²)·2⁻³², two u32 words.
// The same encoding as shaders/fixedpoint.wgsl, in float64, for uploading, downloading and tests.
import type { Box } from '../physics/space.ts';

export const TWO_POW_32 = 2 ** 32;

/** One coordinate as (hi, lo) words of the 64-bit fraction x/L ∈ [0, 1), wrapped into the box. */
export function encodeCoordinate(x: number, L: number): [number, number] {
  let u = x / L;
  u -= Math.floor(u);
  const t = u * TWO_POW_32;
  let hi = Math.floor(t);
  let lo = Math.floor((t - hi) * TWO_POW_32); // t − hi is exact: t < 2³² keeps its fractional bits
  if (hi >= TWO_POW_32) { hi = 0; lo = 0; } // u rounded up to 1: the box's origin
  return [hi, lo];
}

/** The coordinate in [0, L) of (hi, lo). */
export function decodeCoordinate(hi: number, lo: number, L: number): number {
  return (L * (hi + lo / TWO_POW_32)) / TWO_POW_32;
}

/** N·D float64 coordinates → 2·N·D words, (hi, lo) per coordinate, particle-major like Configuration.positions. */
export function encodePositions(box: Box, positions: Float64Array): Uint32Array<ArrayBuffer> {
  const d = box.dim;
  const words = new Uint32Array(2 * positions.length);
  for (let k = 0; k < positions.length; k++) {
    const [hi, lo] = encodeCoordinate(positions[k], box.lengths[k % d]);
    words[2 * k] = hi;
    words[2 * k + 1] = lo;
  }
  return words;
}

/** Inverse of encodePositions: coordinates wrapped into [0, L). */
export function decodePositions(box: Box, words: Uint32Array): Float64Array {
  const d = box.dim;
  const positions = new Float64Array(words.length / 2);
  for (let k = 0; k < positions.length; k++) positions[k] = decodeCoordinate(words[2 * k], words[2 * k + 1], box.lengths[k % d]);
  return positions;
}

/**
 * Minimum-image separation b − a of two encoded coordinates: the 64-bit difference wraps modulo the box, read as signed
 * it lies in [−L/2, L/2). Exact in float64 up to its rounding (mirrors fixedDifference in shaders/fixedpoint.wgsl, which rounds to f32).
 */
export function fixedSeparation(aHi: number, aLo: number, bHi: number, bLo: number, L: number): number {
  let lo = bLo - aLo;
  let borrow = 0;
  if (lo < 0) { lo += TWO_POW_32; borrow = 1; }
  let hi = (bHi - aHi - borrow) | 0; // wrapping 32-bit signed difference
  return (L * (hi + lo / TWO_POW_32)) / TWO_POW_32;
}

/** The signed 64-bit increment of a displacement Δx (in float64, exact to 2⁻⁶⁴ L), as (hi, lo) words, two's complement. */
export function fixedIncrement(dx: number, L: number): [number, number] {
  const units = Math.abs(dx / L) * TWO_POW_32;
  const whole = Math.floor(units);
  let hi = whole >>> 0;
  let lo = Math.floor((units - whole) * TWO_POW_32) >>> 0;
  if (dx < 0) { // negate the 64-bit integer
    lo = (~lo + 1) >>> 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
  return [hi, lo];
}

/** (hi, lo) + (dHi, dLo) modulo 2⁶⁴: periodic wrapping for free. */
export function fixedAdd(hi: number, lo: number, dHi: number, dLo: number): [number, number] {
  const sum = lo + dLo;
  const carry = sum >= TWO_POW_32 ? 1 : 0;
  return [(hi + dHi + carry) >>> 0, sum >>> 0];
}
