// The quench's observables at a sample step, reduced on the GPU into a ring of sample rows that the host reads once per chunk
// (docs/ARCHITECTURE.md hazard 6): Σ|f_i|² (N·W, 002 Eq. 1; ⟨|v|⟩ = sqrt(W), 000 Eq. 2), Σ_i E_i (E) and max_i |f_i|².
// Mirrors sample() in src/physics/descent/quench.ts. Expects the preamble and descentcontrol.wgsl before it.

struct SampleRow {
  step: u32,
  tChunk: f32,       // FIRE fictive time within the chunk (steepest descent: the host uses step·Δt)
  sumForce2: f32,    // Σ_i |f_i|²
  sumEnergy: f32,    // Σ_i E_i = E
  maxForce2: f32,    // max_i |f_i|²
  pad0: u32,
  pad1: u32,
  pad2: u32,
}

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<uniform> descent: DescentParams;
@group(0) @binding(2) var<storage, read> forces: array<f32>;
@group(0) @binding(3) var<storage, read> energies: array<f32>; // ½ Σ_j U_ij per particle
@group(0) @binding(4) var<storage, read_write> control: DescentControl;
@group(0) @binding(5) var<storage, read_write> partials: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read_write> samples: array<SampleRow>;

// Per REDUCTION_SIZE particles: (Σ|f_i|², Σ E_i, max |f_i|², 0).
@compute @workgroup_size(REDUCTION_SIZE)
fn observe(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let i = id.x;
  var value = vec4<f32>();
  if (i < params.particleCount) {
    var f2 = forces[i * DIM] * forces[i * DIM] + forces[i * DIM + 1u] * forces[i * DIM + 1u];
    if (DIM > 2u) { f2 = f2 + forces[i * DIM + 2u] * forces[i * DIM + 2u]; }
    if (DIM > 3u) { f2 = f2 + forces[i * DIM + 3u] * forces[i * DIM + 3u]; }
    value = vec4<f32>(f2, energies[i], f2, 0.0);
  }
  let total = workgroupReduce(local, value);
  if (local == 0u) { partials[group.x] = total; }
}

// One workgroup: the partials into the next sample row, unless the chunk has halted (then this step did not happen).
@compute @workgroup_size(REDUCTION_SIZE)
fn recordSample(@builtin(local_invocation_index) local: u32) {
  var acc = vec4<f32>();
  for (var g = local; g < descent.reductionGroups; g = g + REDUCTION_SIZE) { acc = combinePartials(acc, partials[g]); }
  let total = workgroupReduce(local, acc);
  if (local != 0u || control.halt != HALT_NONE) { return; }
  let row = control.samples % descent.sampleCapacity;
  samples[row] = SampleRow(control.steps, control.tChunk, total.x, total.y, total.z, 0u, 0u, 0u);
  control.samples = control.samples + 1u;
  control.maxForce2 = total.z;
}
