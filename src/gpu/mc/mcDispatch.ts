// What the GPU runs: a batch of sweeps encoded into one command encoder (per sweep the cell lists of its grid origin, then the
// 2^D color passes, each with its own McPass slot), with snapshot copies between sweeps; and the per-particle energies.
//
// What one GPU sweep is (schedule: schedule.ts; trials: shaders/mcsweep.wgsl):
// 1. a grid origin drawn uniformly over the box, and the cell lists of that grid (m_a cells per axis, m_a even, each cell at
//    least x_c·s_max wide: checkerboard.ts), rebuilt from the previous sweep's (shaders/mccells.wgsl);
// 2. the 2^D colors of the checkerboard in a random order; in each color pass the active cells are paired by a random
//    reflection of their sublattice, and every pair (A, B) makes (n_A + n_B)·trialsPerParticle trials on its own particles,
//    in sequence, all pairs at once.
// Every cell is active in exactly one pass, so a sweep is exactly N·trialsPerParticle trials: N by default, the serial
// engine's sweep (docs/PHYSICS.md §2). Each trial is the serial trial — a swap with probability P_swap (two distinct particles,
// exchanged if |d_i − d_j| < 0.2), else a displacement uniform in ±δ_max per axis, Metropolis min(1, e^{−ΔE/T}) — except
// that (i) its particles are drawn from the cell pair instead of the whole system, and (ii) a displacement that would leave
// its cell is rejected (counted in displacementLeftCell, ≈ 6% of displacements for soft2d at δ_max = 0.12). Equilibrium
// averages are the serial engine's (test/gpu/mcEquilibrium.test.ts); the dynamics per sweep differs, and within a sweep a
// particle stays in its cell, so consecutive sweeps are more correlated than serial ones for tiny systems.
import { groupsFor } from '../kernels.ts';
import type { CheckerboardGrid } from './checkerboard.ts';
import type { McBuffers } from './mcBuffers.ts';
import type { McKernels } from './mcKernels.ts';
import { PASS_SLOT_BYTES } from './schedule.ts';
import type { Snapshots } from './mcReadback.ts';

/** Threads per workgroup of every Monte Carlo kernel (@workgroup_size in shaders/mc*.wgsl). */
const WORKGROUP = 64;

/**
 * Encode `count` sweeps from the current cell lists (their McPass slots uploaded), after backing the state up and clearing
 * the tallies; a snapshot is copied after each sweep that `snapshots` asks for. Returns the parity of the cell lists after.
 */
export function encodeSweeps(encoder: GPUCommandEncoder, kernels: McKernels, buffers: McBuffers, grid: CheckerboardGrid, count: number, snapshots?: Snapshots): number {
  buffers.encodeBatchStart(encoder);
  let parity = buffers.parity;
  let pass = encoder.beginComputePass({ label: 'mc sweeps' });
  const cellGroups = groupsFor(grid.cellCount, WORKGROUP);
  const pairGroups = groupsFor(grid.sublatticeCount, WORKGROUP);
  for (let k = 0; k < count; k++) {
    const slot = (p: number) => [(k * grid.colorCount + p) * PASS_SLOT_BYTES];
    pass.setPipeline(kernels.rebuildCells);
    pass.setBindGroup(0, buffers.groups[parity], slot(0));
    pass.dispatchWorkgroups(cellGroups);
    parity = 1 - parity;
    pass.setPipeline(kernels.sweepColor);
    for (let p = 0; p < grid.colorCount; p++) {
      pass.setBindGroup(0, buffers.groups[parity], slot(p));
      pass.dispatchWorkgroups(pairGroups);
    }
    const snapshot = snapshots ? snapshots.slotAfter(k) : -1;
    if (snapshots && snapshot >= 0) {
      pass.end();
      snapshots.encodeCopy(encoder, buffers, snapshot);
      pass = encoder.beginComputePass({ label: 'mc sweeps' });
    }
  }
  pass.end();
  return parity;
}

/** Encode ½ Σ_j U_ij per particle over the current cell lists, into the tallies buffer after the counters. */
export function encodeParticleEnergies(encoder: GPUCommandEncoder, kernels: McKernels, buffers: McBuffers, grid: CheckerboardGrid): void {
  const pass = encoder.beginComputePass({ label: 'mc energies' });
  pass.setPipeline(kernels.particleEnergies);
  pass.setBindGroup(0, buffers.groups[buffers.parity], [0]);
  pass.dispatchWorkgroups(groupsFor(grid.cellCount, WORKGROUP));
  pass.end();
}
