// The largest displacement since the last neighbor-list build (included by neighbors.wgsl and mkneighbors.wgsl, which declare
// params, positions, `reference: array<Fixed>` and `status: array<atomic<u32>>`). Mirrors needsRebuild.

var<workgroup> largest: array<f32, 64>;

// mirrors needsRebuild: the largest |r_i − r_i(build)|², reduced in the workgroup, then one atomicMax per workgroup
// (non-negative f32 order like their bits as u32).
@compute @workgroup_size(64)
fn largestDisplacement(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let i = id.x;
  var d2 = 0.0;
  if (i < params.particleCount) {
    for (var a = 0u; a < DIM; a = a + 1u) {
      let dx = fixedDifference(reference[i * DIM + a], positions[i * DIM + a]) * params.fractionToLength[a];
      d2 = d2 + dx * dx;
    }
  }
  largest[local] = d2;
  workgroupBarrier();
  for (var half = 32u; half > 0u; half = half / 2u) {
    if (local < half) { largest[local] = max(largest[local], largest[local + half]); }
    workgroupBarrier();
  }
  if (local == 0u) { atomicMax(&status[1], bitcast<u32>(largest[0])); }
}
