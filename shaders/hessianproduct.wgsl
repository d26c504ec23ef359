// The Hessian-vector product (H v)_i = Σ_j K_ij (v_i − v_j) over the full neighbor list: one thread per particle sums its own
// row, no atomics (each pair is seen from both sides, as in shaders/forces.wgsl). Mirrors src/physics/hessian/pairHessian.ts
// (pairHessian + applyPairHessian), with the block written through the force kernel's pair functions instead of φ′ and φ″:
//   K = φ″ n nᵀ + (φ′/r)(I − n nᵀ) = (ε/s²)[(u′/x) I + (2/s²)·d(u′/x)/d(x²)·r rᵀ],
// since φ′/r = (ε/s²)(u′/x) and φ″ − φ′/r = (ε/s²)(u″ − u′/x) = (ε/s²)·2x²·d(u′/x)/d(x²), and n nᵀ = r rᵀ/r² = r rᵀ/(x² s²).
// float32; the bound on |H v(GPU) − H v(float64)| is derived in src/gpu/hessianProduct.ts.

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<storage, read> positions: array<Fixed>;
@group(0) @binding(2) var<storage, read> particles: array<Particle>;
@group(0) @binding(3) var<storage, read> neighbors: array<u32>;
@group(0) @binding(4) var<storage, read> neighborCounts: array<u32>;
@group(0) @binding(5) var<uniform> units: SeparationUnits;
@group(0) @binding(6) var<storage, read> excluded: array<u32>;       // 1: a particle left out of the modes (its pairs dropped)
@group(0) @binding(7) var<storage, read> vector: array<f32>;         // v, N·D, particle-major
@group(0) @binding(8) var<storage, read_write> product: array<f32>;  // H v, N·D

//#include separation

fn vectorOf(i: u32) -> VecD {
  var v = vec4<f32>(vector[i * DIM], vector[i * DIM + 1u], 0.0, 0.0);
  if (DIM > 2u) { v.z = vector[i * DIM + 2u]; }
  if (DIM > 3u) { v.w = vector[i * DIM + 3u]; }
  return toVecD(v);
}

// docs/PHYSICS.md §5: (H v)_i = Σ_j K_ij (v_i − v_j); mirrors pairHessian (same pairs: r_ij < x_c·s_ij) and applyPairHessian.
@compute @workgroup_size(64)
fn hessianProduct(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  let n = params.particleCount;
  if (i >= n) { return; }
  var out = VecD();
  if (excluded[i] == 0u) {
    let pi = particles[i];
    let vi = vectorOf(i);
    let count = min(neighborCounts[i], params.neighborCapacity);
    for (var k = 0u; k < count; k = k + 1u) {
      let j = neighbors[k * n + i];
      if (excluded[j] != 0u) { continue; }
      let pj = particles[j];
      let dr = pairSeparation(i, j, units);
      if (!dr.inReach) { continue; }
      let s = pairSigma(pi.diameter, pj.diameter, pi.species, pj.species);
      let is2 = 1.0 / (s * s);
      let x2 = squaredRatio(dr.r2, units.unit2 * is2);
      if (!x2.inRange || x2.grid + x2.rest >= PAIR_CUTOFF2) { continue; }
      let eps = pairEpsilon(pi.species, pj.species);
      // u′/x continued to first order in the rest (as the force kernel); its slope at x² = grid + rest rounded once
      let forceOverX = pairForceOverX(x2.grid) + pairForceOverXSlope(x2.grid) * x2.rest;
      let slope = pairForceOverXSlope(x2.grid + x2.rest);
      let w = vi - vectorOf(j);
      out = out + (eps * is2) * (forceOverX * w + (2.0 * is2 * slope * dot(dr.vector, w)) * dr.vector);
    }
  }
  let o = toVec4(out);
  product[i * DIM] = o.x;
  product[i * DIM + 1u] = o.y;
  if (DIM > 2u) { product[i * DIM + 2u] = o.z; }
  if (DIM > 3u) { product[i * DIM + 3u] = o.w; }
}
