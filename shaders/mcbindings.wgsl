// Parallel swap Monte Carlo on a checkerboard (Anderson et al. 2013; HOOMD HPMC): parameters, bindings and the helpers
// shared by shaders/mccells.wgsl, mcsweep.wgsl and mcenergy.wgsl. Packed by src/gpu/mc/params.ts and src/gpu/mc/schedule.ts.
// Needs the model preamble (src/gpu/wgslModels.ts), shaders/fixedpoint.wgsl, shaders/system.wgsl (struct Particle) and shaders/philox.wgsl.

struct McParams {
  cellsPerAxis: vec4<u32>,         // m_a, even and ≥ 2 (1 on unused axes)
  sublatticePerAxis: vec4<u32>,    // M_a = m_a/2: cells of one color along axis a (1 on unused axes)
  fractionToLength: vec4<f32>,     // L_a·2⁻³²
  maxDisplacementUnits: vec4<f32>, // δ_max·2³²/L_a
  particleCount: u32,
  cellCount: u32,
  sublatticeCount: u32,            // Π M_a
  capacity: u32,                   // member slots per cell
  inverseTemperature: f32,
  swapProbability: f32,
  maxSwapDifference: f32,
  trialsPerParticle: u32,
  seed: u32,
  stream: u32,
  pairCells: u32,                  // 1: each cell of the active color is paired with another (swaps between them)
  unused: u32,
}

// One color pass of one sweep (a 256-byte slot per pass, chosen by a dynamic offset).
struct McPass {
  shift: vec4<u32>,         // this sweep's grid origin, units of 2⁻³² L_a
  previousShift: vec4<u32>, // the origin of the cell lists in `bins` when rebuildCells runs
  parity: vec4<u32>,        // the active color: coordinate parity of its cells along each axis
  pairing: vec4<u32>,       // t_a: sublattice cell q is paired with (t − q) mod M_a
  sweep: u32,
  colorPass: u32,           // 0 .. 2^D − 1, the position of this color in the sweep
}

// Tallies: atomic counters (read back and cleared once per batch of sweeps), then ½ Σ_j U_ij per particle.
const TALLY_DISPLACEMENT_ATTEMPTED: u32 = 0u;
const TALLY_DISPLACEMENT_ACCEPTED: u32 = 1u;
const TALLY_DISPLACEMENT_LEFT_CELL: u32 = 2u; // rejected because the trial position is outside the particle's cell
const TALLY_SWAP_ATTEMPTED: u32 = 3u;
const TALLY_SWAP_ACCEPTED: u32 = 4u;
const TALLY_SWAP_NOT_ATTEMPTED: u32 = 5u;     // |d_i − d_j| ≥ maxSwapDifference: no exchange proposed
const TALLY_LARGEST_OVERFLOW: u32 = 6u;       // largest cell count beyond the capacity (0: none overflowed)
const TALLY_SWAP_NO_PARTNER: u32 = 7u;        // a swap trial in a cell (pair) holding one particle
const TALLY_WORDS: u32 = 8u;                   // src/gpu/mc/mcCounts.ts reads them back

struct McTallies {
  counts: array<atomic<u32>, TALLY_WORDS>,
  energies: array<f32>,
}

@group(0) @binding(0) var<uniform> mc: McParams;
@group(0) @binding(1) var<uniform> schedule: McPass;
@group(0) @binding(2) var<storage, read_write> positions: array<Fixed>;  // (hi, lo) per coordinate, particle-major
@group(0) @binding(3) var<storage, read_write> particles: array<Particle>; // diameter (swapped), species
@group(0) @binding(4) var<storage, read_write> labels: array<u32>;         // which of the initial diameters particle i carries
@group(0) @binding(5) var<storage, read_write> bins: array<u32>;           // current cell lists: per cell count, then members
@group(0) @binding(6) var<storage, read_write> nextBins: array<u32>;       // written by rebuildCells
@group(0) @binding(7) var<storage, read_write> tallies: McTallies;

/**
 * Smallest x² = r²/s² fed to u (choice): at x = 0.01 soft spheres give U = 1e24, so sums of many such pairs stay finite in
 * f32 and energy differences never become inf − inf. Only pairs deeper than that (Boltzmann weight 0 at any T) are affected.
 */
const MC_MIN_X2: f32 = 1e-4;

// mirrors cellAlong in src/gpu/mc/checkerboard.ts: ⌊m·(hi − shift mod 2³²)/2³²⌋, exact.
fn cellAlong(hi: u32, shift: u32, cells: u32) -> u32 {
  return mulHigh(hi - shift, cells);
}

