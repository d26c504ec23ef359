// u(x²) and u′(x)/x of the generated pair function (src/gpu/wgslModels.ts) at given x², for tests against the float64 potentials.

@group(0) @binding(0) var<storage, read> squaredDistances: array<f32>;
@group(0) @binding(1) var<storage, read_write> table: array<f32>; // (u, u′/x) per x²

@compute @workgroup_size(64)
fn tabulatePair(@builtin(global_invocation_id) id: vec3<u32>) {
  let k = id.x;
  if (k >= arrayLength(&squaredDistances)) { return; }
  let x2 = squaredDistances[k];
  table[2u * k] = pairEnergy(x2);
  table[2u * k + 1u] = pairForceOverX(x2);
}
