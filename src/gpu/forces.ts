// The WebGPU landscape: energy and forces of a pair model, mirroring src/physics/forces.ts (createLandscape, refreshNeighbors,
// energyAndForces) with positions in 64-bit fixed point, a GPU cell list and a full Verlet list, forces in f32.
import type { Configuration } from '../physics/configuration.ts';
import { DEFAULT_SKIN, type LandscapeOptions } from '../physics/forces.ts';
import type { Model } from '../physics/models.ts';
import type { Box } from '../physics/space.ts';
import { acquireGpu, type GpuContext } from './device.ts';
import { packSeparationUnits, SEPARATION_UNITS_BYTES, separationUnits } from './fixedPoint.ts';
import { bindBuffers, createKernelFamily, dispatch, groupsFor, perDeviceKernels, readBack, storageBuffer, uniformBuffer, type KernelFamily } from './kernels.ts';
import { createMotion, createMotionKernels, type GpuMotion } from './motion.ts';
import { createNeighborKernels, createNeighborList, estimatedCapacity, type GpuNeighborList } from './neighborList.ts';
import { createParticleBuffers, type ParticleBuffers } from './particles.ts';
import { createScanKernels } from './prefixSum.ts';
import { loadShader } from './shaderSource.ts';
import { createCellKernels } from './cellList.ts';
import { createShiftedNeighborKernels, createShiftedNeighborList } from './mariKurchan/shiftedNeighborList.ts';
import { modelWgsl } from './wgslModels.ts';

export interface GpuLandscapeOptions extends LandscapeOptions {
  /** A device to share; by default the landscape acquires its own and destroys it in destroy(). */
  gpu?: GpuContext;
  /** Neighbor slots per particle to start with (default: estimated from the density); too few only costs a rebuild. */
  neighborCapacity?: number;
  /** Mari–Kurchan: entries of the uncertain-pair table to start with (default 1024); too few only costs a second survey. */
  uncertainPairTable?: number;
}

/** The landscape's GPU buffers, for kernels that move particles or read forces inside a submission (src/gpu/descentRun.ts). */
export interface LandscapeBuffers {
  /** struct SystemParams (uniform). */
  readonly params: GPUBuffer;
  /** Fixed-point positions, 2·N·D u32. */
  readonly positions: GPUBuffer;
  /** f = −∇E of the last evaluation, N·D f32. */
  readonly forces: GPUBuffer;
  /** ½ Σ_j U_ij per particle, N f32. */
  readonly energies: GPUBuffer;
  /** Positions at the last neighbor-list build. */
  readonly reference: GPUBuffer;
  /** Per-particle (diameter, species), the neighbor slots and counts (the slots move to a new buffer when the list grows), and struct SeparationUnits. */
  readonly traits: GPUBuffer;
  readonly neighbors: GPUBuffer;
  readonly neighborCounts: GPUBuffer;
  readonly units: GPUBuffer;
}

/** Neighbor-list bookkeeping, for tests and benchmarks. */
export interface NeighborStats {
  builds: number;
  overflows: number;
  capacity: number;
  largestCount: number;
  /** Cells of the grid the list is built from (at most cellLimit(N), src/physics/cells.ts). */
  cells: number;
  /** Mari–Kurchan lists: pairs whose shift's accepted try the host resolved in float64 (src/gpu/mariKurchan/shiftedNeighborList.ts). */
  resolvedPairs?: number;
}

/** The WGSL every particle kernel starts with: the model's pair function, SystemParams and fixed-point helpers. */
export async function particlePreamble(model: Model): Promise<string> {
  const [system, fixedpoint] = await Promise.all([loadShader('system'), loadShader('fixedpoint')]);
  return `${modelWgsl(model)}\n${fixedpoint}\n${system}\n`;
}

// The force kernel with its partner snippet: plain pairs, or a Mari–Kurchan model's shifted pairs (+ r⁰ and ShiftParams, bindings 9–10).
function createForceKernels(gpu: GpuContext, preamble: string, shifted: boolean): Promise<KernelFamily> {
  return Promise.all([loadShader('forces'), loadShader(shifted ? 'mkpartner' : 'partner')]).then(([code, partner]) =>
    createKernelFamily(gpu, 'forces', `${preamble}${code}\n${partner}`,
      ['uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'storage', 'storage', 'uniform', 'read-only-storage',
        ...(shifted ? ['read-only-storage', 'uniform'] as const : [])], ['pairForces']));
}

