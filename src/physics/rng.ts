// Counter-based Philox4x32-10 (Salmon et al., SC'11 "Random123"), keyed by (seed, stream), counted by a 64-bit counter.
// Exact 32-bit integer results only, so WGSL produces the same bits (there mulhi by 16-bit halves, here see mulhi32).

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/**
 * High 32 bits of the 64-bit product of two u32 values, exactly: the double product a·b is within 2^11 of the exact one, and
 * Math.imul gives its exact low word, so (a·b − low)/2^32 lies within 2^-21 of the high word and rounds to it (3× faster in
 * JS than multiplying 16-bit halves, which is what the WGSL port does).
 */
export function mulhi32(a: number, b: number): number {
  const low = Math.imul(a, b) >>> 0;
  return Math.round((a * b - low) * TWO_M32);
}
const TWO_M32 = 2.3283064365386963e-10; // 2^-32

/** Philox4x32-10 on counter (c0..c3) with key (k0, k1); writes 4 u32 words into out. */
export function philox4x32(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array): Uint32Array {
  c0 >>>= 0; c1 >>>= 0; c2 >>>= 0; c3 >>>= 0; k0 >>>= 0; k1 >>>= 0;
  for (let r = 0; r < 10; r++) {
    // mulhi32 written out, sharing the low word with the product's low half.
    const lo0 = Math.imul(M0, c0) >>> 0, hi0 = Math.round((M0 * c0 - lo0) * TWO_M32);
    const lo1 = Math.imul(M1, c2) >>> 0, hi1 = Math.round((M1 * c2 - lo1) * TWO_M32);
    const n0 = (hi1 ^ c1 ^ k0) >>> 0;
    const n2 = (hi0 ^ c3 ^ k1) >>> 0;
    c0 = n0; c1 = lo1; c2 = n2; c3 = lo0;
    k0 = (k0 + W0) >>> 0; k1 = (k1 + W1) >>> 0;
  }
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
  return out;
}

const TWO32 = 4294967296;
const TWO53 = 9007199254740992;

/** A sequential view of the counter-based stream (seed, stream): draw k uses counter ⌊k/4⌋. */
export interface Rng {
  readonly seed: number;
  readonly stream: number;
  /** Next raw u32. */
  nextU32(): number;
  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Draws consumed so far (u32 words). */
  readonly position: number;
}

export function validateSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`seed must be an integer in [0, 4294967295], got ${seed}`);
  return seed;
}

export function createRng(seed: number, stream = 0): Rng {
  validateSeed(seed);
  const block = new Uint32Array(4);
  let counter = 0; // blocks generated
  let used = 4;
  let drawn = 0;
  const nextU32 = (): number => {
    if (used === 4) {
      philox4x32(counter >>> 0, Math.floor(counter / TWO32) >>> 0, 0, 0, seed, stream >>> 0, block);
      counter++;
      used = 0;
    }
    drawn++;
    return block[used++];
  };
  const uniform = (): number => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / TWO53;
  return {
    seed,
    stream,
    nextU32,
    uniform,
    int: (n: number) => Math.floor(uniform() * n),
    normal: () => {
      const u1 = 1 - uniform();
      const u2 = uniform();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    get position() {
      return drawn;
    },
  };
}

/** Named streams so that independent parts of a run never share random numbers. */
export const Streams = {
  diameters: 1,
  positions: 2,
  species: 3,
  monteCarlo: 4,
  bootstrap: 5,
  /** Mari–Kurchan pair shifts, counter (i, j, try, block) (mariKurchan/shifts.ts). */
  pairShifts: 6,
  sample: (k: number) => 1000 + k,
} as const;
