// The nonlinear contractions on the GPU (shaders/nonlinearcontraction.wgsl), mirroring src/physics/nonlinear/contractions.ts
// expansionFieldsOf on the GPU landscape's own positions, neighbor list and model constants (src/gpu/forces.ts, wgslModels.ts):
// z goes up as f32; the fields M·z, U‴:zz, U⁗⋮zzz come back as f32 and are widened to float64, and the three scalars M:zz,
// U‴⋮zzz, U⁗::zzzz are float64 sums of per-particle f32 partials. The bound on their error is nonlinearContractionBound
// (src/gpu/nonlinearContractionBound.ts). Used by the nonlinear job's CG on the sphere (src/engine/lab/nonlinearJob.ts).
import type { Configuration } from '../physics/configuration.ts';
import type { Model } from '../physics/models.ts';
import { contractionsOf, expansionFields, greatCircleFromSweeps, type ExpansionFields, type FieldSweep } from '../physics/nonlinear/contractions.ts';
import type { AsyncContractionSweeps } from '../physics/nonlinear/modeMinimizer.ts';
import type { GpuContext } from './device.ts';
import { GpuLandscape, particlePreamble } from './forces.ts';
import { bindBuffers, createKernelFamily, groupsFor, perDeviceKernels, readBack, storageBuffer, type KernelFamily } from './kernels.ts';
import { loadShader } from './shaderSource.ts';
import { gpuUnsupported, pairHigherDerivativesWgsl } from './wgslModels.ts';

/** The three contractions of z as given (no normalization): M:zz, U‴⋮zzz, U⁗::zzzz. */
export interface ContractionScalars { second: number; third: number; fourth: number }

