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

// A thread's cell pair: side 0 is cell A, side 1 cell B (B = A when cells are not paired; then B adds no slots).
struct CellPair {
  home: array<vec4<u32>, 2>,  // cell coordinates
  cell: vec2<u32>,            // linear cell indices
  count: vec2<u32>,           // n_A, n_B
  stencil: array<Stencil, 2>, // the cells around each
}

fn cellPair(kA: vec4<u32>, kB: vec4<u32>) -> CellPair {
  var pair: CellPair;
  pair.home = array<vec4<u32>, 2>(kA, kB);
  pair.cell = vec2<u32>(linearCell(kA), linearCell(kB));
  pair.count = vec2<u32>(binCount(pair.cell.x), 0u);
  if (pair.cell.y != pair.cell.x) { pair.count.y = binCount(pair.cell.y); }
  pair.stencil[0] = stencilAround(kA);
  pair.stencil[1] = stencilAround(kB);
  return pair;
}

// Slot s of the union A ∪ B: A's members first, then B's (both in increasing particle index); sideOf says which cell holds it.
fn sideOf(pair: ptr<function, CellPair>, s: u32) -> u32 { return select(1u, 0u, s < (*pair).count.x); }

fn unionMember(pair: ptr<function, CellPair>, s: u32) -> u32 {
  if (s < (*pair).count.x) { return binMember((*pair).cell.x, s); }
  return binMember((*pair).cell.y, s - (*pair).count.x);
}

// 000 App. A.1a: ΔE of particle i (on `side` of the pair: its partners are in that side's stencil) moved from `before` to `after`
// and carrying dNew instead of its diameter, Σ_j [U_ij(after, dNew) − U_ij(before, d_i)] pair by pair, j ≠ i and j ≠ skip (a swap
// leaves out its partner: their pair is symmetric in the two diameters, so the exchange does not change it).
fn energyChange(pair: ptr<function, CellPair>, side: u32, i: u32, before: Point, after: Point, dNew: f32, skip: u32) -> f32 {
  let pi = particles[i];
  var change = 0.0;
  for (var o = 0u; o < (*pair).stencil[side].count; o = o + 1u) {
    let c = (*pair).stencil[side].cells[o];
    let count = binCount(c);
    for (var s = 0u; s < count; s = s + 1u) {
      let j = binMember(c, s);
      if (j == i || j == skip) { continue; }
      let pj = particles[j];
      change = change + (pairEnergyAt(squaredDistanceTo(after, j), dNew, pj.diameter, pi.species, pj.species)
                         - pairEnergyAt(squaredDistanceTo(before, j), pi.diameter, pj.diameter, pi.species, pj.species));
    }
  }
  return change;
}

// 000 App. A.1a: Metropolis, accept with probability min(1, e^{−ΔE/T}) (NaN is rejected).
fn metropolisAccept(change: f32, bits: u32) -> bool {
  return change <= 0.0 || uniformFromBits(bits) < exp(-change * mc.inverseTemperature);
}

// Block b of the random numbers of trial t of the pair whose first cell is cellA.
fn trialBits(cellA: u32, t: u32, b: u32) -> vec4<u32> {
  return philox4x32(vec4<u32>(schedule.sweep, cellA, 2u * t + b, schedule.colorPass), vec2<u32>(mc.seed, mc.stream));
}

// The trial outcomes of a thread, indexed by TALLY_* (TALLY_LARGEST_OVERFLOW unused), added to `tallies` at the end.
fn tallyOne(tally: ptr<function, array<u32, TALLY_WORDS>>, k: u32) { (*tally)[k] = (*tally)[k] + 1u; }

