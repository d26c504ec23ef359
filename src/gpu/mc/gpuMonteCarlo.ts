// Parallel swap Monte Carlo on the GPU (000 App. A.1a moves; Anderson et al. 2013 checkerboard; HOOMD HPMC), mirroring the
// serial engine src/physics/mc (initMonteCarlo / monteCarloSweep over a state): GpuMonteCarlo.create uploads a configuration,
// sweeps(k) advances it, readConfiguration() brings it back.
//
// What one GPU sweep is (schedule: src/gpu/mc/schedule.ts; trials: shaders/mcsweep.wgsl):
// 1. a grid origin drawn uniformly over the box, and the cell lists of that grid (m_a cells per axis, m_a even, each cell at
//    least x_c·s_max wide: src/gpu/mc/checkerboard.ts), rebuilt from the previous sweep's (shaders/mccells.wgsl);
// 2. the 2^D colors of the checkerboard in a random order; in each color pass the active cells are paired by a random
//    reflection of their sublattice, and every pair (A, B) makes (n_A + n_B)·trialsPerParticle trials on its own particles,
//    in sequence, all pairs at once.
// Every cell is active in exactly one pass, so a sweep is exactly N·trialsPerParticle trials: N by default, the serial
// engine's sweep (PHYSICS.md §2). Each trial is the serial trial — a swap with probability P_swap (two distinct particles,
// exchanged if |d_i − d_j| < 0.2), else a displacement uniform in ±δ_max per axis, Metropolis min(1, e^{−ΔE/T}) — except
// that (i) its particles are drawn from the cell pair instead of the whole system, and (ii) a displacement that would leave
// its cell is rejected (counted in displacementLeftCell, ≈ 6% of displacements for soft2d at δ_max = 0.12). Equilibrium
// averages are the serial engine's (test/gpu/mcEquilibrium.test.ts); the dynamics per sweep differs, and within a sweep a
// particle stays in its cell, so consecutive sweeps are more correlated than serial ones for tiny systems.
import { cloneConfiguration, validateConfiguration, type Configuration } from '../../physics/configuration.ts';
import type { AcceptanceRates, MonteCarloCounts, MonteCarloOptions } from '../../physics/mc/swapMonteCarlo.ts';
import { validateTemperature } from '../../physics/mc/swapMonteCarlo.ts';
import type { Model } from '../../physics/models.ts';
import { validateSeed } from '../../physics/rng.ts';
import { wrapPositions, type Box } from '../../physics/space.ts';
import { acquireGpu, checkDispatchFits, type GpuContext } from '../device.ts';
import { decodePositions, encodePositions } from '../fixedPoint.ts';
import { groupsFor, readBack, storageBuffer, uniformBuffer } from '../kernels.ts';
import { GPU_MONTE_CARLO_STREAM } from '../philox.ts';
import { buildBins, checkerboardGrid, initialCapacity, type CheckerboardGrid } from './checkerboard.ts';
import { mcKernels, type McKernels } from './mcKernels.ts';
import { MC_PARAMS_BYTES, packMcParams } from './params.ts';
import { packPassSlots, PASS_SLOT_BYTES, shiftBefore, sweepSchedule } from './schedule.ts';

export interface GpuMonteCarloOptions extends MonteCarloOptions {
  /** A device to share; by default the sampler acquires its own and destroys it in destroy(). */
  gpu?: GpuContext;
  /** Trials per particle per sweep (default 1: a sweep is N trials, as in the serial engine). */
  trialsPerParticle?: number;
  /** Swaps also between randomly paired cells of one color (default true); false keeps swaps inside a cell. */
  pairCells?: boolean;
  /** Sweeps encoded per submission (default 64); the acceptance counters are read back once per batch. */
  sweepsPerBatch?: number;
  /**
   * Member slots per cell to start with (default: initialCapacity), raised to the fullest initial cell if smaller; too few
   * only costs a replay of the batch.
   */
  cellCapacity?: number;
}

