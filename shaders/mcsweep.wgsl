// One color pass of a parallel swap Monte Carlo sweep (000 App. A.1a moves; Anderson et al. 2013 checkerboard; HOOMD HPMC).
// Thread q of the pass owns active cell A = 2q + parity and, when cells are paired, the cell B = 2q′ + parity with
// q′ = (t − q) mod M (a random reflection of the color's sublattice). It makes (n_A + n_B)·trialsPerParticle trials on the
// union of their particles, one after the other, exactly as the serial engine (src/physics/mc/swapMonteCarlo.ts) but
// restricted to that union: with probability P_swap an exchange of diameters between two distinct particles of the union
// (proposed when |d_i − d_j| < maxSwapDifference), otherwise a displacement of one particle uniform in ±δ_max per axis,
// rejected if it would leave the particle's cell. Metropolis acceptance min(1, e^{−ΔE/T}).
//
// Why this keeps the Boltzmann distribution (detailed balance of each trial, hazard 3):
// - Active cells of one color are ≥ 2 cells apart along some axis, and a cell is at least the interaction range x_c·s_max
//   wide, so particles of two active cells never interact; A and B in particular are independent.
// - A trial touches particles of A ∪ B only, and its ΔE involves their partners, all in A ∪ B or in inactive cells (the 3^D
//   stencil), which nobody moves during the pass: ΔE is the exact energy change of the whole system, whatever the other
//   threads do (and no thread reads what another writes).
// - The proposals are symmetric: cell membership and n_A + n_B are conserved during the pass (moves leaving a cell are
//   rejected), so the reverse of any proposal is proposed with the same probability — the same slot (or pair of slots) of the
//   same union; displacements are odd in the Philox bits (centeredFromBits) and exactly invertible in fixed point; a swap is
//   its own reverse. So each trial is a Metropolis step with a symmetric proposal: detailed balance.
// - ΔE is summed pair by pair as (U_new − U_old) in a fixed order, so the reverse trial computes exactly −ΔE in f32 (if the
//   compiler keeps the parentheses); the sampled weight is e^{−E/T} up to the f32 rounding of ΔE (≈ 1e-7 relative).
// - Shift, color order and pairing are drawn from (seed, sweep) only, never from the configuration, so a sweep is a mixture
//   of products of such steps: it keeps the Boltzmann distribution (balance), and the random origin makes it ergodic.
//
// Random numbers: block b of trial t is philox4x32((sweep, cell A, 2t + b, colorPass), (seed, stream)) — see src/gpu/philox.ts.
// Block 0: x kind, y first particle, z second particle (swap) or acceptance (displacement), w acceptance (swap). Block 1: steps.

struct TrialTally {
  displacementAttempted: u32,
  displacementAccepted: u32,
  displacementLeftCell: u32,
  swapAttempted: u32,
  swapAccepted: u32,
  swapNotAttempted: u32,
  swapNoPartner: u32,
}

// 000 App. A.1a: ΔE of moving particle i from p to moved (both in the cell of `stencil`): Σ_j [U_ij(moved) − U_ij(p)].
fn displacementEnergyChange(i: u32, stencil: ptr<function, Stencil>, p: Point, moved: Point) -> f32 {
  let pi = particles[i];
  var change = 0.0;
  for (var o = 0u; o < (*stencil).count; o = o + 1u) {
    let c = (*stencil).cells[o];
    let count = binCount(c);
    for (var s = 0u; s < count; s = s + 1u) {
      let j = binMember(c, s);
      if (j == i) { continue; }
      let pj = particles[j];
      let sigma = pairSigma(pi.diameter, pj.diameter, pi.species, pj.species);
      let inverseSigma2 = 1.0 / (sigma * sigma);
      let epsilon = pairEpsilon(pi.species, pj.species);
      change = change + (pairEnergyScaled(squaredDistanceTo(moved, j), inverseSigma2, epsilon) - pairEnergyScaled(squaredDistanceTo(p, j), inverseSigma2, epsilon));
    }
  }
  return change;
}

// 000 App. A.1a: ΔE_i of particle i (in the cell of `stencil`) carrying dNew instead of its diameter, partner `skip` left out (its
// pair with i is symmetric in the two diameters, so an exchange does not change it).
fn diameterEnergyChange(i: u32, stencil: ptr<function, Stencil>, dNew: f32, skip: u32) -> f32 {
  let pi = particles[i];
  let p = pointOf(i);
  var change = 0.0;
  for (var o = 0u; o < (*stencil).count; o = o + 1u) {
    let c = (*stencil).cells[o];
    let count = binCount(c);
    for (var s = 0u; s < count; s = s + 1u) {
      let j = binMember(c, s);
      if (j == i || j == skip) { continue; }
      let pj = particles[j];
      let r2 = squaredDistanceTo(p, j);
      change = change + (pairEnergyAt(r2, dNew, pj.diameter, pi.species, pj.species) - pairEnergyAt(r2, pi.diameter, pj.diameter, pi.species, pj.species));
    }
  }
  return change;
}

// Slot s of the union A ∪ B: A's members first, then B's (both in increasing particle index).
fn unionMember(s: u32, cellA: u32, nA: u32, cellB: u32) -> u32 {
  if (s < nA) { return binMember(cellA, s); }
  return binMember(cellB, s - nA);
}

// 000 App. A.1a: Metropolis, accept with probability min(1, e^{−ΔE/T}) (NaN is rejected).
fn metropolisAccept(change: f32, bits: u32) -> bool {
  return change <= 0.0 || uniformFromBits(bits) < exp(-change * mc.inverseTemperature);
}

