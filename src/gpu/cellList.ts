// The GPU cell list: counting sort into cells of side ≥ the search radius, no capacity limit (docs/ARCHITECTURE.md hazard 4).
import type { GpuContext } from './device.ts';
import { bindBuffers, createKernelFamily, dispatch, groupsFor, storageBuffer, type KernelFamily } from './kernels.ts';
import { createPrefixSum, type PrefixSum } from './prefixSum.ts';
import type { ParticleBuffers } from './particles.ts';
import { loadShader } from './shaderSource.ts';

export function createCellKernels(gpu: GpuContext, preamble: string): Promise<KernelFamily> {
  return loadShader('cells').then((code) =>
    createKernelFamily(gpu, 'cells', preamble + code, ['uniform', 'read-only-storage', 'storage', 'storage', 'read-only-storage', 'storage'],
      ['countParticles', 'scatterParticles', 'sortCells']));
}

/** cellStarts[c]..cellStarts[c+1] index cellOrder, the particles of cell c in increasing order (cellStarts has cellCount + 1 entries). */
export interface GpuCellList {
  readonly cellStarts: GPUBuffer;
  readonly cellOrder: GPUBuffer;
  encode(encoder: GPUCommandEncoder): void;
  destroy(): void;
}

// mirrors src/physics/neighbors.ts buildCellList: counts → exclusive prefix sum → scatter.
export function createCellList(gpu: GpuContext, kernels: { cells: KernelFamily; scan: KernelFamily }, particles: ParticleBuffers): GpuCellList {
  const n = particles.count;
  const cellCount = particles.grid.cellCount;
  // counts[cellCount] stays 0, so cellStarts[cellCount] = N closes the last cell.
  const cellCounts = storageBuffer(gpu, 'cell counts', 4 * (cellCount + 1));
  const cellStarts = storageBuffer(gpu, 'cell starts', 4 * (cellCount + 1));
  const slotInCell = storageBuffer(gpu, 'slot in cell', 4 * n);
  const cellOrder = storageBuffer(gpu, 'cell order', 4 * n);
  const scan: PrefixSum = createPrefixSum(gpu, kernels.scan, cellCounts, cellStarts, cellCount + 1);
  const group = bindBuffers(gpu, kernels.cells, [particles.params, particles.positions, cellCounts, slotInCell, cellStarts, cellOrder]);
  return {
    cellStarts,
    cellOrder,
    encode(encoder) {
      encoder.clearBuffer(cellCounts);
      dispatch(encoder, kernels.cells, 'countParticles', group, groupsFor(n, 64));
      scan.encode(encoder);
      dispatch(encoder, kernels.cells, 'scatterParticles', group, groupsFor(n, 64));
      dispatch(encoder, kernels.cells, 'sortCells', group, groupsFor(cellCount, 64));
    },
    destroy() {
      scan.destroy();
      for (const b of [cellCounts, cellStarts, slotInCell, cellOrder]) b.destroy();
    },
  };
}
