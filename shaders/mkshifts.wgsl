// Mari–Kurchan pair shifts regenerated on the GPU (000 App. A.1d), bit for bit as src/physics/mariKurchan/shifts.ts: try k of
// the pair lo < hi reads Philox counter (lo, hi, k, block) with key (seed, Streams.pairShifts); words 0 .. D − 1 are the shifted
// separation s = w·L/2³² and word D the acceptance draw. A shift is an exact fixed-point fraction of the box (hi word w, lo 0),
// so A_ij = s − (r⁰_i − r⁰_j) is added to the 64-bit positions without rounding. The including kernel declares
// `planted: array<Fixed>` (r⁰) and `shifts: ShiftParams`, and positions.

//#include philox

// packed by src/gpu/mariKurchan/shiftParams.ts
struct ShiftParams {
  seed: u32,
  stream: u32,               // Streams.pairShifts
  inverseTemperature: f32,   // 1/T of the planting (0 at T = ∞)
  resolvedCount: u32,        // entries of the resolved-pair table (mkneighbors.wgsl)
  pairTableCapacity: u32,
}

struct ShiftDraw {
  s: vec4<u32>,  // w_a, a < D
  accept: u32,   // word D
}

// The words of try k of the pair lo < hi (mirrors shiftSampler's draw: ⌈(D + 1)/4⌉ blocks).
fn shiftDraw(lo: u32, hi: u32, k: u32) -> ShiftDraw {
  let key = vec2<u32>(shifts.seed, shifts.stream);
  let first = philox4x32(vec4<u32>(lo, hi, k, 0u), key);
  var out: ShiftDraw;
  out.s = first;
  if (DIM >= 4u) {
    out.accept = philox4x32(vec4<u32>(lo, hi, k, 1u), key).x;
  } else {
    out.accept = first[min(DIM, 3u)];
  }
  return out;
}

// The partner j of i as seen through the pair's shift: b = r_j − A_ij = r_j + r⁰_i − r⁰_j ∓ s (− for i < j, + for i > j),
// so that b − r_i = r_j − r_i − A_ij, the shifted separation (mirrors buildShiftedNeighborList's image). Exact modulo 2⁶⁴.
fn shiftedPartner(i: u32, j: u32, k: u32) -> array<Fixed, 4> {
  let draw = shiftDraw(min(i, j), max(i, j), k);
  var b = array<Fixed, 4>(Fixed(), Fixed(), Fixed(), Fixed());
  for (var a = 0u; a < DIM; a = a + 1u) {
    let base = fixedAdd(positions[j * DIM + a], fixedAdd(planted[i * DIM + a], fixedNegate(planted[j * DIM + a])));
    let s = Fixed(draw.s[a], 0u);
    b[a] = fixedAdd(base, select(s, fixedNegate(s), i < j));
  }
  return b;
}
