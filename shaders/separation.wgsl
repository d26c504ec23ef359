// Pair separations from the 64-bit fixed-point positions (shaders/fixedpoint.wgsl), shared by the neighbor build and the force
// kernel (included with //#include separation). The including kernel declares `params: SystemParams` and `positions: array<Fixed>`.
//
// Two forms:
// - separation(i, j): r_j − r_i in f32 per axis (exact minimum image, then one rounding): enough for list and cutoff tests.
// - pairSeparation(i, j, units): |r_j − r_i|² as an exact integer in units U² and, from it, x² = r²/s² split into a 2⁻¹⁷ grid
//   point plus a remainder that is exact to ~2⁻⁴¹: the f32 round-off of r² (amplified ~14× by the x⁻¹⁴ of u′/x) is gone, and
//   the force kernel evaluates u′/x at the grid point plus a first-order term in the remainder, a smooth function of the
//   positions between grid points (src/gpu/fixedPoint.ts separationUnits chooses U; docs/ARCHITECTURE.md hazards 1 and 2: integers only).

// r_j − r_i by the exact minimum image, rounded to f32. Static components under constant DIM tests, no dynamic indexing.
fn separation(i: u32, j: u32) -> VecD {
  let pj = j * DIM;
  var b = array<Fixed, 4>(positions[pj], positions[pj + 1u], Fixed(), Fixed());
  if (DIM > 2u) { b[2] = positions[pj + 2u]; }
  if (DIM > 3u) { b[3] = positions[pj + 3u]; }
  return separationTo(i, b);
}

// b − r_i for a partner position given as fixed-point words (a Mari–Kurchan pair's shifted partner), as separation.
fn separationTo(i: u32, b: array<Fixed, 4>) -> VecD {
  let pi = i * DIM;
  var d = vec4<f32>(fixedDifference(positions[pi], b[0]), fixedDifference(positions[pi + 1u], b[1]), 0.0, 0.0);
  if (DIM > 2u) { d.z = fixedDifference(positions[pi + 2u], b[2]); }
  if (DIM > 3u) { d.w = fixedDifference(positions[pi + 3u], b[3]); }
  return toVecD(d * params.fractionToLength);
}

// The common length unit U of integer separations (src/gpu/fixedPoint.ts separationUnits, packed by packSeparationUnits):
// along axis a, |Δ| in units 2⁻⁶⁴ L_a is shifted right by 32 − shift_a (units U_a = L_a·2^−(32+shift_a)) and, where
// ratio_a ≠ 0 (U_a < U: a non-cubic box), scaled by ratio_a·2⁻³² = U_a/U. 2³¹·U ≥ every interacting pair's reach.
struct SeparationUnits {
  shift: vec4<u32>,
  ratio: vec4<u32>,
  unit: f32,  // U (f32)
  unit2: f32, // U² (f32)
}

const BEYOND_REACH: u32 = 0x80000000u; // |Δ| ≥ 2³¹ U: farther than any pair can interact

// |b − a| along one axis in units of U, exact up to the truncation of U (≤ 1 unit), and the sign of b − a; BEYOND_REACH when
// |b − a| ≥ 2³¹ U. The 64-bit difference wraps modulo the box: the exact minimum image, as fixedDifference.
fn axisSeparationUnits(a: Fixed, b: Fixed, shift: u32, ratio: u32) -> vec2<u32> {
  let lo = b.y - a.y;
  let hi = b.x - a.x - select(0u, 1u, b.y < a.y);
  let negative = hi >= 0x80000000u;
  let negatedLo = ~lo + 1u;
  let negatedHi = ~hi + select(0u, 1u, negatedLo == 0u);
  let magnitudeHi = select(hi, negatedHi, negative);
  let magnitudeLo = select(lo, negatedLo, negative);
  let back = (32u - shift) & 31u; // shift = 0 keeps the hi word (a shift by 32 is not a WGSL shift)
  var m = select((magnitudeHi << shift) | (magnitudeLo >> back), magnitudeHi, shift == 0u);
  var beyond = shift != 0u && (magnitudeHi >> back) != 0u;
  if (ratio != 0u) { m = mulHigh(m, ratio); }
  beyond = beyond || m >= BEYOND_REACH;
  return vec2<u32>(select(m, BEYOND_REACH, beyond), select(0u, 1u, negative));
}

// a + b modulo 2⁶⁴ of (hi, lo) words.
fn addU64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.y + b.y;
  return vec2<u32>(a.x + b.x + select(0u, 1u, lo < a.y), lo);
}

// m² as (hi, lo) words, exact, for m < 2³¹ (16-bit halves: m² = h²·2³² + 2hl·2¹⁶ + l², 2hl < 2³²).
fn squareU31(m: u32) -> vec2<u32> {
  let h = m >> 16u;
  let l = m & 0xffffu;
  let cross = h * l;           // < 2³¹
  let low = l * l;
  let lo = low + (cross << 17u);
  return vec2<u32>(h * h + (cross >> 15u) + select(0u, 1u, lo < low), lo);
}

