// Pair forces and per-particle energies over the full neighbor list: one thread per particle sums its own force, no atomics.
// Mirrors src/physics/forces.ts forces2/forces3: x² = r²/s², f_i += ε/s²·(u′/x)·(r_j − r_i), E = Σ_i ½ Σ_j ε u(x²).

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<storage, read> positions: array<Fixed>;
@group(0) @binding(2) var<storage, read> particles: array<Particle>;
@group(0) @binding(3) var<storage, read> neighbors: array<u32>;
@group(0) @binding(4) var<storage, read> neighborCounts: array<u32>;
@group(0) @binding(5) var<storage, read_write> forces: array<f32>;   // N·D, particle-major
@group(0) @binding(6) var<storage, read_write> energies: array<f32>; // ½ Σ_j U_ij per particle

// r_j − r_i by the exact minimum image (shaders/fixedpoint.wgsl). Static components under constant DIM tests, no dynamic indexing.
fn separation(i: u32, j: u32) -> VecD {
  let pi = i * DIM;
  let pj = j * DIM;
  var d = vec4<f32>(fixedDifference(positions[pi], positions[pj]), fixedDifference(positions[pi + 1u], positions[pj + 1u]), 0.0, 0.0);
  if (DIM > 2u) { d.z = fixedDifference(positions[pi + 2u], positions[pj + 2u]); }
  if (DIM > 3u) { d.w = fixedDifference(positions[pi + 3u], positions[pj + 3u]); }
  return toVecD(d * params.fractionToLength);
}

// 000 Eq. (1) with ζ = 1: f_i = −∂E/∂r_i; mirrors forces2/forces3 in src/physics/forces.ts.
@compute @workgroup_size(64)
fn pairForces(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  let n = params.particleCount;
  if (i >= n) { return; }
  let pi = particles[i];
  var f = VecD();
  var e = 0.0;
  let count = min(neighborCounts[i], params.neighborCapacity);
  for (var k = 0u; k < count; k = k + 1u) {
    let j = neighbors[k * n + i];
    let pj = particles[j];
    let dr = separation(i, j);
    let s = pairSigma(pi.diameter, pj.diameter, pi.species, pj.species);
    let is2 = 1.0 / (s * s);
    let x2 = dot(dr, dr) * is2;
    if (x2 >= PAIR_CUTOFF2) { continue; }
    let eps = pairEpsilon(pi.species, pj.species);
    e = e + eps * pairEnergy(x2);
    f = f + (eps * is2 * pairForceOverX(x2)) * dr;
  }
  let f4 = toVec4(f);
  forces[i * DIM] = f4.x;
  forces[i * DIM + 1u] = f4.y;
  if (DIM > 2u) { forces[i * DIM + 2u] = f4.z; }
  if (DIM > 3u) { forces[i * DIM + 3u] = f4.w; }
  energies[i] = 0.5 * e;
}