@compute @workgroup_size(64)
fn sweepColor(@builtin(global_invocation_id) id: vec3<u32>) {
  let q = id.x;
  if (q >= mc.sublatticeCount) { return; }
  let big = mc.sublatticePerAxis;
  let sub = vec4<u32>(q % big.x, (q / big.x) % big.y, (q / (big.x * big.y)) % big.z, q / (big.x * big.y * big.z));
  var partner = sub;
  if (mc.pairCells != 0u) { partner = (schedule.pairing + big - sub) % big; }
  let partnerIndex = partner.x + big.x * (partner.y + big.y * (partner.z + big.z * partner.w));
  if (partnerIndex < q) { return; } // the pair belongs to the thread of its lower sublattice index
  let kA = 2u * sub + schedule.parity;
  let kB = 2u * partner + schedule.parity;
  let cellA = linearCell(kA);
  let cellB = linearCell(kB);
  let nA = binCount(cellA);
  var nB = 0u;
  if (cellB != cellA) { nB = binCount(cellB); }
  let n = nA + nB;
  let key = vec2<u32>(mc.seed, mc.stream);
  var stencilA = stencilAround(kA);
  var stencilB = stencilAround(kB);
  var tally = TrialTally();
  let trials = n * mc.trialsPerParticle;
  for (var t = 0u; t < trials; t = t + 1u) {
    let r = philox4x32(vec4<u32>(schedule.sweep, cellA, 2u * t, schedule.colorPass), key);
    if (uniformFromBits(r.x) < mc.swapProbability) {
      // 000 App. A.1a: two distinct particles of the union, uniformly; exchange their diameters if |d_i − d_j| < 0.2.
      if (n < 2u) { tally.swapNoPartner = tally.swapNoPartner + 1u; continue; }
      let a = indexFromBits(r.y, n);
      var b = indexFromBits(r.z, n - 1u);
      if (b >= a) { b = b + 1u; }
      let i = unionMember(a, cellA, nA, cellB);
      let j = unionMember(b, cellA, nA, cellB);
      let di = particles[i].diameter;
      let dj = particles[j].diameter;
      if (!(abs(di - dj) < mc.maxSwapDifference)) { tally.swapNotAttempted = tally.swapNotAttempted + 1u; continue; }
      tally.swapAttempted = tally.swapAttempted + 1u;
      var change = 0.0;
      if (a < nA) { change = diameterEnergyChange(i, &stencilA, dj, j); } else { change = diameterEnergyChange(i, &stencilB, dj, j); }
      if (b < nA) { change = change + diameterEnergyChange(j, &stencilA, di, i); } else { change = change + diameterEnergyChange(j, &stencilB, di, i); }
      if (!metropolisAccept(change, r.w)) { continue; }
      particles[i].diameter = dj;
      particles[j].diameter = di;
      let label = labels[i];
      labels[i] = labels[j];
      labels[j] = label;
      tally.swapAccepted = tally.swapAccepted + 1u;
    } else {
      // 000 App. A.1a (± reading, PHYSICS.md §2): one particle of the union, each coordinate moved uniformly in ±δ_max.
      if (n == 0u) { continue; }
      let a = indexFromBits(r.y, n);
      let i = unionMember(a, cellA, nA, cellB);
      let home = select(kB, kA, a < nA);
      let steps = philox4x32(vec4<u32>(schedule.sweep, cellA, 2u * t + 1u, schedule.colorPass), key);
      tally.displacementAttempted = tally.displacementAttempted + 1u;
      let p = pointOf(i);
      var moved = p;
      var inside = true;
      for (var d = 0u; d < DIM; d = d + 1u) {
        moved.c[d] = fixedAdd(p.c[d], fixedIncrement(centeredFromBits(steps[d]) * mc.maxDisplacementUnits[d]));
        inside = inside && cellAlong(moved.c[d].x, schedule.shift[d], mc.cellsPerAxis[d]) == home[d];
      }
      if (!inside) { tally.displacementLeftCell = tally.displacementLeftCell + 1u; continue; }
      var change = 0.0;
      if (a < nA) { change = displacementEnergyChange(i, &stencilA, p, moved); } else { change = displacementEnergyChange(i, &stencilB, p, moved); }
      if (!metropolisAccept(change, r.z)) { continue; }
      for (var d = 0u; d < DIM; d = d + 1u) { positions[i * DIM + d] = moved.c[d]; }
      tally.displacementAccepted = tally.displacementAccepted + 1u;
    }
  }
  if (trials == 0u) { return; }
  atomicAdd(&tallies.counts[TALLY_DISPLACEMENT_ATTEMPTED], tally.displacementAttempted);
  atomicAdd(&tallies.counts[TALLY_DISPLACEMENT_ACCEPTED], tally.displacementAccepted);
  atomicAdd(&tallies.counts[TALLY_DISPLACEMENT_LEFT_CELL], tally.displacementLeftCell);
  atomicAdd(&tallies.counts[TALLY_SWAP_ATTEMPTED], tally.swapAttempted);
  atomicAdd(&tallies.counts[TALLY_SWAP_ACCEPTED], tally.swapAccepted);
  atomicAdd(&tallies.counts[TALLY_SWAP_NOT_ATTEMPTED], tally.swapNotAttempted);
  atomicAdd(&tallies.counts[TALLY_SWAP_NO_PARTNER], tally.swapNoPartner);
}