// Row-major index of coordinates k on a grid of m_a points per axis, axis 0 fastest (unused axes: coordinate 0, m_a = 1),
// and back.
fn linearIndexIn(k: vec4<u32>, m: vec4<u32>) -> u32 {
  return k.x + m.x * (k.y + m.y * (k.z + m.z * k.w));
}

fn coordinatesIn(c: u32, m: vec4<u32>) -> vec4<u32> {
  return vec4<u32>(c % m.x, (c / m.x) % m.y, (c / (m.x * m.y)) % m.z, c / (m.x * m.y * m.z));
}

fn linearCell(k: vec4<u32>) -> u32 { return linearIndexIn(k, mc.cellsPerAxis); }
fn cellCoordinates(c: u32) -> vec4<u32> { return coordinatesIn(c, mc.cellsPerAxis); }

// The cell coordinates of particle i for the grid origin `shift`.
fn cellOfParticle(i: u32, shift: vec4<u32>) -> vec4<u32> {
  var k = vec4<u32>(0u);
  for (var a = 0u; a < DIM; a = a + 1u) { k[a] = cellAlong(positions[i * DIM + a].x, shift[a], mc.cellsPerAxis[a]); }
  return k;
}

fn binStride() -> u32 { return mc.capacity + 1u; }
fn binCount(c: u32) -> u32 { return min(bins[c * binStride()], mc.capacity); }
fn binMember(c: u32, s: u32) -> u32 { return bins[c * binStride() + 1u + s]; }

// The cells around cell k, itself included: offsets −1, 0, +1 per axis, periodic, listed once each — an axis of two cells
// has only 0 and +1 (there −1 is +1). MC_STENCIL_CELLS = 3^D is generated by src/gpu/mc/mcKernels.ts.
struct Stencil {
  cells: array<u32, MC_STENCIL_CELLS>,
  count: u32,
}

fn stencilAround(k: vec4<u32>) -> Stencil {
  var stencil: Stencil;
  stencil.count = 0u;
  for (var o = 0u; o < MC_STENCIL_CELLS; o = o + 1u) {
    var code = o;
    var n = vec4<u32>(0u);
    var listed = true;
    for (var a = 0u; a < DIM; a = a + 1u) {
      let digit = code % 3u;
      code = code / 3u;
      let m = mc.cellsPerAxis[a];
      listed = listed && !(m == 2u && digit == 0u);
      n[a] = (k[a] + m + digit - 1u) % m;
    }
    if (listed) {
      stencil.cells[stencil.count] = linearCell(n);
      stencil.count = stencil.count + 1u;
    }
  }
  return stencil;
}

// A particle's coordinates in fixed point.
struct Point {
  c: array<Fixed, 4>,
}

fn pointOf(i: u32) -> Point {
  var p: Point;
  for (var a = 0u; a < DIM; a = a + 1u) { p.c[a] = positions[i * DIM + a]; }
  return p;
}

// |r_j − p|² by the exact minimum image of the fixed-point words (shaders/fixedpoint.wgsl), in lengths².
fn squaredDistanceTo(p: Point, j: u32) -> f32 {
  let b = j * DIM;
  var d = vec4<f32>(fixedDifference(p.c[0], positions[b]), fixedDifference(p.c[1], positions[b + 1u]), 0.0, 0.0);
  if (DIM > 2u) { d.z = fixedDifference(p.c[2], positions[b + 2u]); }
  if (DIM > 3u) { d.w = fixedDifference(p.c[3], positions[b + 3u]); }
  d = d * mc.fractionToLength;
  return dot(d, d);
}

// 000 App. A.1: U_ij = ε_ij u(r²/s_ij²) for r < x_c s_ij, else 0 (u at x² ≥ MC_MIN_X2), given 1/s_ij²; mirrors pairTerm in
// src/physics/mc/particleEnergy.ts.
fn pairEnergyScaled(r2: f32, inverseSigma2: f32, epsilon: f32) -> f32 {
  let x2 = r2 * inverseSigma2;
  if (x2 >= PAIR_CUTOFF2) { return 0.0; }
  return epsilon * pairEnergy(max(x2, MC_MIN_X2));
}

// The same from the two particles' diameters and species.
fn pairEnergyAt(r2: f32, di: f32, dj: f32, ti: u32, tj: u32) -> f32 {
  let s = pairSigma(di, dj, ti, tj);
  return pairEnergyScaled(r2, 1.0 / (s * s), pairEpsilon(ti, tj));
}