/** The serial engine's counts, plus what only the checkerboard has. */
export interface GpuMonteCarloCounts extends MonteCarloCounts {
  /** Displacement trials rejected because the trial position left the particle's cell (included in displacementAttempted). */
  displacementLeftCell: number;
  /** Swap trials in a cell pair holding a single particle (no exchange possible; not in the serial engine's counts). */
  swapNoPartner: number;
  /** Batches replayed from their start because a cell outgrew its slots (the results are those of a large enough capacity). */
  replays: number;
}

/** Tally indices of shaders/mcbindings.wgsl (TALLY_*). */
const TALLY_WORDS = 8;
const LARGEST_OVERFLOW = 6;
/** Snapshots held on the GPU before they are read back (choice: 32 MiB). */
const SNAPSHOT_BYTES = 32 * 2 ** 20;

function validateChoice(name: string, value: number, ok: boolean): number {
  if (!ok) throw new Error(`${name} is invalid: ${value}`);
  return value;
}

/** struct Particle per particle: diameter (f32), species (u32). */
function packParticles(c: Configuration): ArrayBuffer {
  const n = c.diameters.length;
  const bytes = new ArrayBuffer(8 * n);
  const f = new Float32Array(bytes), u = new Uint32Array(bytes);
  for (let i = 0; i < n; i++) { f[2 * i] = c.diameters[i]; u[2 * i + 1] = c.species[i]; }
  return bytes;
}

/** Where a batch copies its snapshots: slotAfter(k) is the slot written after the batch's k-th sweep, or −1 for none. */
interface Snapshots { buffer: GPUBuffer; bytesEach: number; slotAfter: (sweep: number) => number }

export class GpuMonteCarlo {
  readonly model: Model;
  readonly box: Box;
  readonly n: number;
  readonly grid: CheckerboardGrid;
  readonly temperature: number;
  readonly seed: number;
  readonly swapProbability: number;
  readonly maxDisplacement: number;
  readonly maxSwapDiameterDifference: number;
  readonly trialsPerParticle: number;
  readonly pairCells: boolean;
  /** Sweeps done so far; sweep s uses the random numbers of counter word 0 = s. */
  sweepCount = 0;
  readonly counts: GpuMonteCarloCounts = {
    displacementAttempted: 0, displacementAccepted: 0, swapAttempted: 0, swapAccepted: 0, swapNotAttempted: 0,
    displacementLeftCell: 0, swapNoPartner: 0, replays: 0,
  };
  private capacityNow: number;
  /** Which of the two cell-list buffers is current. */
  private parity = 0;
  private bins: GPUBuffer[] = [];
  private groups: GPUBindGroup[] = [];
  private readonly sweepsPerBatch: number;
  private readonly params: GPUBuffer;
  private readonly passSlots: GPUBuffer;
  private readonly positions: GPUBuffer;
  private readonly particles: GPUBuffer;
  private readonly labels: GPUBuffer;
  private readonly tallies: GPUBuffer;
  /** Copies of positions, particles and labels at the start of the batch, for a replay. */
  private readonly backups: GPUBuffer[];
  private readonly initialDiameters: Float64Array;
  private readonly species: Uint8Array;

