// The particle state on the GPU: positions in 64-bit fixed point, diameters and species, and the SystemParams uniform.
import type { Configuration } from '../physics/configuration.ts';
import type { Box } from '../physics/space.ts';
import { checkDispatchFits, type GpuContext } from './device.ts';
import { decodePositions, encodePositions } from './fixedPoint.ts';
import { readBack, storageBuffer, uniformBuffer } from './kernels.ts';
import { cellGrid, packSystemParams, SYSTEM_PARAMS_BYTES, type CellGrid } from './systemParams.ts';

export interface ParticleBuffers {
  readonly count: number;
  readonly box: Box;
  readonly grid: CellGrid;
  readonly skin: number;
  /** struct SystemParams (shaders/system.wgsl). */
  readonly params: GPUBuffer;
  /** 2·N·D u32: (hi, lo) per coordinate, particle-major (src/gpu/fixedPoint.ts). */
  readonly positions: GPUBuffer;
  /** struct Particle per particle: diameter (f32), species (u32). */
  readonly traits: GPUBuffer;
  writeParams(neighborCapacity: number): void;
  /** Upload float64 positions (any values: they are wrapped into the box). */
  uploadPositions(positions: Float64Array): void;
  /** Download positions, wrapped into [0, L). */
  readPositions(): Promise<Float64Array>;
  /** Download the fixed-point words themselves (bit-exact state). */
  readFixedPositions(): Promise<Uint32Array>;
  destroy(): void;
}

function packTraits(c: Configuration): ArrayBuffer {
  const n = c.diameters.length;
  const bytes = new ArrayBuffer(8 * n);
  const f = new Float32Array(bytes);
  const u = new Uint32Array(bytes);
  for (let i = 0; i < n; i++) {
    f[2 * i] = c.diameters[i];
    u[2 * i + 1] = c.species[i];
  }
  return bytes;
}

export function createParticleBuffers(gpu: GpuContext, c: Configuration, searchRadius: number, skin: number): ParticleBuffers {
  const n = c.diameters.length;
  const { box } = c;
  const d = box.dim;
  const grid = cellGrid(box, searchRadius, n);
  checkDispatchFits(gpu, Math.ceil(n / 64), `a system of ${n} particles`);
  checkDispatchFits(gpu, Math.ceil(grid.cellCount / 64), `a cell grid of ${grid.cellCount} cells`);
  const params = uniformBuffer(gpu, 'system params', SYSTEM_PARAMS_BYTES);
  const positions = storageBuffer(gpu, 'positions (fixed point)', 8 * n * d);
  const traits = storageBuffer(gpu, 'particles (diameter, species)', 8 * n);
  gpu.device.queue.writeBuffer(traits, 0, packTraits(c));
  const buffers: ParticleBuffers = {
    count: n, box, grid, skin, params, positions, traits,
    writeParams(neighborCapacity) {
      gpu.device.queue.writeBuffer(params, 0, packSystemParams({ box, particleCount: n, grid, neighborCapacity, skin }));
    },
    uploadPositions(x) {
      if (x.length !== n * d) throw new Error(`expected ${n * d} coordinates (N·D), got ${x.length}`);
      gpu.assertAlive();
      gpu.device.queue.writeBuffer(positions, 0, encodePositions(box, x));
    },
    async readFixedPositions() {
      return new Uint32Array(await readBack(gpu, positions, 8 * n * d));
    },
    async readPositions() {
      return decodePositions(box, await buffers.readFixedPositions());
    },
    destroy() {
      for (const b of [params, positions, traits]) b.destroy();
    },
  };
  buffers.uploadPositions(c.positions);
  return buffers;
}
