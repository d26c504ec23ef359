// Defects φ_i revealed by a quench (001 SM III), per particle, each particle counting its own pairs over the full neighbourhood
// (no atomics): B_i = #{j ∈ L_EQ(i): x_ij ≥ x_break in the final state}, I_i = #{j ∉ L_EQ(i): x_ij < x_insert in the final state},
// L_EQ(i) = {j: x_ij < x_cut^EQ in the initial state}. Mirrors src/physics/analysis/defects.ts defectFlags.

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<storage, read> positions: array<Fixed>;      // initial (0..N−1), then final (N..2N−1)
@group(0) @binding(2) var<storage, read> particles: array<Particle>;
@group(0) @binding(3) var<storage, read> initialCellStarts: array<u32>;
@group(0) @binding(4) var<storage, read> initialCellOrder: array<u32>;
@group(0) @binding(5) var<storage, read> finalCellStarts: array<u32>;
@group(0) @binding(6) var<storage, read> finalCellOrder: array<u32>;
@group(0) @binding(7) var<uniform> cutoffs: AnalysisCutoffs;
@group(0) @binding(8) var<storage, read_write> bondChanges: array<vec2<u32>>; // (B_i, I_i)

//#include separation
//#include analysiscells

// 001 SM III: B_i and I_i of particle i.
@compute @workgroup_size(64)
fn countBondChanges(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  let n = params.particleCount;
  if (i >= n) { return; }
  let pi = particles[i];
  var breakings = 0u;
  var insertions = 0u;
  // breakings: the equilibrium neighbours (initial cell list), tested in the final state
  let initialHome = homeCell(i);
  for (var q = 0u; q < params.stencilCells; q = q + 1u) {
    let cell = stencilCell(initialHome, q);
    let end = initialCellStarts[cell + 1u];
    for (var m = initialCellStarts[cell]; m < end; m = m + 1u) {
      let j = initialCellOrder[m];
      if (j == i) { continue; }
      let pj = particles[j];
      let s = pairSigma(pi.diameter, pj.diameter, pi.species, pj.species);
      if (!withinScaled(separation(i, j), s, cutoffs.equilibrium)) { continue; }
      if (!withinScaled(separation(i + n, j + n), s, cutoffs.breaking)) { breakings = breakings + 1u; }
    }
  }
  // insertions: the close pairs of the final state (final cell list) that were not equilibrium neighbours
  let finalHome = homeCell(i + n);
  for (var q = 0u; q < params.stencilCells; q = q + 1u) {
    let cell = stencilCell(finalHome, q);
    let end = finalCellStarts[cell + 1u];
    for (var m = finalCellStarts[cell]; m < end; m = m + 1u) {
      let j = finalCellOrder[m];
      if (j == i) { continue; }
      let pj = particles[j];
      let s = pairSigma(pi.diameter, pj.diameter, pi.species, pj.species);
      if (!withinScaled(separation(i + n, j + n), s, cutoffs.insertion)) { continue; }
      if (!withinScaled(separation(i, j), s, cutoffs.equilibrium)) { insertions = insertions + 1u; }
    }
  }
  bondChanges[i] = vec2<u32>(breakings, insertions);
}
