// The GPU state of a Monte Carlo sampler: the McParams and McPass uniforms, positions, particles, diameter labels, tallies,
// their backups for a replay, and the two cell-list buffers with the bind groups that read one and write the other.
import type { Configuration } from '../../physics/configuration.ts';
import type { GpuContext } from '../device.ts';
import { encodePositions } from '../fixedPoint.ts';
import { readBack, storageBuffer, uniformBuffer } from '../kernels.ts';
import type { CheckerboardGrid } from './checkerboard.ts';
import { TALLY_WORDS } from './mcCounts.ts';
import { MC_PARAMS_BYTES, packMcParams, type McParams } from './params.ts';
import { PASS_SLOT_BYTES } from './schedule.ts';

/** struct Particle per particle: diameter (f32), species (u32). */
function packParticles(c: Configuration): ArrayBuffer {
  const n = c.diameters.length;
  const bytes = new ArrayBuffer(8 * n);
  const f = new Float32Array(bytes), u = new Uint32Array(bytes);
  for (let i = 0; i < n; i++) { f[2 * i] = c.diameters[i]; u[2 * i + 1] = c.species[i]; }
  return bytes;
}

export class McBuffers {
  readonly params: GPUBuffer;
  /** One McPass slot per color pass of a batch (PASS_SLOT_BYTES apart). */
  readonly passSlots: GPUBuffer;
  readonly positions: GPUBuffer;
  readonly particles: GPUBuffer;
  readonly labels: GPUBuffer;
  readonly tallies: GPUBuffer;
  /** Copies of positions, particles and labels at the start of the batch, for a replay. */
  private readonly backups: GPUBuffer[];
  private bins: GPUBuffer[] = [];
  /** Bind group p reads bins[p] as the current cell lists and writes bins[1 − p] as the next. */
  groups: GPUBindGroup[] = [];
  /** Which of the two cell-list buffers is current. */
  parity = 0;
  /** Member slots per cell of the cell lists now. */
  capacity = 0;

  constructor(private readonly gpu: GpuContext, private readonly layout: GPUBindGroupLayout, c: Configuration, grid: CheckerboardGrid, sweepsPerBatch: number) {
    const n = c.diameters.length, d = c.box.dim;
    this.params = uniformBuffer(gpu, 'mc params', MC_PARAMS_BYTES);
    this.passSlots = gpu.device.createBuffer({
      label: 'mc passes', size: sweepsPerBatch * grid.colorCount * PASS_SLOT_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.positions = storageBuffer(gpu, 'mc positions (fixed point)', 8 * n * d);
    this.particles = storageBuffer(gpu, 'mc particles (diameter, species)', 8 * n);
    this.labels = storageBuffer(gpu, 'mc diameter labels', 4 * n);
    this.tallies = storageBuffer(gpu, 'mc tallies and energies', 4 * (TALLY_WORDS + n));
    this.backups = this.state().map((b) => storageBuffer(gpu, `${b.label} backup`, b.size));
    const queue = gpu.device.queue;
    queue.writeBuffer(this.positions, 0, encodePositions(c.box, c.positions));
    queue.writeBuffer(this.particles, 0, packParticles(c));
    queue.writeBuffer(this.labels, 0, Uint32Array.from({ length: n }, (_, i) => i));
  }

  /** What a trial changes: positions, particles (diameters) and labels. */
  private state(): GPUBuffer[] {
    return [this.positions, this.particles, this.labels];
  }

  writeParams(p: Omit<McParams, 'capacity'>): void {
    this.gpu.device.queue.writeBuffer(this.params, 0, packMcParams({ ...p, capacity: this.capacity }));
  }

  /** New cell-list buffers of `capacity` slots per cell, `current` uploaded as the current one, and their bind groups. */
  installBins(current: Uint32Array<ArrayBuffer>, capacity: number, grid: CheckerboardGrid): void {
    for (const b of this.bins) b.destroy();
    this.capacity = capacity;
    const bytes = 4 * grid.cellCount * (capacity + 1);
    this.bins = [storageBuffer(this.gpu, 'mc cells A', bytes), storageBuffer(this.gpu, 'mc cells B', bytes)];
    this.gpu.device.queue.writeBuffer(this.bins[this.parity], 0, current);
    this.groups = [0, 1].map((p) => this.gpu.device.createBindGroup({
      label: `monte carlo ${p}`,
      layout: this.layout,
      entries: [
        { binding: 0, resource: { buffer: this.params } },
        { binding: 1, resource: { buffer: this.passSlots, size: PASS_SLOT_BYTES } },
        ...[this.positions, this.particles, this.labels, this.bins[p], this.bins[1 - p], this.tallies].map((buffer, k) => ({ binding: 2 + k, resource: { buffer } })),
      ],
    }));
  }

  /** Before a batch: the state copied into its backups, the tally counters zeroed. */
  encodeBatchStart(encoder: GPUCommandEncoder): void {
    this.state().forEach((b, k) => encoder.copyBufferToBuffer(b, 0, this.backups[k], 0, b.size));
    encoder.clearBuffer(this.tallies, 0, 4 * TALLY_WORDS);
  }

  /** Copy the backups back into the state (to replay a batch). */
  encodeRestore(encoder: GPUCommandEncoder): void {
    this.state().forEach((b, k) => encoder.copyBufferToBuffer(this.backups[k], 0, b, 0, b.size));
  }

  readTallies(): Promise<Uint32Array> {
    return readBack(this.gpu, this.tallies, 4 * TALLY_WORDS).then((b) => new Uint32Array(b));
  }

  /** The n per-particle energies after the tally words. */
  readEnergies(n: number): Promise<Float32Array> {
    return readBack(this.gpu, this.tallies, 4 * n, 4 * TALLY_WORDS).then((b) => new Float32Array(b));
  }

  readPositionWords(words: number): Promise<Uint32Array> {
    return readBack(this.gpu, this.positions, 4 * words).then((b) => new Uint32Array(b));
  }

  readLabels(n: number): Promise<Uint32Array> {
    return readBack(this.gpu, this.labels, 4 * n).then((b) => new Uint32Array(b));
  }

  /** The current cell lists (per cell: count, then capacity member slots). */
  readCellLists(cellCount: number): Promise<Uint32Array> {
    return readBack(this.gpu, this.bins[this.parity], 4 * cellCount * (this.capacity + 1)).then((b) => new Uint32Array(b));
  }

  destroy(): void {
    for (const b of [this.params, this.passSlots, ...this.state(), this.tallies, ...this.backups, ...this.bins]) b.destroy();
  }
}
