// Verlet lists of a Mari–Kurchan state on the GPU (000 App. A.1d) by an all-pairs scan: for every pair the shift is regenerated
// (shaders/mkshifts.wgsl) with the same accepted try as the float64 planting (src/physics/mariKurchan/shifts.ts), and j is a
// neighbor of i when the shifted separation is within x_c·s_ij + skin. Full list, fixed slots, overflow seen by the host
// (as neighbors.wgsl). Mirrors buildShiftedNeighborList.
//
// The acceptance test e^{−U/T} is float64 on the CPU; here each try's decision is taken in f32 only where it is certain with
// error bounds to spare (tryDecision). A pair with an uncertain try is listed once by surveyAmbiguousPairs; the host resolves
// it with the float64 sampler and uploads its accepted try in the resolved-pair table, sorted by (lo, hi).

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<storage, read> positions: array<Fixed>;
@group(0) @binding(2) var<storage, read> particles: array<Particle>;
@group(0) @binding(3) var<storage, read_write> neighbors: array<vec2<u32>>; // slot k of particle i at k·N + i: (j, try)
@group(0) @binding(4) var<storage, read_write> neighborCounts: array<u32>;
@group(0) @binding(5) var<storage, read_write> reference: array<Fixed>;
@group(0) @binding(6) var<storage, read_write> status: array<atomic<u32>>; // [0] largest count, [1] largest |Δr|², [2] unresolved pairs, [3] uncertain pairs found
@group(0) @binding(7) var<storage, read> planted: array<Fixed>;
@group(0) @binding(8) var<uniform> shifts: ShiftParams;
@group(0) @binding(9) var<storage, read_write> pairTable: array<vec4<u32>>; // survey: (lo, hi) found; build: (lo, hi, try) resolved, sorted

//#include separation

//#include mkshifts

//#include displacement

const TRY_REJECTED: u32 = 0u;
const TRY_ACCEPTED: u32 = 1u;
const TRY_UNCERTAIN: u32 = 2u;
/** Tries the GPU takes for one pair before leaving it to the host (which takes up to 2²⁰). */
const GPU_TRIES: u32 = 4096u;
const NOT_RESOLVED: u32 = 0xffffffffu;

// One try of shiftSampler.separation: accepted when U(|s|) = 0 or draw < e^{−U/T}, decided only when certain in f32. The f32
// x² is within ~1e-6 relative of float64 (three roundings per axis, L in f32); U then within 1e-4(|U| + |u′/x|·x²) + 1e-7;
// e^{−U/T} within (1e-4 + 1e-6·|U/T|) relative (WGSL: 3 + 2|x| ulp); the draw w/2³² within 1e-6. Bands of 1e-5 x_c² around
// the cutoff, where float64 may see U = 0, count both U = 0 and U(x²).
fn tryDecision(lo: u32, hi: u32, draw: ShiftDraw) -> u32 {
  if (shifts.inverseTemperature == 0.0) { return TRY_ACCEPTED; } // T = ∞: e^{−U/T} = 1 > draw
  var r2 = 0.0;
  for (var a = 0u; a < DIM; a = a + 1u) {
    let m = f32(bitcast<i32>(draw.s[a])) * TWO_POW_MINUS_32 * params.boxLength[a]; // s or s − L: |s| on the periodic box
    r2 = r2 + m * m;
  }
  let pl = particles[lo];
  let ph = particles[hi];
  let sigma = pairSigma(pl.diameter, ph.diameter, pl.species, ph.species);
  let x2 = r2 / (sigma * sigma);
  let band = 1e-5 * PAIR_CUTOFF2;
  if (x2 >= PAIR_CUTOFF2 + band) { return TRY_ACCEPTED; }
  let v = f32(draw.accept) * TWO_POW_MINUS_32;
  let inside = min(x2, PAIR_CUTOFF2 - band);
  let eps = pairEpsilon(pl.species, ph.species);
  let u = eps * pairEnergy(inside);
  if (!(u < 1e30)) { return select(TRY_UNCERTAIN, TRY_REJECTED, draw.accept != 0u); } // e^{−U/T} = 0 in float64 too
  let uError = 1e-4 * (abs(u) + abs(eps * pairForceOverX(inside)) * inside) + 1e-7;
  let nearCutoff = x2 > PAIR_CUTOFF2 - band;
  let uLow = select(u - uError, min(u - uError, 0.0), nearCutoff);
  let uHigh = select(u + uError, max(u + uError, 0.0), nearCutoff);
  let beta = shifts.inverseTemperature;
  let expTolerance = 1e-4 + 1e-6 * max(abs(uLow), abs(uHigh)) * beta;
  if (uLow * beta > 200.0) { return select(TRY_UNCERTAIN, TRY_REJECTED, draw.accept != 0u); } // e^{−U/T} < 1e-86 < w/2³²
  let pLow = exp(-uHigh * beta) * (1.0 - expTolerance);
  let pHigh = exp(-uLow * beta) * (1.0 + expTolerance);
  if (v * (1.0 + 1e-6) < pLow) { return TRY_ACCEPTED; }
  if (!nearCutoff && draw.accept != 0u && v * (1.0 - 1e-6) >= pHigh) { return TRY_REJECTED; }
  return TRY_UNCERTAIN;
}

