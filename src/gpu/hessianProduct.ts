// The Hessian-vector product on the GPU (shaders/hessianproduct.wgsl), mirroring src/physics/hessian/pairHessian.ts
// applyPairHessian on the GPU landscape's own positions, neighbor list and model constants (src/gpu/forces.ts, wgslModels.ts).
// v goes up as f32, H v comes back as f32 and is widened to float64; the bound on its error is hessianProductBound
// (src/gpu/hessianProductBound.ts). Used by the modes pipeline as the Lanczos operator (src/physics/analysis/modes/normalModes.ts).
import type { Configuration } from '../physics/configuration.ts';
import type { Model } from '../physics/models.ts';
import type { GpuContext } from './device.ts';
import { GpuLandscape, particlePreamble } from './forces.ts';
import { bindBuffers, createKernelFamily, groupsFor, perDeviceKernels, readBack, storageBuffer, type KernelFamily } from './kernels.ts';
import { loadShader } from './shaderSource.ts';
import { gpuUnsupported } from './wgslModels.ts';

const hessianKernels = perDeviceKernels((gpu: GpuContext, model: Model): Promise<KernelFamily> =>
  Promise.all([particlePreamble(model), loadShader('hessianproduct')]).then(([preamble, code]) =>
    createKernelFamily(gpu, 'hessian product', preamble + code,
      ['uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'uniform', 'read-only-storage', 'read-only-storage', 'storage'],
      ['hessianProduct'])));

export class GpuHessianProduct {
  /** Products done so far. */
  products = 0;
  private readonly vector: GPUBuffer;
  private readonly product: GPUBuffer;
  private readonly excluded: GPUBuffer;
  private group: GPUBindGroup | null = null;
  private boundNeighbors: GPUBuffer | null = null;

  private constructor(readonly land: GpuLandscape, private readonly kernels: KernelFamily, excluded: Uint8Array | null, private readonly ownsLandscape: boolean) {
    const { gpu, n } = land;
    const length = n * land.box.dim;
    this.vector = storageBuffer(gpu, 'hessian product: v', 4 * length);
    this.product = storageBuffer(gpu, 'hessian product: H v', 4 * length);
    this.excluded = storageBuffer(gpu, 'hessian product: left-out particles', 4 * n);
    gpu.device.queue.writeBuffer(this.excluded, 0, excluded ? Uint32Array.from(excluded) : new Uint32Array(n));
  }

  /**
   * The product on `land` (its positions and neighbor list as they are; the list covers every pair within x_c·s_ij).
   * `excluded` (1 = left out, e.g. rattlers): their rows are 0 and every pair touching them is dropped, as withoutParticles.
   */
  static async create(land: GpuLandscape, excluded: Uint8Array | null = null): Promise<GpuHessianProduct> {
    const refusal = hessianUnsupported(land.model);
    if (refusal) throw new Error(refusal);
    if (excluded && excluded.length !== land.n) throw new Error(`expected ${land.n} exclusion flags, got ${excluded.length}`);
    return new GpuHessianProduct(land, await hessianKernels(land.gpu, land.model), excluded, false);
  }

  /** A landscape of its own for configuration c on device gpu (freed by destroy), and the product on it. */
  static async forConfiguration(gpu: GpuContext, model: Model, c: Configuration, excluded: Uint8Array | null = null): Promise<GpuHessianProduct> {
    const refusal = hessianUnsupported(model);
    if (refusal) throw new Error(refusal);
    const land = await GpuLandscape.create(model, c, { gpu });
    try {
      const kernels = await hessianKernels(gpu, model);
      if (excluded && excluded.length !== land.n) throw new Error(`expected ${land.n} exclusion flags, got ${excluded.length}`);
      return new GpuHessianProduct(land, kernels, excluded, true);
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
        [b.params, b.positions, b.traits, b.neighbors, b.neighborCounts, b.units, this.excluded, this.vector, this.product]);
    }
    return this.group;
  }

  /** out ← H v (N·D components), one upload, one dispatch, one readback. */
  async apply(v: Float64Array, out: Float64Array = new Float64Array(v.length)): Promise<Float64Array> {
    const { gpu, n } = this.land;
    const length = n * this.land.box.dim;
    if (v.length !== length || out.length !== length) throw new Error(`expected vectors of ${length} components, got ${v.length} and ${out.length}`);
    gpu.assertAlive();
    gpu.device.queue.writeBuffer(this.vector, 0, new Float32Array(v));
    const encoder = gpu.device.createCommandEncoder({ label: 'hessian product' });
    const pass = encoder.beginComputePass({ label: 'hessian product' });
    pass.setPipeline(this.kernels.pipelines.get('hessianProduct') as GPUComputePipeline);
    pass.setBindGroup(0, this.bindings());
    pass.dispatchWorkgroups(groupsFor(n, 64));
    pass.end();
    gpu.device.queue.submit([encoder.finish()]);
    out.set(new Float32Array(await readBack(gpu, this.product, 4 * length)));
    this.products++;
    return out;
  }

  destroy(): void {
    for (const b of [this.vector, this.product, this.excluded]) b.destroy();
    if (this.ownsLandscape) this.land.destroy();
  }
}

/** Why the GPU Hessian-vector product cannot run a model, or null: the engine's refusals, and Mari–Kurchan's shifted pairs (float64 only). */
export function hessianUnsupported(model: Model): string | null {
  return gpuUnsupported(model)
    ?? (model.pairShifts ? `model ${model.name} has Mari–Kurchan pair shifts: the GPU Hessian-vector product reads plain pairs, so it runs on the float64 engine only` : null);
}
