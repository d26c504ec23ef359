// Philox4x32-10 (Salmon et al., SC'11 "Random123"), bit for bit the same as philox4x32 in src/physics/rng.ts:
// u32 arithmetic only, the high word of each 32×32 product from 16-bit halves (WGSL has no u64). Counter-based, so a
// kernel draws the numbers of (seed, sweep, cell, purpose) directly, in any order, and a run can be replayed (HOOMD style).

const PHILOX_M0: u32 = 0xd2511f53u;
const PHILOX_M1: u32 = 0xcd9e8d57u;
const PHILOX_W0: u32 = 0x9e3779b9u;
const PHILOX_W1: u32 = 0xbb67ae85u;

// High 32 bits of the 64-bit product a·b (mirrors mulhi32 in src/physics/rng.ts).
fn philoxMulHigh(a: u32, b: u32) -> u32 {
  let al = a & 0xffffu;
  let ah = a >> 16u;
  let bl = b & 0xffffu;
  let bh = b >> 16u;
  let ll = al * bl;
  let lh = al * bh;
  let hl = ah * bl;
  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  return ah * bh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
}

// Salmon et al. 2011: ten rounds of the Philox S-box on counter (c0..c3) with key (k0, k1), Weyl-bumped key.
fn philox4x32(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = counter;
  var k = key;
  for (var r = 0u; r < 10u; r = r + 1u) {
    let hi0 = philoxMulHigh(PHILOX_M0, c.x);
    let lo0 = PHILOX_M0 * c.x;
    let hi1 = philoxMulHigh(PHILOX_M1, c.z);
    let lo1 = PHILOX_M1 * c.z;
    c = vec4<u32>(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
    k = k + vec2<u32>(PHILOX_W0, PHILOX_W1);
  }
  return c;
}

// Uniform in [0, 1) from the top 24 bits of a word: k·2⁻²⁴, exact in f32 (mirrors uniformFromBits in src/gpu/philox.ts).
fn uniformFromBits(x: u32) -> f32 {
  return f32(x >> 8u) * 5.9604644775390625e-8;
}

// Uniform in (−1, 1), symmetric under x → ~x: (2k + 1 − 2²⁴)·2⁻²⁴ with k the top 24 bits, exact in f32
// (so a displacement and its reverse are equally likely to the last bit; mirrors centeredFromBits).
fn centeredFromBits(x: u32) -> f32 {
  let k = i32(x >> 8u);
  return f32(2 * k + 1 - 16777216) * 5.9604644775390625e-8;
}

// An index in [0, n) from a word: floor(x·n / 2³²), exact (mirrors indexFromBits).
fn indexFromBits(x: u32, n: u32) -> u32 {
  return philoxMulHigh(x, n);
}
