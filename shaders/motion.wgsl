// Moving particles in fixed point: r_i += scale·δ_i, repeated `repeats` times, each step added exactly in 64-bit integers.
// With δ = f and scale = Δt this is the steepest-descent step of src/physics/descent/steepestDescent.ts (000 Eq. 1).

struct MotionParams {
  scale: f32,   // Δt, or 1 for plain displacements
  repeats: u32, // how many times the same increment is added
}

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<uniform> motion: MotionParams;
@group(0) @binding(2) var<storage, read_write> positions: array<Fixed>;
@group(0) @binding(3) var<storage, read> displacements: array<f32>; // N·D, particle-major

// 000 Eq. (1): r(t + Δt) = r(t) + Δt f(t), the step rounded to f32 once, then added exactly.
@compute @workgroup_size(64)
fn displace(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.particleCount) { return; }
  for (var a = 0u; a < DIM; a = a + 1u) {
    let k = i * DIM + a;
    let increment = fixedIncrement(motion.scale * displacements[k] * params.lengthToFraction[a]);
    var x = positions[k];
    for (var r = 0u; r < motion.repeats; r = r + 1u) { x = fixedAdd(x, increment); }
    positions[k] = x;
  }
}
