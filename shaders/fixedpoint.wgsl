// Positions as 64-bit fixed-point fractions of the box side (docs/ARCHITECTURE.md hazard 1): x = L·(hi + lo·2⁻³²)·2⁻³².
// Integer arithmetic only where exactness matters; f32 only for the final separations and the steps. Mirrors src/gpu/fixedPoint.ts.

alias Fixed = vec2<u32>; // (hi, lo)

const TWO_POW_32: f32 = 4294967296.0;
const TWO_POW_MINUS_32: f32 = 2.3283064365386962890625e-10;

// b − a as a signed 64-bit integer (wrapping modulo the box: the exact minimum image), rounded once to f32, in units of 2⁻³² L.
fn fixedDifference(a: Fixed, b: Fixed) -> f32 {
  let lo = b.y - a.y;
  let borrow = select(0u, 1u, b.y < a.y);
  let hi = bitcast<i32>(b.x - a.x - borrow);
  return f32(hi) + f32(lo) * TWO_POW_MINUS_32;
}

// −a modulo 2⁶⁴ (two's complement).
fn fixedNegate(a: Fixed) -> Fixed {
  let lo = ~a.y + 1u;
  let carry = select(0u, 1u, lo == 0u);
  return Fixed(~a.x + carry, lo);
}

// A displacement in units of 2⁻³² L (|units| < 2³¹) → a signed 64-bit increment that keeps all 24 bits of the f32, for either sign.
fn fixedIncrement(units: f32) -> Fixed {
  let m = abs(units);
  let whole = floor(m);
  let up = Fixed(u32(whole), u32((m - whole) * TWO_POW_32)); // m − whole is exact
  return select(up, fixedNegate(up), units < 0.0);
}

// a + d modulo 2⁶⁴: the periodic wrap comes for free.
fn fixedAdd(a: Fixed, d: Fixed) -> Fixed {
  let lo = a.y + d.y;
  let carry = select(0u, 1u, lo < a.y);
  return Fixed(a.x + d.x + carry, lo);
}

// The high word of the 64-bit product a·b, exact: floor(hi·cells / 2³²) is the cell of a coordinate along one axis.
fn mulHigh(a: u32, b: u32) -> u32 {
  let a0 = a & 0xffffu;
  let a1 = a >> 16u;
  let b0 = b & 0xffffu;
  let b1 = b >> 16u;
  let p00 = a0 * b0;
  let p01 = a0 * b1;
  let p10 = a1 * b0;
  let p11 = a1 * b1;
  let middle = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return p11 + (p01 >> 16u) + (p10 >> 16u) + (middle >> 16u);
}
