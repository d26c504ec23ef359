// Chunks of quench steps on the GPU: one command buffer per chunk (many SD or FIRE steps, observables at the given sample
// steps), the control block and the sample rows copied out at its end and read back with mapAsync. Nothing is read back
// inside a chunk (docs/ARCHITECTURE.md hazard 6). Mirrors the step loops of src/physics/descent/steepestDescent.ts and fire.ts.
import type { FireConstants } from '../physics/descent/fire.ts';
import type { Model } from '../physics/models.ts';
import { computeRecorder, type ComputeRecorder } from './computeRecorder.ts';
import { descentKernels, type DescentEntryPoint, type DescentKernels, type ObservableEntryPoint } from './descentKernels.ts';
import {
  CONTROL_BYTES, DESCENT_PARAMS_BYTES, Halt, initialControl, packDescentParams, readControl, readSampleRow, REDUCTION_SIZE, SAMPLE_ROW_BYTES,
  type ControlState, type SampleRow,
} from './descentControl.ts';
import type { GpuContext } from './device.ts';
import type { GpuLandscape } from './forces.ts';
import { bindBuffers, groupsFor, readBack, storageBuffer, uniformBuffer } from './kernels.ts';

export type DescentAlgorithm = 'sd' | 'fire';

export interface DescentSetup {
  algorithm: DescentAlgorithm;
  /** SD: Euler step; FIRE: initial step (the constants carry the rest). */
  dt: number;
  forceTolerance: number;
  fire: FireConstants;
  /** Sample rows kept on the GPU between readbacks; a chunk records at most this many. */
  sampleCapacity?: number;
}

/** What one chunk does, in step numbers (step s moves the state from s − 1 to s). */
export interface ChunkPlan {
  /** Evaluate the forces at the current positions first (at the start, and after a neighbor-list rebuild). */
  evaluateForces: boolean;
  /** Record a sample of the current state before any step (the start, or a halted step that was a sample step). */
  sampleFirst: boolean;
  /** Number of steps to encode, from the GPU's current step on. */
  steps: number;
  /** Offsets (1..steps) of the steps after which a sample is recorded, increasing. */
  sampleAfter: number[];
}

export interface ChunkResult {
  control: ControlState;
  /** performance.now() at submission and when the readback arrived. */
  submittedAt: number;
  arrivedAt: number;
  /** The control block and the ring of sample rows as copied at the chunk's end (read them with takeRows). */
  bytes: ArrayBuffer;
}

export const DEFAULT_SAMPLE_CAPACITY = 128;

/** The buffers of a quench, next to the landscape's. */
interface DescentBuffers {
  params: GPUBuffer;
  control: GPUBuffer;
  samples: GPUBuffer;
  partials: GPUBuffer;
  velocities: GPUBuffer;
  /** fireMix's partials (max |v_i|²), read by fireMove while the next reduction may write `partials`. */
  mixPartials: GPUBuffer;
}

/** The quench's state on the GPU next to a landscape: control block, partial sums, FIRE velocities, sample rows. */
export class GpuDescent {
  readonly sampleCapacity: number;
  private readonly descentGroup: GPUBindGroup;
  private readonly observablesGroup: GPUBindGroup;
  private readonly particleGroups: number;
  private readonly reductionGroups: number;
  private rowsRead = 0;

  private constructor(
    private readonly gpu: GpuContext,
    private readonly land: GpuLandscape,
    private readonly kernels: DescentKernels,
    readonly setup: DescentSetup,
    private readonly buffers: DescentBuffers,
  ) {
    this.sampleCapacity = setup.sampleCapacity ?? DEFAULT_SAMPLE_CAPACITY;
    this.particleGroups = groupsFor(land.n, 64);
    this.reductionGroups = groupsFor(land.n, REDUCTION_SIZE);
    const b = land.buffers;
    const { params, control, samples, partials, velocities, mixPartials } = buffers;
    this.descentGroup = bindBuffers(gpu, kernels.descent, [b.params, params, b.positions, b.forces, velocities, b.reference, control, partials, mixPartials]);
    this.observablesGroup = bindBuffers(gpu, kernels.observables, [b.params, params, b.forces, b.energies, control, partials, samples]);
  }

