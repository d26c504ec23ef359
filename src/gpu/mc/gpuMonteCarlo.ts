// Parallel swap Monte Carlo on the GPU (000 App. A.1a moves; Anderson et al. 2013 checkerboard; HOOMD HPMC), mirroring the
// serial engine src/physics/mc (initMonteCarlo / monteCarloSweep over a state): GpuMonteCarlo.create uploads a configuration,
// sweeps(k) advances it, readConfiguration() brings it back.
//
// What one GPU sweep is, and how it differs from a serial one: src/gpu/mc/mcDispatch.ts.
import type { Configuration } from '../../physics/configuration.ts';
import type { AcceptanceRates } from '../../physics/mc/swapMonteCarlo.ts';
import type { Model } from '../../physics/models.ts';
import type { Box } from '../../physics/space.ts';
import { acquireGpu, checkDispatchFits, type GpuContext } from '../device.ts';
import { encodePositions } from '../fixedPoint.ts';
import { groupsFor, readBack } from '../kernels.ts';
import { GPU_MONTE_CARLO_STREAM } from '../philox.ts';
import type { CheckerboardGrid } from './checkerboard.ts';
import { firstBins, roomierBins, type FittedBins } from './mcBinning.ts';
import { McBuffers } from './mcBuffers.ts';
import { acceptanceRatesOf, addTallies, LARGEST_OVERFLOW, zeroCounts, type GpuMonteCarloCounts } from './mcCounts.ts';
import { encodeParticleEnergies, encodeSweeps } from './mcDispatch.ts';
import { mcKernels, type McKernels } from './mcKernels.ts';
import { resolveStart, type GpuMonteCarloOptions, type McSettings, type McStart } from './mcOptions.ts';
import { decodeState, SnapshotBuffer, type McHostState, type Snapshots } from './mcReadback.ts';
import type { McTrialSettings } from './params.ts';
import { packPassSlots, sweepSchedule } from './schedule.ts';

export type { GpuMonteCarloCounts } from './mcCounts.ts';
export type { GpuMonteCarloOptions } from './mcOptions.ts';

export class GpuMonteCarlo implements McTrialSettings {
  readonly model: Model;
  readonly box: Box;
  readonly n: number;
  readonly grid: CheckerboardGrid;
  /** Sweeps done so far; sweep s uses the random numbers of counter word 0 = s. */
  sweepCount = 0;
  readonly counts: GpuMonteCarloCounts = zeroCounts();
  private readonly settings: McSettings;
  private readonly host: McHostState;
  private readonly buffers: McBuffers;

  private constructor(readonly gpu: GpuContext, private readonly ownsDevice: boolean, private readonly kernels: McKernels, model: Model, start: McStart, bins: FittedBins) {
    const { configuration: c, grid, settings } = start;
    this.model = model;
    this.box = c.box;
    this.n = c.diameters.length;
    this.grid = grid;
    this.settings = settings;
    this.host = { box: c.box, initialDiameters: c.diameters.slice(), species: c.species.slice() };
    this.buffers = new McBuffers(gpu, kernels.layout, c, grid, settings.sweepsPerBatch);
    this.installBins(bins);
  }

  /** Upload the configuration (a copy; positions wrapped into the box) and its first cell lists. */
  static async create(model: Model, configuration: Configuration, options: GpuMonteCarloOptions): Promise<GpuMonteCarlo> {
    const start = resolveStart(model, configuration, options);
    const { configuration: c, grid, settings } = start;
    const bins = firstBins(grid, encodePositions(c.box, c.positions), settings.seed, settings.cellCapacity);
    const gpu = options.gpu ?? (await acquireGpu());
    try {
      checkDispatchFits(gpu, groupsFor(grid.cellCount, 64), `a Monte Carlo grid of ${grid.cellCount} cells`);
      const kernels = await mcKernels(gpu, model);
      return new GpuMonteCarlo(gpu, options.gpu === undefined, kernels, model, start, bins);
    } catch (e) {
      if (options.gpu === undefined) gpu.destroy();
      throw e;
    }
  }

  get temperature(): number { return this.settings.temperature; }
  get seed(): number { return this.settings.seed; }
  get swapProbability(): number { return this.settings.swapProbability; }
  get maxDisplacement(): number { return this.settings.maxDisplacement; }
  get maxSwapDiameterDifference(): number { return this.settings.maxSwapDiameterDifference; }
  get trialsPerParticle(): number { return this.settings.trialsPerParticle; }
  get pairCells(): boolean { return this.settings.pairCells; }

  /** Member slots per cell now (grows after an overflow). */
  get cellCapacity(): number {
    return this.buffers.capacity;
  }

  /** New cell lists (and their capacity) as the current ones, and the McParams that go with them. */
  private installBins({ bins, capacity }: FittedBins): void {
    this.buffers.installBins(bins, capacity, this.grid);
    this.buffers.writeParams({ ...this.settings, box: this.box, grid: this.grid, particleCount: this.n, stream: GPU_MONTE_CARLO_STREAM });
  }

  /** Advance by `sweeps` sweeps (N·trialsPerParticle trials each), submitted in batches; resolves when they are done. */
  async sweeps(sweeps: number): Promise<void> {
    if (!Number.isInteger(sweeps) || sweeps < 0) throw new Error(`sweeps must be a non-negative integer, got ${sweeps}`);
    for (let done = 0; done < sweeps;) {
      const count = Math.min(this.settings.sweepsPerBatch, sweeps - done);
      await this.runBatch(count);
      done += count;
    }
  }

