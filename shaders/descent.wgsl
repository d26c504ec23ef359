// The quench on the GPU, many steps per submission (docs/ARCHITECTURE.md hazard 6): steepest descent as a dynamics (000 Eq. 1, mirrors
// src/physics/descent/steepestDescent.ts) and FIRE 2.0 (mirrors src/physics/descent/fire.ts), positions in 64-bit fixed point.
// Global sums and maxima go through `partials` (one per REDUCTION_SIZE particles), so no step reads anything back: FIRE's
// Δt/α update is one one-workgroup kernel (fireAdapt); its other two global results (the mixing coefficients, the step
// length) are reduced from the partials by every workgroup of the kernel that uses them, the same reduction in the same
// order, so every workgroup gets the same bits without a kernel of its own (the two sets of partials alternate). Every move
// flags a particle that has moved more than skin/2 since the list's build (the sufficient form of needsRebuild: no pair can
// then have come closer than the list's cutoff), and checkNeighbors halts the chunk before that step's forces; the force
// kernel, dispatched directly, returns at once when the chunk is halted (it reads control.halt), so no force is ever
// computed from a stale list. The host rebuilds the list and resumes at the halted step (src/gpu/quench.ts).
// Expects the preamble (model, fixedpoint, system) and descentcontrol.wgsl before it.

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<uniform> descent: DescentParams;
@group(0) @binding(2) var<storage, read_write> positions: array<Fixed>;
@group(0) @binding(3) var<storage, read> forces: array<f32>;            // N·D, particle-major
@group(0) @binding(4) var<storage, read_write> velocities: array<f32>;  // N·D (FIRE)
@group(0) @binding(5) var<storage, read> reference: array<Fixed>;       // positions at the last neighbor-list build
@group(0) @binding(6) var<storage, read_write> control: DescentControl;
@group(0) @binding(7) var<storage, read_write> partials: array<vec4<f32>>;
@group(0) @binding(8) var<storage, read_write> mixPartials: array<vec4<f32>>; // fireMix's partials (max |v_i|²), read by fireMove

// r_i += δ (a length per axis), rounded to f32 once and added exactly in fixed point; flags a rebuild when r_i has moved more
// than skin/2 since the list's build (mirrors needsRebuild). No workgroup reduction: only the rare particle that crosses writes.
fn moveParticle(i: u32, delta: vec4<f32>) {
  var d2 = 0.0;
  for (var a = 0u; a < DIM; a = a + 1u) {
    let k = i * DIM + a;
    let x = fixedAdd(positions[k], fixedIncrement(delta[a] * params.lengthToFraction[a]));
    positions[k] = x;
    let dx = fixedDifference(reference[k], x) * params.fractionToLength[a];
    d2 = d2 + dx * dx;
  }
  if (!(d2 <= params.rebuildDistance2)) { atomicStore(&control.rebuildNeeded, 1u); }
}

// quench.ts: the quench stops before a step once max_i |f_i| ≤ tolerance (steepest descent; FIRE checks in fireAdapt).
fn belowForceTolerance() -> bool {
  return descent.algorithm == ALGORITHM_STEEPEST_DESCENT && descent.tolerance2 > 0.0 && atomicLoad(&control.aboveTolerance) == 0u;
}

fn forceOf(i: u32) -> vec4<f32> {
  var f = vec4<f32>(forces[i * DIM], forces[i * DIM + 1u], 0.0, 0.0);
  if (DIM > 2u) { f.z = forces[i * DIM + 2u]; }
  if (DIM > 3u) { f.w = forces[i * DIM + 3u]; }
  return f;
}

fn velocityOf(i: u32) -> vec4<f32> {
  var v = vec4<f32>(velocities[i * DIM], velocities[i * DIM + 1u], 0.0, 0.0);
  if (DIM > 2u) { v.z = velocities[i * DIM + 2u]; }
  if (DIM > 3u) { v.w = velocities[i * DIM + 3u]; }
  return v;
}