  /** Buffers and kernels for a quench on `land` (its positions are the starting state). */
  static async create(land: GpuLandscape, model: Model, setup: DescentSetup): Promise<GpuDescent> {
    const gpu = land.gpu;
    const kernels = await descentKernels(gpu, model);
    const n = land.n;
    const d = land.box.dim;
    const capacity = setup.sampleCapacity ?? DEFAULT_SAMPLE_CAPACITY;
    const made: GPUBuffer[] = [];
    const keep = (b: GPUBuffer) => { made.push(b); return b; };
    try {
      const buffers: DescentBuffers = {
        params: keep(uniformBuffer(gpu, 'descent params', DESCENT_PARAMS_BYTES)),
        control: keep(storageBuffer(gpu, 'descent control', CONTROL_BYTES)),
        samples: keep(storageBuffer(gpu, 'descent samples', SAMPLE_ROW_BYTES * capacity)),
        partials: keep(storageBuffer(gpu, 'descent partials', 16 * groupsFor(n, REDUCTION_SIZE))),
        velocities: keep(storageBuffer(gpu, 'FIRE velocities', setup.algorithm === 'fire' ? 4 * n * d : 16)),
        mixPartials: keep(storageBuffer(gpu, 'FIRE mix partials', setup.algorithm === 'fire' ? 16 * groupsFor(n, REDUCTION_SIZE) : 16)),
      };
      gpu.device.queue.writeBuffer(buffers.params, 0, packDescentParams({
        dt: setup.dt, forceTolerance: setup.forceTolerance, particleCount: n, fire: setup.fire, sampleCapacity: capacity, algorithm: setup.algorithm,
      }));
      gpu.device.queue.writeBuffer(buffers.control, 0, initialControl(setup.fire));
      return new GpuDescent(gpu, land, kernels, setup, buffers);
    } catch (e) {
      for (const b of made) b.destroy();
      throw e;
    }
  }

  private step(rec: ComputeRecorder, entry: DescentEntryPoint, groups: number): void {
    rec.dispatch(this.kernels.descent, entry, this.descentGroup, groups);
  }

  private observe(rec: ComputeRecorder, entry: ObservableEntryPoint, groups: number): void {
    rec.dispatch(this.kernels.observables, entry, this.observablesGroup, groups);
  }

  private recordSample(rec: ComputeRecorder): void {
    this.observe(rec, 'observe', this.reductionGroups);
    this.observe(rec, 'recordSample', 1);
  }

  /** The forces of the current positions (none while the chunk is halted), then what the next step's stopping check reads. */
  private evaluateForces(rec: ComputeRecorder): void {
    this.land.encodeForces(rec.pass, this.buffers.control);
    rec.invalidate();
    if (this.setup.algorithm === 'sd' && this.setup.forceTolerance > 0) this.step(rec, 'checkForceTolerance', this.particleGroups);
  }

  // 000 Eq. (1): one steepest-descent step (steepestDescent's step), its list check, and the forces at the new positions.
  private steepestDescentStep(rec: ComputeRecorder): void {
    this.step(rec, 'steepestDescentMove', this.particleGroups);
    this.afterMove(rec);
    if (this.setup.forceTolerance > 0) this.step(rec, 'checkForceTolerance', this.particleGroups);
  }

  // Guénolé et al. 2020 Algorithm 2 (fire.ts step): three global reductions; only the Δt/α update has a one-workgroup kernel,
  // the mixing coefficients and the step length are reduced by every workgroup of fireMix and fireMove (shaders/descent.wgsl).
  private fireStep(rec: ComputeRecorder): void {
    const g = this.reductionGroups;
    this.step(rec, 'firePower', g);
    this.step(rec, 'fireAdapt', 1);
    this.step(rec, 'fireKick', g);
    this.step(rec, 'fireMix', g);
    this.step(rec, 'fireMove', g);
    this.afterMove(rec);
  }

