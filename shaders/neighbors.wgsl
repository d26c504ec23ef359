// Verlet neighbor lists on the GPU (docs/ARCHITECTURE.md hazard 4): a full list (i's partners j ≠ i within x_c·s_ij + skin), a fixed number
// of slots per particle, and the largest count written to status[0] so the host sees an overflow and rebuilds with more slots.
// Mirrors src/physics/neighbors.ts buildNeighborList and needsRebuild.

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<storage, read> positions: array<Fixed>;
@group(0) @binding(2) var<storage, read> particles: array<Particle>;
@group(0) @binding(3) var<storage, read> cellStarts: array<u32>;
@group(0) @binding(4) var<storage, read> cellOrder: array<u32>;
@group(0) @binding(5) var<storage, read_write> neighbors: array<u32>;      // slot k of particle i at k·N + i
@group(0) @binding(6) var<storage, read_write> neighborCounts: array<u32>; // may exceed the capacity: then the list overflowed
@group(0) @binding(7) var<storage, read_write> reference: array<Fixed>;    // positions at the last build
@group(0) @binding(8) var<storage, read_write> status: array<atomic<u32>>; // [0] largest count, [1] bits of the largest |Δr|² since the build

//#include separation

//#include stencil

// mirrors appendPairs: j is a neighbor of i when |r_ij| < x_c·s_ij + skin.
@compute @workgroup_size(64)
fn buildNeighborList(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  let n = params.particleCount;
  if (i >= n) { return; }
  var home = vec4<u32>();
  for (var a = 0u; a < DIM; a = a + 1u) {
    let x = positions[i * DIM + a];
    home[a] = cellAlongAxis(x.x, params.cellsPerAxis[a]);
    reference[i * DIM + a] = x;
  }
  let pi = particles[i];
  var count = 0u;
  for (var q = 0u; q < params.stencilCells; q = q + 1u) {
    let cell = stencilCell(home, q);
    let end = cellStarts[cell + 1u];
    for (var m = cellStarts[cell]; m < end; m = m + 1u) {
      let j = cellOrder[m];
      if (j == i) { continue; }
      let pj = particles[j];
      let dr = separation(i, j);
      let rc = PAIR_CUTOFF * pairSigma(pi.diameter, pj.diameter, pi.species, pj.species) + params.skin;
      if (dot(dr, dr) >= rc * rc) { continue; }
      if (count < params.neighborCapacity) { neighbors[count * n + i] = j; }
      count = count + 1u;
    }
  }
  neighborCounts[i] = count;
  atomicMax(&status[0], count);
}

//#include displacement
