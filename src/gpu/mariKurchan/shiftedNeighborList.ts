// The GPU Verlet list of a Mari–Kurchan state (000 App. A.1d): an all-pairs kernel that regenerates every pair's shift from
// Philox (shaders/mkneighbors.wgsl) with the float64 planting's accepted try, so no shift is stored and the list's pairs and
// shifts are those of src/physics/mariKurchan/neighbors.ts. Once per state, the pairs whose f32 acceptance test is not certain
// are listed on the GPU and resolved on the host by the float64 sampler (shiftSampler), then looked up by the build.
import type { Configuration, PairShifts } from '../../physics/configuration.ts';
import { specPairEnergy } from '../../physics/mariKurchan/neighbors.ts';
import { shiftSampler } from '../../physics/mariKurchan/shifts.ts';
import type { Model } from '../../physics/models.ts';
import type { GpuContext } from '../device.ts';
import { encodePositions } from '../fixedPoint.ts';
import { bindBuffers, createKernelFamily, dispatch, groupsFor, readBack, storageBuffer, uniformBuffer, type KernelFamily } from '../kernels.ts';
import type { GpuNeighborList } from '../neighborList.ts';
import type { ParticleBuffers } from '../particles.ts';
import { loadShader } from '../shaderSource.ts';
import { packShiftParams, SHIFT_PARAMS_BYTES } from './shiftParams.ts';

export function createShiftedNeighborKernels(gpu: GpuContext, preamble: string): Promise<KernelFamily> {
  return loadShader('mkneighbors').then((code) =>
    createKernelFamily(gpu, 'shifted neighbors', preamble + code,
      ['uniform', 'read-only-storage', 'read-only-storage', 'storage', 'storage', 'storage', 'storage', 'read-only-storage', 'uniform', 'storage'],
      ['surveyUncertainPairs', 'buildShiftedNeighborList', 'largestDisplacement']));
}

export interface GpuShiftedNeighborList extends GpuNeighborList {
  /** r⁰ in fixed point, N·D (hi, lo). */
  readonly planted: GPUBuffer;
  /** struct ShiftParams (uniform). */
  readonly shiftParams: GPUBuffer;
  /** Pairs whose accepted try the host computed in float64 (their f32 acceptance test was not certain). */
  readonly resolvedPairs: number;
}

/** Entries of the uncertain/resolved pair table to start with (grown when the survey finds more). */
const INITIAL_PAIR_TABLE = 1024;

/**
 * The list of a planted state `c` (c.shifts required); `particles` holds its positions and diameters. The survey of uncertain
 * pairs runs here, once: O(N²) tries on the GPU, the host resolving only the pairs it lists.
 */