  /** Count the step, halt if the list is stale, then the forces (a direct dispatch that returns at once when halted). */
  private afterMove(rec: ComputeRecorder): void {
    this.step(rec, 'checkNeighbors', 1);
    this.land.encodeForces(rec.pass, this.buffers.control);
    rec.invalidate();
  }

  /** The control block as it stands after every chunk submitted so far (its `steps`: the step the GPU has reached). */
  async readControlNow(): Promise<ControlState> {
    return readControl(await readBack(this.gpu, this.buffers.control, CONTROL_BYTES));
  }

  /** Encode and submit one chunk; resolves when its control block and samples are back on the host. */
  submitChunk(plan: ChunkPlan): Promise<ChunkResult> {
    this.gpu.assertAlive();
    const samplesInPlan = plan.sampleAfter.length + (plan.sampleFirst ? 1 : 0);
    if (samplesInPlan > this.sampleCapacity) throw new Error(`a chunk may record at most ${this.sampleCapacity} samples, this one asks ${samplesInPlan}`);
    const device = this.gpu.device;
    const encoder = device.createCommandEncoder({ label: 'quench chunk' });
    const pass = encoder.beginComputePass({ label: 'quench steps' });
    const rec = computeRecorder(pass);
    this.step(rec, 'beginChunk', 1);
    if (plan.evaluateForces) this.evaluateForces(rec);
    if (plan.sampleFirst) this.recordSample(rec);
    let next = 0;
    for (let k = 1; k <= plan.steps; k++) {
      if (this.setup.algorithm === 'sd') this.steepestDescentStep(rec);
      else this.fireStep(rec);
      if (plan.sampleAfter[next] === k) {
        this.recordSample(rec);
        next++;
      }
    }
    pass.end();
    const sampleBytes = SAMPLE_ROW_BYTES * this.sampleCapacity;
    const staging = device.createBuffer({ label: 'quench chunk readback', size: CONTROL_BYTES + sampleBytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    encoder.copyBufferToBuffer(this.buffers.control, 0, staging, 0, CONTROL_BYTES);
    encoder.copyBufferToBuffer(this.buffers.samples, 0, staging, CONTROL_BYTES, sampleBytes);
    device.queue.submit([encoder.finish()]);
    return this.readChunk(staging, performance.now());
  }

  private async readChunk(staging: GPUBuffer, submittedAt: number): Promise<ChunkResult> {
    try {
      await staging.mapAsync(GPUMapMode.READ);
      const bytes = staging.getMappedRange().slice(0);
      return { control: readControl(bytes), submittedAt, arrivedAt: performance.now(), bytes };
    } catch (e) {
      this.gpu.assertAlive();
      throw e;
    } finally {
      staging.destroy();
    }
  }

  /** The rows a chunk recorded that were not taken yet; call on the chunks' results in submission order. */
  takeRows(result: ChunkResult): SampleRow[] {
    const { control, bytes } = result;
    const fresh = control.samples - this.rowsRead;
    if (fresh > this.sampleCapacity) throw new Error(`lost ${fresh - this.sampleCapacity} sample rows: a chunk recorded more than the ring holds`);
    const rows: SampleRow[] = [];
    for (let k = this.rowsRead; k < control.samples; k++) rows.push(readSampleRow(bytes, CONTROL_BYTES + SAMPLE_ROW_BYTES * (k % this.sampleCapacity)));
    this.rowsRead = Math.max(this.rowsRead, control.samples);
    return rows;
  }

  /** Let the next chunk run after a halt was handled (a list rebuild); queue-ordered after everything submitted. */
  clearHalt(): void {
    this.gpu.device.queue.writeBuffer(this.buffers.control, 0, new Uint32Array([Halt.none]));
  }

  destroy(): void {
    for (const b of Object.values(this.buffers)) b.destroy();
  }
}