fn storeVelocity(i: u32, v: vec4<f32>) {
  velocities[i * DIM] = v.x;
  velocities[i * DIM + 1u] = v.y;
  if (DIM > 2u) { velocities[i * DIM + 2u] = v.z; }
  if (DIM > 3u) { velocities[i * DIM + 3u] = v.w; }
}

// Combines the partials of the previous particle kernel (a workgroup of REDUCTION_SIZE threads runs this; every workgroup that
// runs it gets the same bits). Uniform control flow.
fn reducePartials(local: u32) -> vec4<f32> {
  var acc = vec4<f32>();
  for (var g = local; g < descent.reductionGroups; g = g + REDUCTION_SIZE) { acc = combinePartials(acc, partials[g]); }
  return workgroupReduce(local, acc);
}

fn reduceMixPartials(local: u32) -> vec4<f32> {
  var acc = vec4<f32>();
  for (var g = local; g < descent.reductionGroups; g = g + REDUCTION_SIZE) { acc = combinePartials(acc, mixPartials[g]); }
  return workgroupReduce(local, acc);
}

// A new chunk: its fictive time starts at 0 (the host keeps the total in float64).
@compute @workgroup_size(1)
fn beginChunk() {
  control.tChunk = 0.0;
}

// 000 Eq. (1), ζ = 1: r(t + Δt) = r(t) + Δt f(t), as steepestDescent's step (the force of the last evaluation).
@compute @workgroup_size(64)
fn steepestDescentMove(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.particleCount || control.halt != HALT_NONE || belowForceTolerance()) { return; }
  moveParticle(i, descent.dt * forceOf(i));
}

// After every move: stop if the step was refused for the force tolerance, else count it and halt before the forces if a
// particle moved more than skin/2 since the build (mirrors refreshNeighbors); the force kernel then reads the halt.
@compute @workgroup_size(1)
fn checkNeighbors() {
  let rebuild = atomicLoad(&control.rebuildNeeded) != 0u;
  if (control.halt == HALT_NONE) {
    if (belowForceTolerance()) {
      control.halt = HALT_FORCE_TOLERANCE;
    } else {
      control.steps = control.steps + 1u;
      if (rebuild) { control.halt = HALT_REBUILD; }
    }
  }
  atomicStore(&control.rebuildNeeded, 0u);
  atomicStore(&control.aboveTolerance, 0u);
}

var<workgroup> anyAbove: atomic<u32>;

// Flags control.aboveTolerance if some |f_i| exceeds the tolerance (NaN counts as above), one write per workgroup.
@compute @workgroup_size(64)
fn checkForceTolerance(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  if (id.x < params.particleCount) {
    let f = forceOf(id.x);
    if (!(dot(f, f) <= descent.tolerance2)) { atomicStore(&anyAbove, 1u); }
  }
  workgroupBarrier();
  if (local == 0u && atomicLoad(&anyAbove) != 0u) { atomicStore(&control.aboveTolerance, 1u); }
}

// fire.ts: P = Σ f·v, and max_i |f_i|² for the stopping check before the step.
@compute @workgroup_size(REDUCTION_SIZE)
fn firePower(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  var value = vec4<f32>();
  if (id.x < params.particleCount) {
    let f = forceOf(id.x);
    value.x = dot(f, velocityOf(id.x));
    value.z = dot(f, f);
  }
  let total = workgroupReduce(local, value);
  if (local == 0u) { partials[group.x] = total; }
}

