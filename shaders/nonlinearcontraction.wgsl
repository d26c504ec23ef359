// The nonlinear contractions of a displacement field z (003 Eqs. 8–14, 26) over the full neighbor list: one thread per particle
// sums its own pairs, no atomics (each pair is seen from both sides, as in shaders/hessianproduct.wgsl). Mirrors
// src/physics/nonlinear/contractions.ts expansionFieldsOf: per pair, with x = r_j − r_i, w = z_j − z_i, p = x·w, b = w·w,
//   M = A2 p² + A1 b,  U3 = A3 p³ + 3A2 p b,  U4 = A4 p⁴ + 6A3 p² b + 3A2 b²,
// and the coefficients A_k = 2ᵏ dᵏφ/d(r²)ᵏ (src/physics/pairDerivatives.ts) written through u′/x and its x²-derivatives g′, g″, g‴
// (src/gpu/wgslModels.ts): A1 = (ε/s²) u′/x, A2 = (ε/s²)(2/s²) g′, A3 = (ε/s²)(4/s⁴) g″, A4 = (ε/s²)(8/s⁶) g‴.
// Out, per particle i: the gradient fields (M·z)_i, (U‴:zz)_i, (U⁗⋮zzz)_i (½, ⅓, ¼ of ∂/∂z_i of the sums: −(c_x x + c_w w) per
// pair) and ½ Σ_j of the three pair scalars (their sum over i is M:zz, U‴⋮zzz, U⁗::zzzz; the CPU adds them in float64).
// float32; the bound on the error is derived in src/gpu/nonlinearContractionBound.ts (docs/ARCHITECTURE.md).

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<storage, read> positions: array<Fixed>;
@group(0) @binding(2) var<storage, read> particles: array<Particle>;
@group(0) @binding(3) var<storage, read> neighbors: array<u32>;
@group(0) @binding(4) var<storage, read> neighborCounts: array<u32>;
@group(0) @binding(5) var<uniform> units: SeparationUnits;
@group(0) @binding(6) var<storage, read> excluded: array<u32>;       // 1: a particle left out (its pairs dropped)
@group(0) @binding(7) var<storage, read> field: array<f32>;          // z, N·D, particle-major
@group(0) @binding(8) var<storage, read_write> gradients: array<f32>; // [M·z | U‴:zz | U⁗⋮zzz], 3·N·D
@group(0) @binding(9) var<storage, read_write> scalars: array<f32>;  // per particle ½Σ_j (M, U3, U4), 3·N

//#include separation

fn fieldOf(i: u32) -> VecD {
  var v = vec4<f32>(field[i * DIM], field[i * DIM + 1u], 0.0, 0.0);
  if (DIM > 2u) { v.z = field[i * DIM + 2u]; }
  if (DIM > 3u) { v.w = field[i * DIM + 3u]; }
  return toVecD(v);
}

fn writeField(slot: u32, i: u32, value: VecD) {
  let o = toVec4(value);
  let base = slot * params.particleCount * DIM + i * DIM;
  gradients[base] = o.x;
  gradients[base + 1u] = o.y;
  if (DIM > 2u) { gradients[base + 2u] = o.z; }
  if (DIM > 3u) { gradients[base + 3u] = o.w; }
}

// 003 Eqs. (8), (26), (C2): mirrors expansionFieldsOf (same pairs: r_ij < x_c·s_ij, as hessianproduct.wgsl).
@compute @workgroup_size(64)
fn nonlinearContraction(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  let n = params.particleCount;
  if (i >= n) { return; }
  var mz = VecD();
  var u3 = VecD();
  var u4 = VecD();
  var second = 0.0;
  var third = 0.0;
  var fourth = 0.0;
  if (excluded[i] == 0u) {
    let pi = particles[i];
    let zi = fieldOf(i);
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
      let y = x2.grid + x2.rest;
      let e = pairEpsilon(pi.species, pj.species) * is2;
      // u′/x continued to first order in the rest (as the force and Hessian kernels); g′, g″, g‴ at grid + rest rounded once
      let a1 = e * (pairForceOverX(x2.grid) + pairForceOverXSlope(x2.grid) * x2.rest);
      let a2 = e * 2.0 * is2 * pairForceOverXSlope(y);
      let a3 = e * 4.0 * is2 * is2 * pairForceOverXCurvature(y);
      let a4 = e * 8.0 * is2 * is2 * is2 * pairForceOverXThird(y);
      let x = dr.vector;
      let w = fieldOf(j) - zi;
      let p = dot(x, w);
      let b = dot(w, w);
      let p2 = p * p;
      second = second + a2 * p2 + a1 * b;
      third = third + p * (a3 * p2 + 3.0 * a2 * b);
      fourth = fourth + a4 * p2 * p2 + 6.0 * a3 * p2 * b + 3.0 * a2 * b * b;
      // particle i receives −(c_x x + c_w w) of each pair's ½, ⅓, ¼ ∂/∂w (expansionFieldsOf adds −g to i)
      mz = mz - ((a2 * p) * x + a1 * w);
      u3 = u3 - ((a3 * p2 + a2 * b) * x + (2.0 * a2 * p) * w);
      u4 = u4 - ((p * (a4 * p2 + 3.0 * a3 * b)) * x + (3.0 * a3 * p2 + 3.0 * a2 * b) * w);
    }
  }
  writeField(0u, i, mz);
  writeField(1u, i, u3);
  writeField(2u, i, u4);
  scalars[3u * i] = 0.5 * second;
  scalars[3u * i + 1u] = 0.5 * third;
  scalars[3u * i + 2u] = 0.5 * fourth;
}
