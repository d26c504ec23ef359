// Pair forces and per-particle energies over the full neighbor list: one thread per particle sums its own force, no atomics.
// Mirrors src/physics/forces.ts forces2/forces3: x² = r²/s², f_i += ε/s²·(u′/x)·(r_j − r_i), E = Σ_i ½ Σ_j ε u(x²).
// x² comes from the exact integer r² (shaders/separation.wgsl) as grid + rest; u′/x and u are evaluated at the grid point and
// continued to first order in the rest, so that the f32 force is a smooth function of the positions between grid points and
// its round-off no longer sets the late-time floor of a quench (issue 3; test/gpu/quenchPrecision.test.ts).

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<storage, read> positions: array<Fixed>;
@group(0) @binding(2) var<storage, read> particles: array<Particle>;
// binding 3, the neighbor slots, is declared by the partner snippet appended to this kernel (shaders/partner.wgsl or
// mkpartner.wgsl, src/gpu/forces.ts): partnerOf(slot) and partnerSeparation(i, j, slot, units) read it.
@group(0) @binding(4) var<storage, read> neighborCounts: array<u32>;
@group(0) @binding(5) var<storage, read_write> forces: array<f32>;   // N·D, particle-major
@group(0) @binding(6) var<storage, read_write> energies: array<f32>; // ½ Σ_j U_ij per particle
@group(0) @binding(7) var<uniform> units: SeparationUnits;
@group(0) @binding(8) var<storage, read> halt: array<u32>;          // [0] ≠ 0: a quench's chunk is halted, compute nothing

//#include separation

// 000 Eq. (1) with ζ = 1: f_i = −∂E/∂r_i; mirrors forces2/forces3 in src/physics/forces.ts.
@compute @workgroup_size(64)
fn pairForces(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  let n = params.particleCount;
  if (i >= n || halt[0] != 0u) { return; }
  let pi = particles[i];
  var f = VecD();
  var e = 0.0;
  let count = min(neighborCounts[i], params.neighborCapacity);
  for (var k = 0u; k < count; k = k + 1u) {
    let slot = k * n + i;
    let j = partnerOf(slot);
    let pj = particles[j];
    let dr = partnerSeparation(i, j, slot, units);
    if (!dr.inReach) { continue; }
    let s = pairSigma(pi.diameter, pj.diameter, pi.species, pj.species);
    let is2 = 1.0 / (s * s);
    let x2 = squaredRatio(dr.r2, units.unit2 * is2);
    if (!x2.inRange || x2.grid + x2.rest >= PAIR_CUTOFF2) { continue; }
    let eps = pairEpsilon(pi.species, pj.species);
    // u′/x(x²) ≈ u′/x(grid) + d(u′/x)/d(x²)(grid)·rest, and u(x²) ≈ u(grid) + ½(u′/x)(grid)·rest (du/d(x²) = u′/(2x))
    let forceOverX = pairForceOverX(x2.grid);
    e = e + eps * (pairEnergy(x2.grid) + 0.5 * forceOverX * x2.rest);
    f = f + (eps * is2 * (forceOverX + pairForceOverXSlope(x2.grid) * x2.rest)) * dr.vector;
  }
  let f4 = toVec4(f);
  forces[i * DIM] = f4.x;
  forces[i * DIM + 1u] = f4.y;
  if (DIM > 2u) { forces[i * DIM + 2u] = f4.z; }
  if (DIM > 3u) { forces[i * DIM + 3u] = f4.w; }
  energies[i] = 0.5 * e;
}