// (accepted try, 0) when every try up to it was decided here; (try, 1) at the first uncertain try (or after GPU_TRIES).
fn acceptedTry(lo: u32, hi: u32) -> vec2<u32> {
  for (var k = 0u; k < GPU_TRIES; k = k + 1u) {
    let decision = tryDecision(lo, hi, shiftDraw(lo, hi, k));
    if (decision == TRY_ACCEPTED) { return vec2<u32>(k, 0u); }
    if (decision == TRY_UNCERTAIN) { return vec2<u32>(k, 1u); }
  }
  return vec2<u32>(GPU_TRIES, 1u);
}

// The host's accepted try of an uncertain pair, by binary search of the sorted table; NOT_RESOLVED when absent.
fn resolvedTry(lo: u32, hi: u32) -> u32 {
  var first = 0u;
  var end = shifts.resolvedCount;
  while (first < end) {
    let middle = (first + end) / 2u;
    let e = pairTable[middle];
    if (e.x == lo && e.y == hi) { return e.z; }
    if (e.x < lo || (e.x == lo && e.y < hi)) { first = middle + 1u; } else { end = middle; }
  }
  return NOT_RESOLVED;
}

// Once per state: every pair lo < hi whose tries the GPU cannot all decide, appended to pairTable for the host.
@compute @workgroup_size(64)
fn surveyUncertainPairs(@builtin(global_invocation_id) id: vec3<u32>) {
  let lo = id.x;
  let n = params.particleCount;
  if (lo >= n) { return; }
  for (var hi = lo + 1u; hi < n; hi = hi + 1u) {
    if (acceptedTry(lo, hi).y == 0u) { continue; }
    let slot = atomicAdd(&status[3], 1u);
    if (slot < shifts.pairTableCapacity) { pairTable[slot] = vec4<u32>(lo, hi, 0u, 0u); }
  }
}

// mirrors buildShiftedNeighborList (full list: every j ≠ i).
@compute @workgroup_size(64)
fn buildShiftedNeighborList(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  let n = params.particleCount;
  if (i >= n) { return; }
  for (var a = 0u; a < DIM; a = a + 1u) { reference[i * DIM + a] = positions[i * DIM + a]; }
  let pi = particles[i];
  var count = 0u;
  for (var j = 0u; j < n; j = j + 1u) {
    if (j == i) { continue; }
    let lo = min(i, j);
    let hi = max(i, j);
    let accepted = acceptedTry(lo, hi);
    var k = accepted.x;
    if (accepted.y != 0u) {
      k = resolvedTry(lo, hi);
      if (k == NOT_RESOLVED) { atomicAdd(&status[2], 1u); continue; }
    }
    let pj = particles[j];
    let dr = separationTo(i, shiftedPartner(i, j, k));
    let rc = PAIR_CUTOFF * pairSigma(pi.diameter, pj.diameter, pi.species, pj.species) + params.skin;
    if (dot(dr, dr) >= rc * rc) { continue; }
    if (count < params.neighborCapacity) { neighbors[count * n + i] = vec2<u32>(j, k); }
    count = count + 1u;
  }
  neighborCounts[i] = count;
  atomicMax(&status[0], count);
}
