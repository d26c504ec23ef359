// What every descent kernel shares (src/gpu/descentControl.ts packs and reads the same layout): the quench's uniform
// parameters, its control block on the GPU (halt flag, step counter, FIRE 2.0 state) and one workgroup reduction.
// No readback inside a submission (docs/ARCHITECTURE.md hazard 6): the host reads the control block once per chunk.

// Why a chunk stopped early; every kernel after the halt does nothing (the host resumes or finishes from the halted step).
const HALT_NONE: u32 = 0u;
const HALT_FORCE_TOLERANCE: u32 = 1u; // max_i |f_i| ≤ tolerance before a step (quench.ts: q.maxForce <= fTol)
const HALT_REBUILD: u32 = 2u;         // some particle moved more than skin/2 since the list was built: rebuild before the forces
const HALT_STUCK: u32 = 3u;           // FIRE: more than maxUphill consecutive P ≤ 0 steps (fire.ts: stuck)
const HALT_NON_FINITE: u32 = 4u;      // FIRE: non-finite velocities

struct DescentParams {
  dt: f32,              // SD: the Euler step Δt; FIRE: the initial Δt
  tolerance2: f32,      // (force tolerance)², compared with max_i |f_i|²
  reductionGroups: u32, // ⌈N / REDUCTION_SIZE⌉: partial results per reduction
  dtMax: f32,           // FIRE 2.0 (fire.ts FireParams, LAMMPS defaults)
  dtMin: f32,
  fInc: f32,
  fDec: f32,
  alpha0: f32,
  fAlpha: f32,
  maxStep: f32,         // largest displacement of any particle in one FIRE step
  nDelay: u32,
  maxUphill: u32,
  sampleCapacity: u32,  // rows in the ring of samples
  algorithm: u32,       // ALGORITHM_*
}

const ALGORITHM_STEEPEST_DESCENT: u32 = 0u;
const ALGORITHM_FIRE: u32 = 1u;

struct DescentControl {
  halt: u32,                      // HALT_*
  steps: u32,                     // steps taken since the start of the quench
  samples: u32,                   // sample rows written since the start (row k at k mod sampleCapacity)
  rebuildNeeded: atomic<u32>,     // set by any particle with |r_i − r_i(build)|² > (skin/2)² after this step's move
  aboveTolerance: atomic<u32>,    // set by any particle with |f_i|² > tolerance² (steepest descent with a force tolerance)
  tChunk: f32,                    // FIRE fictive time accumulated in this chunk (the host adds chunks in float64)
  dt: f32,                        // FIRE state (fire.ts FireState)
  alpha: f32,
  nPositive: u32,
  nNegative: u32,
  stuck: u32,
  uphill: u32,                    // this step had P ≤ 0: half step back, v = 0
  h: f32,                         // this step's displacement step min(Δt, maxStep / max_i |v_i|)
  maxForce2: f32,                 // max_i |f_i|² at the last check
}

// A partial result of a reduction: x, y are sums; z, w are maxima (of non-negative values).
fn combinePartials(a: vec4<f32>, b: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(a.x + b.x, a.y + b.y, max(a.z, b.z), max(a.w, b.w));
}

// REDUCTION_SIZE (threads per reduction workgroup, a power of two) is defined by src/gpu/descentKernels.ts from descentControl.ts.
var<workgroup> scratch: array<vec4<f32>, REDUCTION_SIZE>;

// Pairwise (tree) reduction of one value per thread of a REDUCTION_SIZE-thread workgroup; every thread gets the result. Uniform control flow.
fn workgroupReduce(local: u32, value: vec4<f32>) -> vec4<f32> {
  scratch[local] = value;
  workgroupBarrier();
  for (var stride = REDUCTION_SIZE / 2u; stride > 0u; stride = stride / 2u) {
    if (local < stride) { scratch[local] = combinePartials(scratch[local], scratch[local + stride]); }
    workgroupBarrier();
  }
  let result = scratch[0];
  workgroupBarrier();
  return result;
}

// On the bits: a compiler may assume finite floats (WGSL allows it; SwiftShader folds abs(x) <= FLT_MAX to true for inf/NaN).
fn isFiniteF32(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; // exponent all ones: ±inf or NaN
}