/** The list's kernels: the cell-list build, or (Mari–Kurchan) the all-pairs scan of shaders/mkneighbors.wgsl. */
type ListKernels = { kind: 'cells'; scan: KernelFamily; cells: KernelFamily; neighbors: KernelFamily } | { kind: 'shifted'; shifted: KernelFamily };

interface LandscapeKernels { list: ListKernels; forces: KernelFamily; motion: KernelFamily }

/** Every kernel family of a landscape, compiled once per device and model. */
const landscapeKernels = perDeviceKernels((gpu: GpuContext, model: Model): Promise<LandscapeKernels> =>
  particlePreamble(model).then(async (preamble) => {
    const shifted = model.pairShifts === true;
    const listKernels: Promise<ListKernels> = shifted
      ? createShiftedNeighborKernels(gpu, preamble).then((k) => ({ kind: 'shifted', shifted: k }))
      : Promise.all([createScanKernels(gpu), createCellKernels(gpu, preamble), createNeighborKernels(gpu, preamble)])
        .then(([scan, cells, neighbors]) => ({ kind: 'cells', scan, cells, neighbors }));
    const [list, forces, motion] = await Promise.all([listKernels, createForceKernels(gpu, preamble, shifted), createMotionKernels(gpu, preamble)]);
    return { list, forces, motion };
  }));

// mirrors createLandscape: the same default skin (DEFAULT_SKIN·s_max), search radius x_c·s_max + skin, box at least twice that.
function searchGeometry(model: Model, c: Configuration, options: LandscapeOptions): { skin: number; searchRadius: number } {
  if (c.box.dim !== model.dim) throw new Error(`model ${model.name} is ${model.dim}D but the configuration is ${c.box.dim}D`);
  const maxSigma = model.maxSigma(c);
  const skin = options.skin ?? DEFAULT_SKIN * maxSigma;
  const searchRadius = model.potential.xc * maxSigma + skin;
  for (let a = 0; a < c.box.dim; a++) {
    if (c.box.lengths[a] < 2 * searchRadius) {
      throw new Error(`box side ${c.box.lengths[a].toFixed(4)} is smaller than twice the interaction range ${searchRadius.toFixed(4)}: use more particles`);
    }
  }
  return { skin, searchRadius };
}

export class GpuLandscape {
  readonly model: Model;
  readonly box: Box;
  readonly n: number;
  readonly skin: number;
  private readonly forces: GPUBuffer;
  private readonly energies: GPUBuffer;
  private readonly delta: GPUBuffer;
  /** struct SeparationUnits (shaders/separation.wgsl): the integer unit of the force kernel's exact r². */
  private readonly units: GPUBuffer;
  /** A halt word that stays 0: the force kernel's halt binding outside a quench. */
  private readonly neverHalted: GPUBuffer;
  private boundNeighbors: GPUBuffer | null = null;
  /** The force kernel's bind groups by the buffer whose first word it reads as the halt flag. */
  private boundForceGroups = new Map<GPUBuffer, GPUBindGroup>();

  private constructor(
    readonly gpu: GpuContext,
    private readonly ownsDevice: boolean,
    model: Model,
    private readonly particles: ParticleBuffers,
    private readonly list: GpuNeighborList,
    private readonly motion: GpuMotion,
    private readonly forceKernels: KernelFamily,
    searchRadius: number,
  ) {
    this.model = model;
    this.box = particles.box;
    this.n = particles.count;
    this.skin = particles.skin;
    this.forces = storageBuffer(gpu, 'forces', 4 * this.n * this.box.dim);
    this.energies = storageBuffer(gpu, 'particle energies', 4 * this.n);
    this.delta = storageBuffer(gpu, 'displacements', 4 * this.n * this.box.dim);
    // every interacting pair is closer than x_c·s_max = searchRadius − skin ≤ searchRadius along each axis
    this.units = uniformBuffer(gpu, 'separation units', SEPARATION_UNITS_BYTES);
    gpu.device.queue.writeBuffer(this.units, 0, packSeparationUnits(separationUnits(this.box, searchRadius)));
    this.neverHalted = storageBuffer(gpu, 'never halted', 16);
  }