// The separation of a pair: r² exactly (integer, units U²), the direction in f32, and whether the pair is within reach.
struct PairSeparation {
  r2: vec2<u32>,  // (hi, lo) of the 64-bit integer Σ_a m_a², m_a < 2³¹ so at most 4·2⁶² < 2⁶⁴
  vector: VecD,   // r_j − r_i in lengths, f32: sign_a·m_a·U
  inReach: bool,
}

// One axis of pairSeparation: adds m_a² to r² and returns the signed f32 component in units U (BEYOND_REACH: out of reach).
fn addAxis(out: ptr<function, PairSeparation>, a: Fixed, b: Fixed, shift: u32, ratio: u32) -> f32 {
  let m = axisSeparationUnits(a, b, shift, ratio);
  (*out).inReach = (*out).inReach && m.x != BEYOND_REACH;
  (*out).r2 = addU64((*out).r2, squareU31(m.x & 0x7fffffffu));
  return select(f32(m.x), -f32(m.x), m.y != 0u);
}

// r_j − r_i from the fixed-point words (mirrors src/gpu/fixedPoint.ts axisSeparationUnits). Static components under constant
// DIM tests, no dynamic indexing.
fn pairSeparation(i: u32, j: u32, units: SeparationUnits) -> PairSeparation {
  let pj = j * DIM;
  var b = array<Fixed, 4>(positions[pj], positions[pj + 1u], Fixed(), Fixed());
  if (DIM > 2u) { b[2] = positions[pj + 2u]; }
  if (DIM > 3u) { b[3] = positions[pj + 3u]; }
  return pairSeparationTo(i, b, units);
}

// b − r_i for a partner position b given as fixed-point words (a Mari–Kurchan pair's shifted partner, src/gpu/mariKurchan/).
fn pairSeparationTo(i: u32, b: array<Fixed, 4>, units: SeparationUnits) -> PairSeparation {
  var out: PairSeparation;
  out.r2 = vec2<u32>(0u, 0u);
  out.inReach = true;
  let pi = i * DIM;
  var d = vec4<f32>(addAxis(&out, positions[pi], b[0], units.shift.x, units.ratio.x),
                    addAxis(&out, positions[pi + 1u], b[1], units.shift.y, units.ratio.y), 0.0, 0.0);
  if (DIM > 2u) { d.z = addAxis(&out, positions[pi + 2u], b[2], units.shift.z, units.ratio.z); }
  if (DIM > 3u) { d.w = addAxis(&out, positions[pi + 3u], b[3], units.shift.w, units.ratio.w); }
  out.vector = toVecD(d * units.unit);
  return out;
}

// x² = r²·c (c = U²/s_ij², an f32 per pair) split as grid + rest: grid = ⌊x²·2¹⁷⌋·2⁻¹⁷ exactly, 0 ≤ rest < 2⁻¹⁷ to ~2⁻⁴¹.
struct SquaredRatio {
  grid: f32,
  rest: f32,
  inRange: bool, // false when x² ≥ 2^(64 − RATIO_BITS) (beyond every cutoff: src/gpu/wgslModels.ts squaredRatioExponent)
}

// The integer product r²·mantissa(c), shifted into X = x²·2^RATIO_BITS (64 bits; RATIO_BITS = 61 unless x_c² ≥ 8), then cut at
// bit RATIO_BITS − 17 (2⁻¹⁷ of x²).
fn squaredRatio(r2: vec2<u32>, c: f32) -> SquaredRatio {
  let bits = bitcast<u32>(c);           // c > 0, normal: c = M·2^(e − 150), M = 24-bit mantissa
  let mantissa = (bits & 0x7fffffu) | 0x800000u;
  let lowProduct = vec2<u32>(mulHigh(r2.y, mantissa), r2.y * mantissa);
  let highProduct = vec2<u32>(mulHigh(r2.x, mantissa), r2.x * mantissa);
  let middle = lowProduct.x + highProduct.y;
  var p = vec3<u32>(highProduct.x + select(0u, 1u, middle < lowProduct.x), middle, lowProduct.y); // 96-bit r²·M, high word first
  // X = r²·M·2^(e − 150 + RATIO_BITS): a right shift by t = 150 − RATIO_BITS − e (t ≥ 0 while U/s_ij < 2⁻¹⁹; U ≈ 2⁻³⁰ of the reach)
  var t = u32(max(150 - RATIO_BITS - i32((bits >> 23u) & 0xffu), 0));
  if (t >= 32u) { p = vec3<u32>(0u, p.x, p.y); t = t - 32u; }
  if (t >= 32u) { p = vec3<u32>(0u, p.x, p.y); t = t - 32u; }
  if (t >= 32u) { p = vec3<u32>(0u, 0u, 0u); t = 0u; }
  let back = (32u - t) & 31u;
  let hi = select((p.y >> t) | (p.x << back), p.y, t == 0u);
  let lo = select((p.z >> t) | (p.y << back), p.z, t == 0u);
  var out: SquaredRatio;
  out.inRange = (p.x >> t) == 0u;
  out.grid = f32(hi >> RATIO_GRID_SHIFT) * 0x1p-17f;                        // < 2^(7 + 17): exact in f32
  out.rest = f32(hi & RATIO_HI_MASK) * RATIO_HI_UNIT + f32(lo) * RATIO_LO_UNIT; // < 2⁻¹⁷, relative round-off 2⁻²³
  return out;
}