// Guénolé et al. 2020, Algorithm 2 (fire.ts step): stop checks, then Δt and α from the sign of P, with the initial delay.
@compute @workgroup_size(REDUCTION_SIZE)
fn fireAdapt(@builtin(local_invocation_index) local: u32) {
  let total = reducePartials(local);
  if (local != 0u || control.halt != HALT_NONE) { return; }
  control.maxForce2 = total.z;
  if (total.z <= descent.tolerance2) { control.halt = HALT_FORCE_TOLERANCE; return; }
  if (control.stuck != 0u) { control.halt = HALT_STUCK; return; }
  if (total.x > 0.0) {
    control.nPositive = control.nPositive + 1u;
    control.nNegative = 0u;
    if (control.nPositive > descent.nDelay) {
      control.dt = min(control.dt * descent.fInc, descent.dtMax);
      control.alpha = control.alpha * descent.fAlpha;
    }
    control.uphill = 0u;
  } else {
    control.nNegative = control.nNegative + 1u;
    control.nPositive = 0u;
    if (control.nNegative > descent.maxUphill) { control.stuck = 1u; }
    if (control.steps >= descent.nDelay) { // "initial delay": no Δt reduction during the first N_delay steps
      control.dt = max(control.dt * descent.fDec, descent.dtMin);
      control.alpha = descent.alpha0;
    }
    control.uphill = 1u;
  }
}

// fire.ts: on P ≤ 0 the half step back x −= ½h v (h: the last move's limited step, so at most maxStep/2) and v = 0; then the
// semi-implicit Euler kick v += Δt f; Σ|v|², Σ|f|².
@compute @workgroup_size(REDUCTION_SIZE)
fn fireKick(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let i = id.x;
  var value = vec4<f32>();
  if (i < params.particleCount && control.halt == HALT_NONE) {
    var v = velocityOf(i);
    let f = forceOf(i);
    if (control.uphill != 0u) {
      for (var a = 0u; a < DIM; a = a + 1u) {
        let k = i * DIM + a;
        positions[k] = fixedAdd(positions[k], fixedIncrement(-0.5 * control.h * v[a] * params.lengthToFraction[a]));
      }
      v = vec4<f32>();
    }
    v = v + control.dt * f;
    storeVelocity(i, v);
    value.x = dot(v, v);
    value.y = dot(f, f);
  }
  let total = workgroupReduce(local, value);
  if (local == 0u) { partials[group.x] = total; }
}

// fire.ts: v ← (1 − α) v + α |v| f̂ = mixA v + mixB f, with Σ|v|², Σ|f|² reduced from fireKick's partials by every workgroup;
// max_i |v_i|², and in w a flag for a non-finite |v_i|² (max() may drop a NaN, so it is reduced as 1.0: fire.ts's
// DivergenceError), into mixPartials.
@compute @workgroup_size(REDUCTION_SIZE)
fn fireMix(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let sums = reducePartials(local);
  var mixA = 1.0;
  var mixB = 0.0;
  if (sums.y > 0.0) {
    mixA = 1.0 - control.alpha;
    mixB = control.alpha * sqrt(sums.x / sums.y);
  }
  let i = id.x;
  var value = vec4<f32>();
  if (i < params.particleCount && control.halt == HALT_NONE) {
    let v = mixA * velocityOf(i) + mixB * forceOf(i);
    storeVelocity(i, v);
    let v2 = dot(v, v);
    let finite = isFiniteF32(v2);
    value.z = select(0.0, v2, finite);
    value.w = select(1.0, 0.0, finite);
  }
  let total = workgroupReduce(local, value);
  if (local == 0u) { mixPartials[group.x] = total; }
}

// fire.ts: h = min(Δt, maxStep / max_i |v_i|) (the maxStep limit), reduced from fireMix's partials by every workgroup; then
// x ← x + h v. The first thread keeps h (the next step's half step back) and t += h, or halts on non-finite velocities.
@compute @workgroup_size(REDUCTION_SIZE)
fn fireMove(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let total = reduceMixPartials(local);
  let vmax2 = total.z;
  let nonFinite = total.w != 0.0 || !isFiniteF32(vmax2);
  let halted = control.halt != HALT_NONE;
  var h = control.dt;
  if (vmax2 > 0.0) { h = min(h, descent.maxStep / sqrt(vmax2)); }
  let i = id.x;
  if (halted || nonFinite) {
    if (i == 0u && !halted) { control.halt = HALT_NON_FINITE; }
    return;
  }
  if (i == 0u) {
    control.h = h;
    control.tChunk = control.tChunk + h;
  }
  if (i < params.particleCount) { moveParticle(i, h * velocityOf(i)); }
}
