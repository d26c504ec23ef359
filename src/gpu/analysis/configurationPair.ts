// The initial and final configurations of one quench on the GPU, for the per-particle analysis: both in 64-bit fixed point
// (src/gpu/fixedPoint.ts) in one buffer (initial at particles 0..N−1, final at N..2N−1, as shaders/analysiscells.wgsl reads
// them), a counting-sort cell list of each (src/gpu/cellList.ts) on one grid, and the scaled cutoffs.
import type { Configuration } from '../../physics/configuration.ts';
import type { Model } from '../../physics/models.ts';
import { createCellList, type GpuCellList } from '../cellList.ts';
import type { GpuContext } from '../device.ts';
import { storageBuffer, uniformBuffer } from '../kernels.ts';
import { createParticleBuffers, type ParticleBuffers } from '../particles.ts';
import type { AnalysisKernels } from './analysisKernels.ts';

/** The scaled cutoffs, in units of s_ij (struct AnalysisCutoffs of shaders/analysiscells.wgsl). */
export interface AnalysisCutoffs {
  /** x_cut^EQ: L_EQ(i) = {j: x_ij < equilibrium} in the initial state (001 SM III). */
  readonly equilibrium: number;
  /** A bond of L_EQ is broken when x_ij ≥ breaking in the final state (001 SM III: 1.5). */
  readonly breaking: number;
  /** A pair not in L_EQ is inserted when x_ij < insertion in the final state (001 SM III: 1.23). */
  readonly insertion: number;
  /** D²min neighbours: x_ij < d2minNeighbor in the initial state (docs/PHYSICS.md §4: 1.5). */
  readonly d2minNeighbor: number;
}

export interface ConfigurationPair {
  readonly count: number;
  /** SystemParams of the grid both cell lists use. */
  readonly params: GPUBuffer;
  /** 2·N·D (hi, lo) words: initial, then final. */
  readonly positions: GPUBuffer;
  readonly traits: GPUBuffer;
  readonly initialCells: GpuCellList;
  readonly finalCells: GpuCellList;
  readonly cutoffs: GPUBuffer;
  /** Copies the positions into `positions` and builds both cell lists. */
  encode(encoder: GPUCommandEncoder): void;
  destroy(): void;
}

/** f32 headroom on the search radius: s_ij from f32 diameters may exceed the float64 s_max by a few ulps. */
const SEARCH_MARGIN = 1 + 1e-6;

// 001 SM III / 000 ref. 62: every pair the analysis tests lies within max(cutoffs)·s_max in the state whose cell list finds it.
export function uploadConfigurationPair(
  gpu: GpuContext, kernels: AnalysisKernels, model: Model, initial: Configuration, final: Configuration, cutoffs: AnalysisCutoffs,
): ConfigurationPair {
  const n = initial.diameters.length;
  const d = initial.box.dim;
  if (final.diameters.length !== n) throw new Error(`the initial state has ${n} particles, the final ${final.diameters.length}`);
  for (let a = 0; a < d; a++) {
    if (initial.box.lengths[a] !== final.box.lengths[a]) throw new Error('the GPU analysis needs the same box for the initial and the final state');
  }
  const reach = Math.max(cutoffs.equilibrium, cutoffs.insertion, cutoffs.d2minNeighbor) * model.maxSigma(initial) * SEARCH_MARGIN;
  for (let a = 0; a < d; a++) {
    if (initial.box.lengths[a] < 2 * reach) throw new Error(`box side ${initial.box.lengths[a].toFixed(4)} is smaller than twice the analysis range ${reach.toFixed(4)}`);
  }
  const owned: { destroy(): void }[] = [];
  try {
    const first: ParticleBuffers = createParticleBuffers(gpu, initial, reach, 0);
    owned.push(first);
    const second: ParticleBuffers = createParticleBuffers(gpu, final, reach, 0);
    owned.push(second);
    first.writeParams(0);
    second.writeParams(0);
    const bytes = 8 * n * d;
    const positions = storageBuffer(gpu, 'analysis positions (initial, final)', 2 * bytes);
    owned.push(positions);
    const cutoffBuffer = uniformBuffer(gpu, 'analysis cutoffs', 16);
    owned.push(cutoffBuffer);
    gpu.device.queue.writeBuffer(cutoffBuffer, 0, new Float32Array([cutoffs.equilibrium, cutoffs.breaking, cutoffs.insertion, cutoffs.d2minNeighbor]));
    const initialCells = createCellList(gpu, kernels, first);
    owned.push(initialCells);
    const finalCells = createCellList(gpu, kernels, second);
    owned.push(finalCells);
    return {
      count: n, params: first.params, positions, traits: first.traits, initialCells, finalCells, cutoffs: cutoffBuffer,
      encode(encoder) {
        encoder.copyBufferToBuffer(first.positions, 0, positions, 0, bytes);
        encoder.copyBufferToBuffer(second.positions, 0, positions, bytes, bytes);
        initialCells.encode(encoder);
        finalCells.encode(encoder);
      },
      destroy() { for (const b of owned) b.destroy(); },
    };
  } catch (e) {
    for (const b of owned) b.destroy();
    throw e;
  }
}
