// The GPU Verlet list: built from the cell list with a fixed capacity per particle; an overflow is seen by the host and the
// list is rebuilt with more slots, so no pair is ever dropped (docs/ARCHITECTURE.md hazard 4). Rebuilt when a particle moved > skin/2.
import { ballVolume } from '../physics/space.ts';
import type { GpuContext } from './device.ts';
import { createCellList, type GpuCellList } from './cellList.ts';
import { bindBuffers, createKernelFamily, dispatch, groupsFor, readBack, storageBuffer, type KernelFamily } from './kernels.ts';
import type { ParticleBuffers } from './particles.ts';
import { loadShader } from './shaderSource.ts';

export function createNeighborKernels(gpu: GpuContext, preamble: string): Promise<KernelFamily> {
  return loadShader('neighbors').then((code) =>
    createKernelFamily(gpu, 'neighbors', preamble + code,
      ['uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'storage', 'storage', 'storage', 'storage'],
      ['buildNeighborList', 'largestDisplacement']));
}

/** Slots per particle to start with: 1.3× the mean count of partners within the search radius at the box's number density, + 8. */
export function estimatedCapacity(particles: ParticleBuffers, searchRadius: number): number {
  let volume = 1;
  for (let a = 0; a < particles.box.dim; a++) volume *= particles.box.lengths[a];
  const expected = (particles.count / volume) * ballVolume(particles.box.dim, searchRadius);
  return Math.min(particles.count, Math.ceil(1.3 * expected) + 8);
}

export interface GpuNeighborList {
  /** Slot k of particle i at k·N + i, valid for k < min(count_i, capacity): slotWords u32 each, the partner j first. */
  readonly neighbors: GPUBuffer;
  /** 1 (j) for plain lists; 2 (j, try of the pair's shift) for Mari–Kurchan lists (src/gpu/mariKurchan/shiftedNeighborList.ts). */
  readonly slotWords: number;
  /** Buffers the force kernel's partner snippet binds after its own (bindings 9 …): none for plain pairs; r⁰ and ShiftParams for Mari–Kurchan. */
  readonly partnerBuffers: readonly GPUBuffer[];
  /** Mari–Kurchan lists: pairs whose accepted try the host resolved in float64. */
  readonly resolvedPairs?: number;
  readonly neighborCounts: GPUBuffer;
  /** Positions at the last build (fixed point, as `positions`): what displacements are measured from. */
  readonly reference: GPUBuffer;
  readonly capacity: number;
  /** Builds so far, and how many of them overflowed and were repeated with more slots. */
  readonly builds: number;
  readonly overflows: number;
  /** Largest neighbor count at the last build. */
  readonly largestCount: number;
  /** Build the list from the current positions; repeats with a larger capacity until nothing overflows. */
  build(): Promise<void>;
  /** Largest |Δr|² of any particle since the last build (one GPU reduction, one 4-byte readback). */
  largestDisplacement2(): Promise<number>;
  destroy(): void;
}

interface Kernels { cells: KernelFamily; scan: KernelFamily; neighbors: KernelFamily }

// mirrors src/physics/neighbors.ts buildNeighborList (full instead of half list) with an overflow check instead of growing arrays.
export function createNeighborList(gpu: GpuContext, kernels: Kernels, particles: ParticleBuffers, initialCapacity: number): GpuNeighborList {
  const n = particles.count;
  const d = particles.box.dim;
  const cells: GpuCellList = createCellList(gpu, kernels, particles);
  const neighborCounts = storageBuffer(gpu, 'neighbor counts', 4 * n);
  const reference = storageBuffer(gpu, 'reference positions', 8 * n * d);
  const status = storageBuffer(gpu, 'neighbor status', 8);
  let capacity = Math.max(1, Math.floor(initialCapacity));
  let neighbors: GPUBuffer;
  try {
    neighbors = storageBuffer(gpu, 'neighbors', 4 * n * capacity);
  } catch (e) {
    cells.destroy();
    for (const b of [neighborCounts, reference, status]) b.destroy();
    throw e;
  }
  const bind = () => bindBuffers(gpu, kernels.neighbors,
    [particles.params, particles.positions, particles.traits, cells.cellStarts, cells.cellOrder, neighbors, neighborCounts, reference, status]);
  let group = bind();
  particles.writeParams(capacity);

  const grow = (needed: number) => {
    const larger = Math.min(n, Math.ceil(1.25 * needed));
    const next = storageBuffer(gpu, 'neighbors', 4 * n * larger); // a clear error if the list cannot fit; the old one stays valid
    neighbors.destroy();
    neighbors = next;
    capacity = larger;
    group = bind();
    particles.writeParams(capacity);
  };

  const list = {
    get neighbors() { return neighbors; },
    slotWords: 1,
    partnerBuffers: [],
    neighborCounts,
    reference,
    get capacity() { return capacity; },
    builds: 0,
    overflows: 0,
    largestCount: 0,
    async build() {
      for (;;) {
        gpu.assertAlive();
        const encoder = gpu.device.createCommandEncoder({ label: 'neighbor list build' });
        cells.encode(encoder);
        encoder.clearBuffer(status);
        dispatch(encoder, kernels.neighbors, 'buildNeighborList', group, groupsFor(n, 64));
        gpu.device.queue.submit([encoder.finish()]);
        const largest = new Uint32Array(await readBack(gpu, status, 4))[0];
        list.builds++;
        list.largestCount = largest;
        if (largest <= capacity) return;
        list.overflows++;
        grow(largest);
      }
    },
    async largestDisplacement2() {
      gpu.assertAlive();
      const encoder = gpu.device.createCommandEncoder({ label: 'displacement check' });
      encoder.clearBuffer(status, 4, 4);
      dispatch(encoder, kernels.neighbors, 'largestDisplacement', group, groupsFor(n, 64));
      gpu.device.queue.submit([encoder.finish()]);
      return new Float32Array(await readBack(gpu, status, 4, 4))[0];
    },
    destroy() {
      cells.destroy();
      for (const b of [neighbors, neighborCounts, reference, status]) b.destroy();
    },
  };
  return list;
}