const BINDINGS = ['uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'uniform', 'read-only-storage', 'read-only-storage', 'storage', 'storage'] as const;

async function compileContractions(gpu: GpuContext, model: Model, edit: (wgsl: string) => string = (s) => s): Promise<KernelFamily> {
  const [preamble, code] = await Promise.all([particlePreamble(model), loadShader('nonlinearcontraction')]);
  return createKernelFamily(gpu, 'nonlinear contractions', preamble + pairHigherDerivativesWgsl(model) + edit(code), [...BINDINGS], ['nonlinearContraction']);
}

const contractionKernels = perDeviceKernels((gpu: GpuContext, model: Model) => compileContractions(gpu, model));

export interface ContractionOptions {
  /** 1 = left out (rattlers): their rows are 0 and every pair touching them is dropped, as pairExpansion's `drop`. */
  excluded?: Uint8Array | null;
  /** Tests only: an edit of the kernel's WGSL (a deliberately broken term must break the bound); compiled apart, not cached. */
  editKernel?: (wgsl: string) => string;
}

export class GpuNonlinearContractions {
  /** Sweeps done so far. */
  sweeps = 0;
  private readonly field: GPUBuffer;
  private readonly gradients: GPUBuffer;
  private readonly scalars: GPUBuffer;
  private readonly excluded: GPUBuffer;
  private group: GPUBindGroup | null = null;
  private boundNeighbors: GPUBuffer | null = null;

  private constructor(readonly land: GpuLandscape, private readonly kernels: KernelFamily, excluded: Uint8Array | null, private readonly ownsLandscape: boolean) {
    const { gpu, n } = land;
    const length = n * land.box.dim;
    this.field = storageBuffer(gpu, 'nonlinear contractions: z', 4 * length);
    this.gradients = storageBuffer(gpu, 'nonlinear contractions: M·z, U3:zz, U4:zzz', 12 * length);
    this.scalars = storageBuffer(gpu, 'nonlinear contractions: per-particle scalars', 12 * n);
    this.excluded = storageBuffer(gpu, 'nonlinear contractions: left-out particles', 4 * n);
    gpu.device.queue.writeBuffer(this.excluded, 0, excluded ? Uint32Array.from(excluded) : new Uint32Array(n));
  }

  /** A landscape of its own for configuration c on device gpu (freed by destroy), and the contractions on it. */
  static async forConfiguration(gpu: GpuContext, model: Model, c: Configuration, options: ContractionOptions = {}): Promise<GpuNonlinearContractions> {
    const refusal = gpuUnsupported(model);
    if (refusal) throw new Error(refusal);
    const excluded = options.excluded ?? null;
    if (excluded && excluded.length !== c.diameters.length) throw new Error(`expected ${c.diameters.length} exclusion flags, got ${excluded.length}`);
    const land = await GpuLandscape.create(model, c, { gpu });
    try {
      const kernels = options.editKernel ? await compileContractions(gpu, model, options.editKernel) : await contractionKernels(gpu, model);
      return new GpuNonlinearContractions(land, kernels, excluded, true);
    } catch (e) {
      land.destroy();
      throw e;
    }
  }

  private bindings(): GPUBindGroup {
    const b = this.land.buffers;
    if (!this.group || this.boundNeighbors !== b.neighbors) {
      this.boundNeighbors = b.neighbors;
      this.group = bindBuffers(this.land.gpu, this.kernels,
        [b.params, b.positions, b.traits, b.neighbors, b.neighborCounts, b.units, this.excluded, this.field, this.gradients, this.scalars]);
    }
    return this.group;
  }

  /**
   * The fields of z into `out` (N·D each) and the three contractions: one upload, one dispatch, one readback. `partials`, if
   * given (3·N), receives the per-particle f32 partials of the scalars (for the bound tests).
   */
  async apply(z: Float64Array, out: ExpansionFields, partials?: Float64Array): Promise<ContractionScalars> {
    const { gpu, n } = this.land;
    const length = n * this.land.box.dim;
    if (z.length !== length || out.mz.length !== length) throw new Error(`expected fields of ${length} components, got ${z.length} and ${out.mz.length}`);
    gpu.assertAlive();
    gpu.device.queue.writeBuffer(this.field, 0, new Float32Array(z));
    const encoder = gpu.device.createCommandEncoder({ label: 'nonlinear contractions' });
    const pass = encoder.beginComputePass({ label: 'nonlinear contractions' });
    pass.setPipeline(this.kernels.pipelines.get('nonlinearContraction') as GPUComputePipeline);
    pass.setBindGroup(0, this.bindings());
    pass.dispatchWorkgroups(groupsFor(n, 64));
    pass.end();
    gpu.device.queue.submit([encoder.finish()]);
    const [g, s] = await Promise.all([readBack(gpu, this.gradients, 12 * length), readBack(gpu, this.scalars, 12 * n)]);
    const fields = new Float32Array(g);
    out.mz.set(fields.subarray(0, length));
    out.u3zz.set(fields.subarray(length, 2 * length));
    out.u4zzz.set(fields.subarray(2 * length, 3 * length));
    const per = new Float32Array(s);
    if (partials) partials.set(per);
    let second = 0, third = 0, fourth = 0;
    for (let i = 0; i < n; i++) { second += per[3 * i]; third += per[3 * i + 1]; fourth += per[3 * i + 2]; }
    this.sweeps++;
    return { second, third, fourth };
  }

  destroy(): void {
    for (const b of [this.field, this.gradients, this.scalars, this.excluded]) b.destroy();
    if (this.ownsLandscape) this.land.destroy();
  }
}

/**
 * The sweeps of the CG on the sphere (src/physics/nonlinear/modeMinimizer.ts) answered by the GPU contractions: the fields of z
 * in one sweep; the great circle through z and d̂ from the sweeps of z (kept from the last `fields` call when z is unchanged,
 * as it is within a CG step), of d̂ and of z + d̂ (greatCircleFromSweeps). float32 sweeps, float64 sums.
 */
export function gpuContractionSweeps(gpu: GpuNonlinearContractions): AsyncContractionSweeps {
  const m = gpu.land.n * gpu.land.box.dim;
  const lastZ = new Float64Array(m);
  let last: FieldSweep | null = null;
  const atD: FieldSweep['fields'] = expansionFields(m), atSum = expansionFields(m);
  const sweep = async (z: Float64Array, out: FieldSweep['fields']): Promise<FieldSweep> => {
    const s = await gpu.apply(z, out);
    return { coefficients: contractionsOf(z, s.second, s.third, s.fourth), fields: out };
  };
  const sameAsLast = (z: Float64Array) => { for (let k = 0; k < m; k++) if (z[k] !== lastZ[k]) return false; return true; };
  return {
    async fields(z, out) {
      const r = await sweep(z, out);
      lastZ.set(z);
      last = { coefficients: r.coefficients, fields: { mz: out.mz.slice(), u3zz: out.u3zz.slice(), u4zzz: out.u4zzz.slice() } };
      return r.coefficients;
    },
    async circle(z, dir) {
      const atZ = last && sameAsLast(z) ? last : await sweep(z, expansionFields(m));
      const d = await sweep(dir, atD);
      const sum = Float64Array.from(z, (v, k) => v + dir[k]);
      const s = await gpu.apply(sum, atSum);
      return greatCircleFromSweeps(z, dir, atZ, d, s.fourth);
    },
  };
}
