// ½ Σ_j U_ij per particle over the current cell lists (000 App. A.1), with the same f32 pair energy as the trial moves;
// one thread per cell. The host sums them in float64 (mirrors totalEnergy in src/physics/mc/particleEnergy.ts).

@compute @workgroup_size(64)
fn particleEnergies(@builtin(global_invocation_id) id: vec3<u32>) {
  let c = id.x;
  if (c >= mc.cellCount) { return; }
  let home = cellCoordinates(c);
  let members = binCount(c);
  var stencil = stencilAround(home);
  for (var m = 0u; m < members; m = m + 1u) {
    let i = binMember(c, m);
    let pi = particles[i];
    let p = pointOf(i);
    var e = 0.0;
    for (var o = 0u; o < stencil.count; o = o + 1u) {
      let nc = stencil.cells[o];
      let count = binCount(nc);
      for (var s = 0u; s < count; s = s + 1u) {
        let j = binMember(nc, s);
        if (j == i) { continue; }
        let pj = particles[j];
        e = e + pairEnergyAt(squaredDistanceTo(p, j), pi.diameter, pj.diameter, pi.species, pj.species);
      }
    }
    tallies.energies[i] = 0.5 * e;
  }
}