// 000 App. A.1a: two distinct particles of the union, uniformly; exchange their diameters if |d_i − d_j| < 0.2.
fn swapTrial(pair: ptr<function, CellPair>, r: vec4<u32>, tally: ptr<function, array<u32, TALLY_WORDS>>) {
  let n = (*pair).count.x + (*pair).count.y;
  if (n < 2u) { tallyOne(tally, TALLY_SWAP_NO_PARTNER); return; }
  let a = indexFromBits(r.y, n);
  var b = indexFromBits(r.z, n - 1u);
  if (b >= a) { b = b + 1u; }
  let i = unionMember(pair, a);
  let j = unionMember(pair, b);
  let di = particles[i].diameter;
  let dj = particles[j].diameter;
  if (!(abs(di - dj) < mc.maxSwapDifference)) { tallyOne(tally, TALLY_SWAP_NOT_ATTEMPTED); return; }
  tallyOne(tally, TALLY_SWAP_ATTEMPTED);
  let pi = pointOf(i);
  let pj = pointOf(j);
  let change = energyChange(pair, sideOf(pair, a), i, pi, pi, dj, j) + energyChange(pair, sideOf(pair, b), j, pj, pj, di, i);
  if (!metropolisAccept(change, r.w)) { return; }
  particles[i].diameter = dj;
  particles[j].diameter = di;
  let label = labels[i];
  labels[i] = labels[j];
  labels[j] = label;
  tallyOne(tally, TALLY_SWAP_ACCEPTED);
}

// 000 App. A.1a (± reading, docs/PHYSICS.md §2): one particle of the union, each coordinate moved uniformly in ±δ_max (steps from
// block 1 of trial t), rejected if it leaves its cell.
fn displacementTrial(pair: ptr<function, CellPair>, t: u32, r: vec4<u32>, tally: ptr<function, array<u32, TALLY_WORDS>>) {
  let n = (*pair).count.x + (*pair).count.y;
  if (n == 0u) { return; }
  let a = indexFromBits(r.y, n);
  let side = sideOf(pair, a);
  let i = unionMember(pair, a);
  let steps = trialBits((*pair).cell.x, t, 1u);
  tallyOne(tally, TALLY_DISPLACEMENT_ATTEMPTED);
  let p = pointOf(i);
  var moved = p;
  var inside = true;
  for (var d = 0u; d < DIM; d = d + 1u) {
    moved.c[d] = fixedAdd(p.c[d], fixedIncrement(centeredFromBits(steps[d]) * mc.maxDisplacementUnits[d]));
    inside = inside && cellAlong(moved.c[d].x, schedule.shift[d], mc.cellsPerAxis[d]) == (*pair).home[side][d];
  }
  if (!inside) { tallyOne(tally, TALLY_DISPLACEMENT_LEFT_CELL); return; }
  if (!metropolisAccept(energyChange(pair, side, i, p, moved, particles[i].diameter, i), r.z)) { return; }
  for (var d = 0u; d < DIM; d = d + 1u) { positions[i * DIM + d] = moved.c[d]; }
  tallyOne(tally, TALLY_DISPLACEMENT_ACCEPTED);
}

@compute @workgroup_size(64)
fn sweepColor(@builtin(global_invocation_id) id: vec3<u32>) {
  let q = id.x;
  if (q >= mc.sublatticeCount) { return; }
  let big = mc.sublatticePerAxis;
  let sub = coordinatesIn(q, big);
  var partner = sub;
  if (mc.pairCells != 0u) { partner = (schedule.pairing + big - sub) % big; }
  if (linearIndexIn(partner, big) < q) { return; } // the pair belongs to the thread of its lower sublattice index
  var pair = cellPair(2u * sub + schedule.parity, 2u * partner + schedule.parity);
  var tally = array<u32, TALLY_WORDS>();
  let trials = (pair.count.x + pair.count.y) * mc.trialsPerParticle;
  for (var t = 0u; t < trials; t = t + 1u) {
    let r = trialBits(pair.cell.x, t, 0u);
    if (uniformFromBits(r.x) < mc.swapProbability) { swapTrial(&pair, r, &tally); } else { displacementTrial(&pair, t, r, &tally); }
  }
  if (trials == 0u) { return; }
  for (var k = 0u; k < TALLY_WORDS; k = k + 1u) {
    if (k != TALLY_LARGEST_OVERFLOW) { atomicAdd(&tallies.counts[k], tally[k]); }
  }
}