export async function createShiftedNeighborList(
  gpu: GpuContext, kernel: KernelFamily, particles: ParticleBuffers, model: Model, c: Configuration, initialCapacity: number,
  initialPairTable = INITIAL_PAIR_TABLE,
): Promise<GpuShiftedNeighborList> {
  const shifts: PairShifts | undefined = c.shifts;
  if (!shifts) throw new Error(`model ${model.name} needs the planted pair shifts of its state: plant one with equilibrate, or read a state file written for ${model.name}`);
  const n = particles.count;
  const d = particles.box.dim;
  const buffers: GPUBuffer[] = [];
  const own = (b: GPUBuffer) => { buffers.push(b); return b; };
  try {
    const neighborCounts = own(storageBuffer(gpu, 'neighbor counts', 4 * n));
    const reference = own(storageBuffer(gpu, 'reference positions', 8 * n * d));
    const status = own(storageBuffer(gpu, 'neighbor status', 16));
    const planted = own(storageBuffer(gpu, 'planted positions (fixed point)', 8 * n * d));
    gpu.device.queue.writeBuffer(planted, 0, encodePositions(particles.box, shifts.planted));
    const shiftParams = own(uniformBuffer(gpu, 'shift params', SHIFT_PARAMS_BYTES));
    let capacity = Math.max(1, Math.floor(initialCapacity));
    let neighbors = own(storageBuffer(gpu, 'neighbors (j, try)', 8 * n * capacity));
    let tableCapacity = Math.max(1, Math.floor(initialPairTable));
    let pairTable = own(storageBuffer(gpu, 'uncertain pairs', 16 * tableCapacity));
    const bind = () => bindBuffers(gpu, kernel,
      [particles.params, particles.positions, particles.traits, neighbors, neighborCounts, reference, status, planted, shiftParams, pairTable]);
    let group = bind();
    const run = async (entry: string, words: number): Promise<Uint32Array> => {
      gpu.assertAlive();
      const encoder = gpu.device.createCommandEncoder({ label: `shifted neighbors: ${entry}` });
      encoder.clearBuffer(status);
      dispatch(encoder, kernel, entry, group, groupsFor(n, 64));
      gpu.device.queue.submit([encoder.finish()]);
      return new Uint32Array(await readBack(gpu, status, 4 * words));
    };

    // the survey: every pair with an uncertain try, resolved by the float64 sampler (the same draws, the same accepted try)
    particles.writeParams(capacity);
    let found: number;
    for (;;) {
      gpu.device.queue.writeBuffer(shiftParams, 0, packShiftParams(shifts, 0, tableCapacity));
      found = (await run('surveyUncertainPairs', 4))[3];
      if (found <= tableCapacity) break;
      pairTable.destroy();
      tableCapacity = Math.ceil(1.25 * found);
      buffers[buffers.indexOf(pairTable)] = pairTable = storageBuffer(gpu, 'uncertain pairs', 16 * tableCapacity);
      group = bind();
    }
    const table = new Uint32Array(await readBack(gpu, pairTable, Math.max(16, 16 * found))).slice(0, 4 * found);
    const spec = { box: c.box, rule: model.rule, xc: model.potential.xc, diameters: c.diameters, species: c.species, maxSigma: model.maxSigma(c), skin: particles.skin };
    const sampler = shiftSampler(shifts, c.box, specPairEnergy(spec, model.potential.uOfX2));
    const s = new Float64Array(d);
    const entries: [number, number, number][] = [];
    for (let p = 0; p < found; p++) entries.push([table[4 * p], table[4 * p + 1], sampler.separation(table[4 * p], table[4 * p + 1], s) - 1]);
    entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const sorted = new Uint32Array(4 * tableCapacity);
    entries.forEach(([lo, hi, k], p) => sorted.set([lo, hi, k, 0], 4 * p));
    gpu.device.queue.writeBuffer(pairTable, 0, sorted);
    gpu.device.queue.writeBuffer(shiftParams, 0, packShiftParams(shifts, found, tableCapacity));

    const grow = (needed: number) => {
      const larger = Math.min(n, Math.ceil(1.25 * needed));
      const next = storageBuffer(gpu, 'neighbors (j, try)', 8 * n * larger); // a clear error if the list cannot fit; the old one stays valid
      neighbors.destroy();
      buffers[buffers.indexOf(neighbors)] = neighbors = next;
      capacity = larger;
      group = bind();
      particles.writeParams(capacity);
    };

    const list = {
      get neighbors() { return neighbors; },
      slotWords: 2,
      partnerBuffers: [planted, shiftParams],
      neighborCounts,
      reference,
      planted,
      shiftParams,
      resolvedPairs: found,
      get capacity() { return capacity; },
      builds: 0,
      overflows: 0,
      largestCount: 0,
      async build() {
        for (;;) {
          const words = await run('buildShiftedNeighborList', 3);
          if (words[2] !== 0) throw new Error(`${words[2]} pair shifts were neither decided on the GPU nor resolved by the host: a bug in src/gpu/mariKurchan`);
          list.builds++;
          list.largestCount = words[0];
          if (words[0] <= capacity) return;
          list.overflows++;
          grow(words[0]);
        }
      },
      async largestDisplacement2() {
        gpu.assertAlive();
        const encoder = gpu.device.createCommandEncoder({ label: 'displacement check' });
        encoder.clearBuffer(status, 4, 4);
        dispatch(encoder, kernel, 'largestDisplacement', group, groupsFor(n, 64));
        gpu.device.queue.submit([encoder.finish()]);
        return new Float32Array(await readBack(gpu, status, 4, 4))[0];
      },
      destroy() {
        for (const b of buffers) b.destroy();
      },
    };
    return list;
  } catch (e) {
    for (const b of buffers) b.destroy();
    throw e;
  }
}