  /**
   * `samples` configurations, one after every `every` sweeps (so samples·every sweeps in all), copied on the GPU as the run
   * goes and read back once per batch (docs/ARCHITECTURE.md hazard 6).
   */
  async sample(samples: number, every: number): Promise<Configuration[]> {
    if (!Number.isInteger(samples) || samples < 0) throw new Error(`samples must be a non-negative integer, got ${samples}`);
    if (!Number.isInteger(every) || every < 1) throw new Error(`every must be a positive integer, got ${every}`);
    const snapshots = new SnapshotBuffer(this.gpu, this.n, this.box.dim, samples, every, this.settings.sweepsPerBatch);
    const out: Configuration[] = [];
    try {
      while (out.length < samples) {
        const k = Math.min(snapshots.perBatch, samples - out.length);
        const total = k * every;
        const lead = Math.max(0, total - this.settings.sweepsPerBatch); // every > sweepsPerBatch: run the sweeps before the snapshot first
        if (lead > 0) await this.sweeps(lead);
        await this.runBatch(total - lead, snapshots.every(every, lead));
        const raw = await readBack(this.gpu, snapshots.buffer, snapshots.bytesEach * k);
        for (let s = 0; s < k; s++) out.push(snapshots.decode(this.host, raw, s));
      }
    } finally {
      snapshots.destroy();
    }
    return out;
  }

  /**
   * Encode and run sweeps sweepCount .. sweepCount + count − 1 in one submission (count ≤ sweepsPerBatch), with the
   * snapshots asked for, read the tallies back, and replay the batch from its start with more cell slots if some cell
   * overflowed: the counter-based random numbers make the replay the run a larger capacity would have made.
   */
  private async runBatch(count: number, snapshots?: Snapshots): Promise<void> {
    if (count === 0) return;
    const { device } = this.gpu;
    const first = this.sweepCount;
    const schedules = Array.from({ length: count }, (_, k) => sweepSchedule(this.seed, first + k, this.grid));
    device.queue.writeBuffer(this.buffers.passSlots, 0, packPassSlots(schedules));
    for (;;) {
      this.gpu.assertAlive();
      const encoder = device.createCommandEncoder({ label: 'mc sweeps' });
      const parity = encodeSweeps(encoder, this.kernels, this.buffers, this.grid, count, snapshots);
      device.queue.submit([encoder.finish()]);
      const tally = await this.buffers.readTallies();
      if (tally[LARGEST_OVERFLOW] === 0) {
        this.buffers.parity = parity;
        this.sweepCount += count;
        addTallies(this.counts, tally);
        return;
      }
      await this.restoreWithRoom(first, tally[LARGEST_OVERFLOW]);
    }
  }

  /** Back to the batch's start, with at least `largest` + 8 slots per cell and the cell lists rebuilt on the host. */
  private async restoreWithRoom(firstSweep: number, largest: number): Promise<void> {
    const encoder = this.gpu.device.createCommandEncoder({ label: 'mc restore' });
    this.buffers.encodeRestore(encoder);
    this.gpu.device.queue.submit([encoder.finish()]);
    const words = await this.readFixedPositions();
    const bins = roomierBins(this.grid, words, this.seed, firstSweep, this.buffers.capacity, largest);
    this.counts.replays++;
    this.installBins(bins);
  }

  /** The current cell lists as stored (per cell: count, then capacity member slots), for tests against buildBins. */
  readCellLists(): Promise<Uint32Array> {
    return this.buffers.readCellLists(this.grid.cellCount);
  }

  /** Positions as stored: (hi, lo) words per coordinate (src/gpu/fixedPoint.ts), bit-exact. */
  readFixedPositions(): Promise<Uint32Array> {
    return this.buffers.readPositionWords(2 * this.n * this.box.dim);
  }

  /** The current configuration: positions decoded to float64 in [0, L), and the initial float64 diameters as swapped. */
  async readConfiguration(): Promise<Configuration> {
    const [words, labels] = await Promise.all([this.readFixedPositions(), this.buffers.readLabels(this.n)]);
    return decodeState(this.host, words, labels);
  }

  // 000 App. A.1: E_i/2 = ½ Σ_j U_ij per particle, f32 on the GPU with the same pair energies as the trials.
  async particleEnergies(): Promise<Float32Array> {
    this.gpu.assertAlive();
    const encoder = this.gpu.device.createCommandEncoder({ label: 'mc energies' });
    encodeParticleEnergies(encoder, this.kernels, this.buffers, this.grid);
    this.gpu.device.queue.submit([encoder.finish()]);
    return this.buffers.readEnergies(this.n);
  }

  // 000 App. A.1: E/N, the f32 per-particle energies summed on the host in float64 (mirrors energyPerParticle of the serial engine).
  async energyPerParticle(): Promise<number> {
    let e = 0;
    for (const ei of await this.particleEnergies()) e += ei;
    return e / this.n;
  }

  /** Accepted / attempted since creation (mirrors acceptanceRates of src/physics/mc; displacements include those that left their cell). */
  acceptanceRates(): AcceptanceRates {
    return acceptanceRatesOf(this.counts);
  }

  /** Free the buffers, and the device if this sampler acquired it. */
  destroy(): void {
    this.buffers.destroy();
    if (this.ownsDevice) this.gpu.destroy();
  }
}