  /** Upload the configuration and build the first neighbor list (mirrors createLandscape). */
  static async create(model: Model, c: Configuration, options: GpuLandscapeOptions = {}): Promise<GpuLandscape> {
    const { skin, searchRadius } = searchGeometry(model, c, options);
    const gpu = options.gpu ?? (await acquireGpu());
    const undo: (() => void)[] = [];
    try {
      const kernels = await landscapeKernels(gpu, model);
      const particles = createParticleBuffers(gpu, c, searchRadius, skin);
      undo.push(() => particles.destroy());
      const capacity = options.neighborCapacity ?? estimatedCapacity(particles, searchRadius);
      const list = kernels.list.kind === 'shifted'
        ? await createShiftedNeighborList(gpu, kernels.list.shifted, particles, model, c, capacity, options.uncertainPairTable)
        : createNeighborList(gpu, kernels.list, particles, capacity);
      undo.push(() => list.destroy());
      const land = new GpuLandscape(gpu, options.gpu === undefined, model, particles, list, createMotion(gpu, kernels.motion, particles), kernels.forces, searchRadius);
      undo.length = 0;
      undo.push(() => land.destroy());
      await list.build();
      return land;
    } catch (e) {
      for (const u of undo.reverse()) u();
      if (options.gpu === undefined) gpu.destroy();
      throw e;
    }
  }

  get neighborStats(): NeighborStats {
    const { builds, overflows, capacity, largestCount } = this.list;
    const { resolvedPairs } = this.list;
    return { builds, overflows, capacity, largestCount, cells: this.particles.grid.cellCount, ...(resolvedPairs !== undefined ? { resolvedPairs } : {}) };
  }

  /** Replace all positions (N·D, any values: wrapped into the box). The list is checked at the next evaluation. */
  updatePositions(positions: Float64Array): void {
    this.particles.uploadPositions(positions);
  }

  /** Positions as stored, decoded to float64 and wrapped into [0, L). */
  readPositions(): Promise<Float64Array> {
    return this.particles.readPositions();
  }

  // mirrors refreshNeighbors / needsRebuild: rebuild when some particle moved more than skin/2 since the last build.
  async refreshNeighbors(): Promise<boolean> {
    const limit = 0.5 * this.skin;
    if ((await this.list.largestDisplacement2()) <= limit * limit) return false;
    await this.list.build();
    return true;
  }

  /** Each particle's neighbor-list partners as stored on the GPU (for tests; slots beyond the capacity are not stored). */
  async readNeighbors(): Promise<Uint32Array[]> {
    return (await this.readNeighborSlots()).map((words) => words.filter((_, k) => k % this.list.slotWords === 0));
  }

  /** Each particle's slots, slotWords words each: j, or (Mari–Kurchan) j and the accepted try of the pair's shift. */
  async readNeighborSlots(): Promise<Uint32Array[]> {
    const n = this.n;
    const capacity = this.list.capacity;
    const w = this.list.slotWords;
    const [counts, slots] = await Promise.all([
      readBack(this.gpu, this.list.neighborCounts, 4 * n).then((b) => new Uint32Array(b)),
      readBack(this.gpu, this.list.neighbors, 4 * w * n * capacity).then((b) => new Uint32Array(b)),
    ]);
    return Array.from(counts, (count, i) => {
      const words = new Uint32Array(w * Math.min(count, capacity));
      for (let k = 0; k < words.length / w; k++) for (let m = 0; m < w; m++) words[w * k + m] = slots[w * (k * n + i) + m];
      return words;
    });
  }

  /** Positions as stored: (hi, lo) words per coordinate (src/gpu/fixedPoint.ts), bit-exact. */
  readFixedPositions(): Promise<Uint32Array> {
    return this.particles.readFixedPositions();
  }

  /** Force a rebuild of the neighbor list now. */
  rebuildNeighbors(): Promise<void> {
    return this.list.build();
  }

