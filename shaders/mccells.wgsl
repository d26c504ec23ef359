// The cell lists of a new sweep's grid origin, built from the previous sweep's (Anderson et al. 2013: a random origin each
// sweep). One thread per new cell, no atomics: both grids have the same cells, shifted by δ = shift − previousShift, so a
// new cell K overlaps only old cells K + q and K + q + 1 per axis, q = ⌊m·δ/2³²⌋. Proof: cell K holds the shifted high words
// u with K·2³²/m ≤ u < (K + 1)·2³²/m, so m(u + δ)/2³² ∈ [K + mδ/2³², K + 1 + mδ/2³²) ⊂ [K + q, K + q + 2); the old cell
// ⌊m(u + δ)/2³²⌋ is K + q or K + q + 1 (modulo m, which commutes with the 2³² wrap of u + δ).
// Members come out in increasing particle index, so every later sum runs in a reproducible order.
// A cell holding more than `capacity` particles records its count in TALLY_LARGEST_OVERFLOW; the host then replays the batch
// with room (hazard 4: never a silently dropped particle).

@compute @workgroup_size(64)
fn rebuildCells(@builtin(global_invocation_id) id: vec3<u32>) {
  let c = id.x;
  if (c >= mc.cellCount) { return; }
  let k = cellCoordinates(c);
  var q = vec4<u32>(0u);
  for (var a = 0u; a < DIM; a = a + 1u) { q[a] = mulHigh(schedule.shift[a] - schedule.previousShift[a], mc.cellsPerAxis[a]); }
  let stride = binStride();
  let base = c * stride + 1u;
  var count = 0u;
  var corners = 1u;
  for (var a = 0u; a < DIM; a = a + 1u) { corners = corners * 2u; }
  for (var o = 0u; o < corners; o = o + 1u) {
    var old = vec4<u32>(0u);
    for (var a = 0u; a < DIM; a = a + 1u) { old[a] = (k[a] + q[a] + ((o >> a) & 1u)) % mc.cellsPerAxis[a]; }
    let oc = linearCell(old);
    let members = binCount(oc);
    for (var s = 0u; s < members; s = s + 1u) {
      let i = binMember(oc, s);
      if (any(cellOfParticle(i, schedule.shift) != k)) { continue; }
      if (count < mc.capacity) { nextBins[base + count] = i; }
      count = count + 1u;
    }
  }
  let kept = min(count, mc.capacity);
  for (var m = 1u; m < kept; m = m + 1u) { // insertion sort: a handful of members
    let value = nextBins[base + m];
    var p = m;
    while (p > 0u && nextBins[base + p - 1u] > value) {
      nextBins[base + p] = nextBins[base + p - 1u];
      p = p - 1u;
    }
    nextBins[base + p] = value;
  }
  nextBins[c * stride] = count;
  if (count > mc.capacity) { atomicMax(&tallies.counts[TALLY_LARGEST_OVERFLOW], count); }
}
