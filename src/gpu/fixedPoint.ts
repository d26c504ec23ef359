// Positions as 64-bit fixed-point fractions of the box side (docs/ARCHITECTURE.md hazard 1): x = L·(hi + lo·2⁻³²)·2⁻³², two u32 words.
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

/**
 * The common unit U of the exact integer separations of shaders/separation.wgsl: along axis a the 64-bit difference (units
 * 2⁻⁶⁴ L_a) is shifted right by 32 − shift_a into units U_a = L_a·2^−(32+shift_a), with 2³¹·U_a ≥ `reach` (every interacting
 * pair's |Δx_a|) and U_a < 2^−30·reach; U = max_a U_a, and ratio_a = ⌊2³²·U_a/U⌋ rescales the other axes (0: U_a = U, none).
 * Then |Δx_a| < 2³¹ U for every interacting pair, and r² = Σ_a m_a² (m_a < 2³¹) fits in 64 bits exactly.
 */
export interface SeparationUnits {
  readonly shift: number[];
  readonly ratio: number[];
  /** U, in lengths. */
  readonly unit: number;
}

// docs/ARCHITECTURE.md hazard 1: integer separations with ~31 bits over the interaction range (U ≈ 1e-9 for soft spheres).
export function separationUnits(box: Box, reach: number): SeparationUnits {
  if (!(reach > 0)) throw new Error(`the interaction reach must be positive, got ${reach}`);
  const shift: number[] = [];
  const axisUnits: number[] = [];
  for (let a = 0; a < box.dim; a++) {
    const L = box.lengths[a];
    // the largest s with L·2^−(s+1) ≥ reach, i.e. 2³¹·U_a ≥ reach; L ≥ 2·reach (the landscape's box check) gives s ≥ 0
    let s = Math.max(0, Math.floor(Math.log2(L / reach)) - 1);
    while (s > 0 && L / 2 ** (s + 1) < reach) s--;
    while (s < 31 && L / 2 ** (s + 2) >= reach) s++;
    if (L / 2 ** (s + 1) < reach) throw new Error(`box side ${L} is shorter than twice the interaction reach ${reach}`);
    shift.push(s);
    axisUnits.push(L / 2 ** (32 + s));
  }
  const unit = Math.max(...axisUnits);
  const ratio = axisUnits.map((u) => (u === unit ? 0 : Math.min(TWO_POW_32 - 1, Math.floor((u / unit) * TWO_POW_32))));
  return { shift, ratio, unit };
}

export const SEPARATION_UNITS_BYTES = 48;

/** struct SeparationUnits of shaders/separation.wgsl: shift (vec4<u32>), ratio (vec4<u32>), U and U² as f32, padded to 16. */
export function packSeparationUnits(units: SeparationUnits): ArrayBuffer {
  const bytes = new ArrayBuffer(SEPARATION_UNITS_BYTES);
  const u = new Uint32Array(bytes);
  const f = new Float32Array(bytes);
  units.shift.forEach((s, a) => { u[a] = s; });
  units.ratio.forEach((r, a) => { u[4 + a] = r; });
  f[8] = units.unit;
  f[9] = units.unit * units.unit;
  return bytes;
}

/**
 * |b − a| along one axis in units U as shaders/separation.wgsl axisSeparationUnits computes it (exact, BigInt), or null when
 * ≥ 2³¹ U (beyond reach).
 */
export function axisSeparationUnits(aHi: number, aLo: number, bHi: number, bLo: number, shift: number, ratio: number): bigint | null {
  const two64 = 1n << 64n;
  let d = ((BigInt(bHi) << 32n) + BigInt(bLo) - (BigInt(aHi) << 32n) - BigInt(aLo) + two64) % two64;
  if (d >= 1n << 63n) d = two64 - d; // |D|, the minimum image
  let m = d >> BigInt(32 - shift);
  if (m >= 1n << 32n) return null;
  if (ratio !== 0) m = (m * BigInt(ratio)) >> 32n;
  return m >= 1n << 31n ? null : m;
}