  /** The force kernel's bindings with `halt` as its halt flag, remade only when the neighbor list has grown into a new buffer. */
  private forceGroup(halt: GPUBuffer = this.neverHalted): GPUBindGroup {
    if (this.boundNeighbors !== this.list.neighbors) {
      this.boundNeighbors = this.list.neighbors;
      this.boundForceGroups.clear();
    }
    let group = this.boundForceGroups.get(halt);
    if (!group) {
      group = bindBuffers(this.gpu, this.forceKernels, [
        this.particles.params, this.particles.positions, this.particles.traits, this.list.neighbors, this.list.neighborCounts, this.forces, this.energies, this.units, halt,
        ...this.list.partnerBuffers,
      ]);
      this.boundForceGroups.set(halt, group);
    }
    return group;
  }

  get buffers(): LandscapeBuffers {
    return {
      params: this.particles.params, positions: this.particles.positions, forces: this.forces, energies: this.energies, reference: this.list.reference,
      traits: this.particles.traits, neighbors: this.list.neighbors, neighborCounts: this.list.neighborCounts, units: this.units,
    };
  }

  /**
   * Record the force kernel into a compute pass (with the list as it is now: rebuild between submissions, not inside one).
   * With `halt`, the kernel returns at once when that buffer's first word (a quench's control.halt) is not 0 when it runs,
   * so a kernel earlier in the pass can cancel it; a direct dispatch either way (no indirect dispatch and its validation).
   */
  encodeForces(pass: GPUComputePassEncoder, halt?: GPUBuffer): void {
    const pipeline = this.forceKernels.pipelines.get('pairForces');
    if (!pipeline) throw new Error('the force kernel family has no pairForces entry point');
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, this.forceGroup(halt));
    pass.dispatchWorkgroups(groupsFor(this.n, 64));
  }

  /** Submit the force kernel on the current positions and list, without reading anything back. */
  evaluateForces(): void {
    this.gpu.assertAlive();
    const encoder = this.gpu.device.createCommandEncoder({ label: 'pair forces' });
    dispatch(encoder, this.forceKernels, 'pairForces', this.forceGroup(), groupsFor(this.n, 64));
    this.gpu.device.queue.submit([encoder.finish()]);
  }

  /**
   * E and f = −∇E at the current positions (mirrors energyAndForces in src/physics/forces.ts). Forces come back as float64
   * copies of the f32 results; E is the float64 host sum of the f32 per-particle energies ½ Σ_j U_ij.
   */
  async energyAndForces(out: Float64Array = new Float64Array(this.n * this.box.dim)): Promise<{ energy: number; forces: Float64Array }> {
    await this.refreshNeighbors();
    this.evaluateForces();
    const [f, e] = await Promise.all([readBack(this.gpu, this.forces, 4 * this.n * this.box.dim), readBack(this.gpu, this.energies, 4 * this.n)]);
    out.set(new Float32Array(f));
    let energy = 0;
    for (const ei of new Float32Array(e)) energy += ei;
    return { energy, forces: out };
  }

  /** r += repeats × δ, δ (N·D) rounded to f32 and added to the fixed-point positions exactly each time. */
  displace(delta: Float64Array, repeats = 1): void {
    if (delta.length !== this.n * this.box.dim) throw new Error(`expected ${this.n * this.box.dim} displacement components, got ${delta.length}`);
    this.gpu.device.queue.writeBuffer(this.delta, 0, new Float32Array(delta));
    this.motion.displace(this.delta, 1, repeats);
  }

  // 000 Eq. (1), ζ = 1: r += Δt f with the forces of the last evaluation (one steepest-descent step, as steepestDescent's step).
  stepAlongForces(dt: number): void {
    this.motion.displace(this.forces, dt, 1);
  }

  /** Free the buffers, and the device if this landscape acquired it. */
  destroy(): void {
    this.list.destroy();
    this.motion.destroy();
    this.particles.destroy();
    for (const b of [this.forces, this.energies, this.delta, this.units, this.neverHalted]) b.destroy();
    if (this.ownsDevice) this.gpu.destroy();
  }
}
