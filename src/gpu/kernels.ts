// Small helpers over the WebGPU API: kernel families (one WGSL module, one bind-group layout, several entry points), buffers, readback.
import { checkBufferFits, type GpuContext } from './device.ts';

export type BindingKind = 'uniform' | 'storage' | 'read-only-storage';

/** One shader module's entry points sharing one explicit bind-group layout (binding k of the WGSL is bindings[k]). */
export interface KernelFamily {
  readonly label: string;
  readonly layout: GPUBindGroupLayout;
  readonly pipelines: ReadonlyMap<string, GPUComputePipeline>;
}

function compilationErrors(info: GPUCompilationInfo, code: string): string | null {
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length === 0) return null;
  const lines = code.split('\n');
  return errors.map((m) => `line ${m.lineNum}: ${m.message}\n    ${lines[m.lineNum - 1] ?? ''}`).join('\n');
}

/** Compile `code` and build a pipeline per entry point; a WGSL error throws with its line. */
export async function createKernelFamily(
  gpu: GpuContext, label: string, code: string, bindings: readonly BindingKind[], entryPoints: readonly string[],
): Promise<KernelFamily> {
  const { device } = gpu;
  const module = device.createShaderModule({ label, code });
  const errors = compilationErrors(await module.getCompilationInfo(), code);
  if (errors) throw new Error(`WGSL of ${label} does not compile:\n${errors}`);
  const layout = device.createBindGroupLayout({
    label,
    entries: bindings.map((type, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type } })),
  });
  const pipelineLayout = device.createPipelineLayout({ label, bindGroupLayouts: [layout] });
  const pipelines = new Map<string, GPUComputePipeline>();
  for (const entryPoint of entryPoints) {
    pipelines.set(entryPoint, await device.createComputePipelineAsync({ label: `${label}.${entryPoint}`, layout: pipelineLayout, compute: { module, entryPoint } }));
  }
  return { label, layout, pipelines };
}

export function bindBuffers(gpu: GpuContext, family: KernelFamily, buffers: readonly GPUBuffer[]): GPUBindGroup {
  return gpu.device.createBindGroup({
    label: family.label,
    layout: family.layout,
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
}

/** Record one dispatch of `entryPoint` over `workgroups` groups into the encoder. */
export function dispatch(encoder: GPUCommandEncoder, family: KernelFamily, entryPoint: string, group: GPUBindGroup, workgroups: number): void {
  const pipeline = family.pipelines.get(entryPoint);
  if (!pipeline) throw new Error(`kernel family ${family.label} has no entry point ${entryPoint}`);
  if (workgroups === 0) return;
  const pass = encoder.beginComputePass({ label: `${family.label}.${entryPoint}` });
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, group);
  pass.dispatchWorkgroups(workgroups);
  pass.end();
}

/** A storage buffer (copyable both ways) of at least 16 bytes, checked against the device's limits. */
export function storageBuffer(gpu: GpuContext, label: string, bytes: number): GPUBuffer {
  const size = Math.max(16, Math.ceil(bytes / 4) * 4);
  checkBufferFits(gpu, size, label);
  return gpu.device.createBuffer({ label, size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
}

export function uniformBuffer(gpu: GpuContext, label: string, bytes: number): GPUBuffer {
  return gpu.device.createBuffer({ label, size: Math.ceil(bytes / 16) * 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
}

/** Copy `bytes` of `source` (from `offset`) to the host; the only way data leaves the GPU. */
export async function readBack(gpu: GpuContext, source: GPUBuffer, bytes: number, offset = 0): Promise<ArrayBuffer> {
  gpu.assertAlive();
  const size = Math.ceil(bytes / 4) * 4;
  const staging = gpu.device.createBuffer({ label: `${source.label} readback`, size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = gpu.device.createCommandEncoder();
  encoder.copyBufferToBuffer(source, offset, staging, 0, size);
  gpu.device.queue.submit([encoder.finish()]);
  try {
    await staging.mapAsync(GPUMapMode.READ);
    return staging.getMappedRange().slice(0, bytes);
  } catch (e) {
    gpu.assertAlive();
    throw e;
  } finally {
    staging.destroy();
  }
}

/** Workgroups needed to cover `items` with `size` threads each. */
export function groupsFor(items: number, size: number): number {
  return Math.ceil(items / size);
}

/**
 * Compiled kernels per device and model: `compile` runs once per (device, model name) and its promise is shared; a failed
 * compilation is forgotten so the next call tries again.
 */
export function perDeviceKernels<M extends { name: string }, K>(compile: (gpu: GpuContext, model: M) => Promise<K>): (gpu: GpuContext, model: M) => Promise<K> {
  const cache = new WeakMap<GPUDevice, Map<string, Promise<K>>>();
  return (gpu, model) => {
    let perModel = cache.get(gpu.device);
    if (!perModel) { perModel = new Map(); cache.set(gpu.device, perModel); }
    let kernels = perModel.get(model.name);
    if (!kernels) {
      kernels = compile(gpu, model);
      perModel.set(model.name, kernels);
      const models = perModel;
      kernels.catch(() => models.delete(model.name));
    }
    return kernels;
  };
}