  private constructor(
    readonly gpu: GpuContext,
    private readonly ownsDevice: boolean,
    private readonly kernels: McKernels,
    model: Model,
    c: Configuration,
    grid: CheckerboardGrid,
    settings: {
      temperature: number; seed: number; swapProbability: number; maxDisplacement: number; maxSwapDiameterDifference: number;
      trialsPerParticle: number; pairCells: boolean; sweepsPerBatch: number; capacity: number;
    },
  ) {
    this.model = model;
    this.box = c.box;
    this.n = c.diameters.length;
    this.grid = grid;
    this.temperature = settings.temperature;
    this.seed = settings.seed;
    this.swapProbability = settings.swapProbability;
    this.maxDisplacement = settings.maxDisplacement;
    this.maxSwapDiameterDifference = settings.maxSwapDiameterDifference;
    this.trialsPerParticle = settings.trialsPerParticle;
    this.pairCells = settings.pairCells;
    this.sweepsPerBatch = settings.sweepsPerBatch;
    this.capacityNow = settings.capacity;
    this.initialDiameters = c.diameters.slice();
    this.species = c.species.slice();
    const n = this.n, d = this.box.dim;
    this.params = uniformBuffer(gpu, 'mc params', MC_PARAMS_BYTES);
    this.passSlots = gpu.device.createBuffer({
      label: 'mc passes', size: this.sweepsPerBatch * grid.colorCount * PASS_SLOT_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.positions = storageBuffer(gpu, 'mc positions (fixed point)', 8 * n * d);
    this.particles = storageBuffer(gpu, 'mc particles (diameter, species)', 8 * n);
    this.labels = storageBuffer(gpu, 'mc diameter labels', 4 * n);
    this.tallies = storageBuffer(gpu, 'mc tallies and energies', 4 * (TALLY_WORDS + n));
    this.backups = [this.positions, this.particles, this.labels].map((b) => storageBuffer(gpu, `${b.label} backup`, b.size));
    const queue = gpu.device.queue;
    queue.writeBuffer(this.positions, 0, encodePositions(c.box, c.positions));
    queue.writeBuffer(this.particles, 0, packParticles(c));
    queue.writeBuffer(this.labels, 0, Uint32Array.from({ length: n }, (_, i) => i));
    this.writeParams();
  }

  /** Upload the configuration (a copy; positions wrapped into the box) and its first cell lists. */
  static async create(model: Model, configuration: Configuration, options: GpuMonteCarloOptions): Promise<GpuMonteCarlo> {
    const temperature = validateTemperature(options.temperature);
    const seed = validateSeed(options.seed);
    const swapProbability = options.swapProbability ?? (model.swappable ? 0.2 : 0);
    validateChoice('swapProbability', swapProbability, swapProbability >= 0 && swapProbability <= 1);
    if (swapProbability > 0 && !model.swappable) throw new Error(`model ${model.name} has no continuous polydispersity: swap moves do not apply (set swapProbability = 0)`);
    const maxDisplacement = options.maxDisplacement ?? 0.12;
    const maxSwapDiameterDifference = options.maxSwapDiameterDifference ?? 0.2;
    validateChoice('maxSwapDiameterDifference', maxSwapDiameterDifference, maxSwapDiameterDifference >= 0 && Number.isFinite(maxSwapDiameterDifference));
    const trialsPerParticle = options.trialsPerParticle ?? 1;
    validateChoice('trialsPerParticle', trialsPerParticle, Number.isInteger(trialsPerParticle) && trialsPerParticle >= 1);
    const c = cloneConfiguration(validateConfiguration(configuration));
    if (c.box.dim !== model.dim) throw new Error(`model ${model.name} is ${model.dim}D but the configuration is ${c.box.dim}D`);
    if (c.box.dim > 4) throw new Error(`the GPU Monte Carlo supports 2, 3 or 4 dimensions, got ${c.box.dim}`);
    wrapPositions(c.box, c.positions);
    const n = c.diameters.length;
    const minSide = Math.min(...c.box.lengths);
    validateChoice('maxDisplacement', maxDisplacement, maxDisplacement >= 0 && maxDisplacement < minSide / 2);
    const grid = checkerboardGrid(c.box, model.potential.xc * model.maxSigma(c));
    const trialsPerSweep = n * trialsPerParticle;
    const sweepsPerBatch = Math.max(1, Math.min(options.sweepsPerBatch ?? 64, Math.floor(2 ** 31 / trialsPerSweep)));
    validateChoice('sweepsPerBatch', sweepsPerBatch, Number.isInteger(sweepsPerBatch));
    const words = encodePositions(c.box, c.positions);
    let capacity = options.cellCapacity ?? initialCapacity(grid, n);
    validateChoice('cellCapacity', capacity, Number.isInteger(capacity) && capacity >= 1);
    let first = buildBins(grid, words, shiftBefore(seed, 0, grid), capacity);
    if (!first.bins) { // an explicit capacity is raised just to the fullest cell (tests force overflows this way), the default with room
      capacity = first.largest + (options.cellCapacity === undefined ? 8 : 0);
      first = buildBins(grid, words, shiftBefore(seed, 0, grid), capacity);
    }
    const firstBins = first.bins;
    if (!firstBins) throw new Error('internal: the first cell lists do not fit their capacity');
    const gpu = options.gpu ?? (await acquireGpu());
    try {
      checkDispatchFits(gpu, groupsFor(grid.cellCount, 64), `a Monte Carlo grid of ${grid.cellCount} cells`);
      const kernels = await mcKernels(gpu, model);
      const mc = new GpuMonteCarlo(gpu, options.gpu === undefined, kernels, model, c, grid, {
        temperature, seed, swapProbability, maxDisplacement, maxSwapDiameterDifference, trialsPerParticle,
        pairCells: options.pairCells ?? true, sweepsPerBatch, capacity,
      });
      mc.installBins(firstBins);
      return mc;
    } catch (e) {
      if (options.gpu === undefined) gpu.destroy();
      throw e;
    }
  }

  /** Member slots per cell now (grows after an overflow). */
  get cellCapacity(): number {
    return this.capacityNow;
  }

  private writeParams(): void {
    this.gpu.device.queue.writeBuffer(this.params, 0, packMcParams({
      box: this.box, grid: this.grid, particleCount: this.n, capacity: this.capacityNow, temperature: this.temperature,
      swapProbability: this.swapProbability, maxDisplacement: this.maxDisplacement, maxSwapDiameterDifference: this.maxSwapDiameterDifference,
      trialsPerParticle: this.trialsPerParticle, seed: this.seed, stream: GPU_MONTE_CARLO_STREAM, pairCells: this.pairCells,
    }));
  }

  /** New cell-list buffers of the current capacity, `current` uploaded as the current one, and their bind groups. */
  private installBins(current: Uint32Array<ArrayBuffer>): void {
    for (const b of this.bins) b.destroy();
    const bytes = 4 * this.grid.cellCount * (this.capacityNow + 1);
    this.bins = [storageBuffer(this.gpu, 'mc cells A', bytes), storageBuffer(this.gpu, 'mc cells B', bytes)];
    this.gpu.device.queue.writeBuffer(this.bins[this.parity], 0, current);
    // Group p reads bins[p] as current and writes bins[1 − p] as next.
    this.groups = [0, 1].map((p) => this.gpu.device.createBindGroup({
      label: `monte carlo ${p}`,
      layout: this.kernels.layout,
      entries: [
        { binding: 0, resource: { buffer: this.params } },
        { binding: 1, resource: { buffer: this.passSlots, size: PASS_SLOT_BYTES } },
        ...[this.positions, this.particles, this.labels, this.bins[p], this.bins[1 - p], this.tallies].map((buffer, k) => ({ binding: 2 + k, resource: { buffer } })),
      ],
    }));
  }

  /** Advance by `sweeps` sweeps (N·trialsPerParticle trials each), submitted in batches; resolves when they are done. */
  async sweeps(sweeps: number): Promise<void> {
    if (!Number.isInteger(sweeps) || sweeps < 0) throw new Error(`sweeps must be a non-negative integer, got ${sweeps}`);
    for (let done = 0; done < sweeps;) {
      const count = Math.min(this.sweepsPerBatch, sweeps - done);
      await this.runBatch(count);
      done += count;
    }
  }

  /**
   * `samples` configurations, one after every `every` sweeps (so samples·every sweeps in all), copied on the GPU as the run
   * goes and read back once per batch (DESIGN.md hazard 6).
   */
  async sample(samples: number, every: number): Promise<Configuration[]> {
    if (!Number.isInteger(samples) || samples < 0) throw new Error(`samples must be a non-negative integer, got ${samples}`);
    if (!Number.isInteger(every) || every < 1) throw new Error(`every must be a positive integer, got ${every}`);
    const bytesEach = 8 * this.n * this.box.dim + 4 * this.n;
    const perBatch = Math.max(1, Math.min(Math.floor(this.sweepsPerBatch / every), Math.floor(SNAPSHOT_BYTES / bytesEach)));
    const buffer = storageBuffer(this.gpu, 'mc snapshots', bytesEach * Math.min(perBatch, Math.max(samples, 1)));
    const out: Configuration[] = [];
    try {
      while (out.length < samples) {
        const k = Math.min(perBatch, samples - out.length);
        const total = k * every;
        const lead = Math.max(0, total - this.sweepsPerBatch); // every > sweepsPerBatch: run the sweeps before the snapshot first
        if (lead > 0) await this.sweeps(lead);
        await this.runBatch(total - lead, { buffer, bytesEach, slotAfter: (sweep) => ((lead + sweep + 1) % every === 0 ? (lead + sweep + 1) / every - 1 : -1) });
        const raw = await readBack(this.gpu, buffer, bytesEach * k);
        for (let s = 0; s < k; s++) out.push(this.decodeSnapshot(raw, s * bytesEach));
      }
    } finally {
      buffer.destroy();
    }
    return out;
  }

  private decodeSnapshot(raw: ArrayBuffer, offset: number): Configuration {
    const d = this.box.dim, n = this.n;
    const words = new Uint32Array(raw, offset, 2 * n * d);
    const labels = new Uint32Array(raw, offset + 8 * n * d, n);
    return {
      box: this.box, positions: decodePositions(this.box, words),
      diameters: Float64Array.from(labels, (l) => this.initialDiameters[l]), species: this.species.slice(),
    };
  }

  /**
   * Encode and run sweeps sweepCount .. sweepCount + count − 1 in one submission (count ≤ sweepsPerBatch), with the
   * snapshots asked for, read the tallies back, and replay the batch from its start
   * with more cell slots if some cell overflowed: the counter-based random numbers make the replay the run a larger
   * capacity would have made.
   */
  private async runBatch(count: number, snapshots?: Snapshots): Promise<void> {
    if (count === 0) return;
    const { device } = this.gpu;
    const first = this.sweepCount;
    const schedules = Array.from({ length: count }, (_, k) => sweepSchedule(this.seed, first + k, this.grid));
    device.queue.writeBuffer(this.passSlots, 0, packPassSlots(schedules));
    const state = [this.positions, this.particles, this.labels];
    for (;;) {
      this.gpu.assertAlive();
      const encoder = device.createCommandEncoder({ label: 'mc sweeps' });
      state.forEach((b, k) => encoder.copyBufferToBuffer(b, 0, this.backups[k], 0, b.size));
      encoder.clearBuffer(this.tallies, 0, 4 * TALLY_WORDS);
      let parity = this.parity;
      let pass = encoder.beginComputePass({ label: 'mc sweeps' });
      const cellGroups = groupsFor(this.grid.cellCount, 64);
      const pairGroups = groupsFor(this.grid.sublatticeCount, 64);
      for (let k = 0; k < count; k++) {
        const slot = (p: number) => [(k * this.grid.colorCount + p) * PASS_SLOT_BYTES];
        pass.setPipeline(this.kernels.rebuildCells);
        pass.setBindGroup(0, this.groups[parity], slot(0));
        pass.dispatchWorkgroups(cellGroups);
        parity = 1 - parity;
        pass.setPipeline(this.kernels.sweepColor);
        for (let p = 0; p < this.grid.colorCount; p++) {
          pass.setBindGroup(0, this.groups[parity], slot(p));
          pass.dispatchWorkgroups(pairGroups);
        }
        const snapshot = snapshots ? snapshots.slotAfter(k) : -1;
        if (snapshots && snapshot >= 0) {
          pass.end();
          const at = snapshot * snapshots.bytesEach, positionBytes = 8 * this.n * this.box.dim;
          encoder.copyBufferToBuffer(this.positions, 0, snapshots.buffer, at, positionBytes);
          encoder.copyBufferToBuffer(this.labels, 0, snapshots.buffer, at + positionBytes, 4 * this.n);
          pass = encoder.beginComputePass({ label: 'mc sweeps' });
        }
      }
      pass.end();
      device.queue.submit([encoder.finish()]);
      const tally = new Uint32Array(await readBack(this.gpu, this.tallies, 4 * TALLY_WORDS));
      if (tally[LARGEST_OVERFLOW] === 0) {
        this.parity = parity;
        this.sweepCount += count;
        this.addTally(tally);
        return;
      }
      await this.restoreWithRoom(first, tally[LARGEST_OVERFLOW]);
    }
  }

  private addTally(t: Uint32Array): void {
    const c = this.counts;
    c.displacementAttempted += t[0];
    c.displacementAccepted += t[1];
    c.displacementLeftCell += t[2];
    c.swapAttempted += t[3];
    c.swapAccepted += t[4];
    c.swapNotAttempted += t[5];
    c.swapNoPartner += t[7];
  }

  /** Back to the batch's start, with at least `largest` + 8 slots per cell and the cell lists rebuilt on the host. */
  private async restoreWithRoom(firstSweep: number, largest: number): Promise<void> {
    const encoder = this.gpu.device.createCommandEncoder({ label: 'mc restore' });
    [this.positions, this.particles, this.labels].forEach((b, k) => encoder.copyBufferToBuffer(this.backups[k], 0, b, 0, b.size));
    this.gpu.device.queue.submit([encoder.finish()]);
    const words = await this.readFixedPositions();
    const shift = shiftBefore(this.seed, firstSweep, this.grid);
    let capacity = Math.max(2 * this.capacityNow, largest + 8);
    let built = buildBins(this.grid, words, shift, capacity);
    if (!built.bins) { capacity = built.largest + 8; built = buildBins(this.grid, words, shift, capacity); }
    if (!built.bins) throw new Error('internal: rebuilt cell lists do not fit their capacity');
    this.capacityNow = capacity;
    this.counts.replays++;
    this.writeParams();
    this.installBins(built.bins);
  }

  /** The current cell lists as stored (per cell: count, then capacity member slots), for tests against buildBins. */
  async readCellLists(): Promise<Uint32Array> {
    return new Uint32Array(await readBack(this.gpu, this.bins[this.parity], 4 * this.grid.cellCount * (this.capacityNow + 1)));
  }

  /** Positions as stored: (hi, lo) words per coordinate (src/gpu/fixedPoint.ts), bit-exact. */
  async readFixedPositions(): Promise<Uint32Array> {
    return new Uint32Array(await readBack(this.gpu, this.positions, 8 * this.n * this.box.dim));
  }

  /** The current configuration: positions decoded to float64 in [0, L), and the initial float64 diameters as swapped. */
  async readConfiguration(): Promise<Configuration> {
    const [words, labels] = await Promise.all([this.readFixedPositions(), readBack(this.gpu, this.labels, 4 * this.n).then((b) => new Uint32Array(b))]);
    return {
      box: this.box, positions: decodePositions(this.box, words),
      diameters: Float64Array.from(labels, (l) => this.initialDiameters[l]), species: this.species.slice(),
    };
  }

  // 000 App. A.1: E_i/2 = ½ Σ_j U_ij per particle, f32 on the GPU with the same pair energies as the trials.
  async particleEnergies(): Promise<Float32Array> {
    this.gpu.assertAlive();
    const encoder = this.gpu.device.createCommandEncoder({ label: 'mc energies' });
    const pass = encoder.beginComputePass({ label: 'mc energies' });
    pass.setPipeline(this.kernels.particleEnergies);
    pass.setBindGroup(0, this.groups[this.parity], [0]);
    pass.dispatchWorkgroups(groupsFor(this.grid.cellCount, 64));
    pass.end();
    this.gpu.device.queue.submit([encoder.finish()]);
    return new Float32Array(await readBack(this.gpu, this.tallies, 4 * this.n, 4 * TALLY_WORDS));
  }

  // 000 App. A.1: E/N, the f32 per-particle energies summed on the host in float64 (mirrors energyPerParticle of the serial engine).
  async energyPerParticle(): Promise<number> {
    let e = 0;
    for (const ei of await this.particleEnergies()) e += ei;
    return e / this.n;
  }

  /** Accepted / attempted since creation (mirrors acceptanceRates of src/physics/mc; displacements include those that left their cell). */
  acceptanceRates(): AcceptanceRates {
    const c = this.counts;
    return {
      displacement: c.displacementAttempted > 0 ? c.displacementAccepted / c.displacementAttempted : 0,
      swap: c.swapAttempted > 0 ? c.swapAccepted / c.swapAttempted : 0,
    };
  }

  /** Free the buffers, and the device if this sampler acquired it. */
  destroy(): void {
    for (const b of [this.params, this.passSlots, this.positions, this.particles, this.labels, this.tallies, ...this.backups, ...this.bins]) b.destroy();
    if (this.ownsDevice) this.gpu.destroy();
  }
}
