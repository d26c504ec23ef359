// The generated WGSL pair function evaluated on the GPU at given x², to test it against src/physics/potentials.ts.
import type { Model } from '../physics/models.ts';
import type { GpuContext } from './device.ts';
import { bindBuffers, createKernelFamily, dispatch, groupsFor, readBack, storageBuffer } from './kernels.ts';
import { loadShader } from './shaderSource.ts';
import { modelWgsl } from './wgslModels.ts';

/** u(x²) and u′(x)/x of the model's WGSL pair function at the f32 values of `x2`. */
export async function tabulatePairOnGpu(gpu: GpuContext, model: Model, x2: Float32Array<ArrayBuffer>): Promise<{ u: Float32Array; duOverX: Float32Array }> {
  const code = modelWgsl(model) + (await loadShader('pairtable'));
  const family = await createKernelFamily(gpu, `pair table ${model.name}`, code, ['read-only-storage', 'storage'], ['tabulatePair']);
  const input = storageBuffer(gpu, 'x2', 4 * x2.length);
  const table = storageBuffer(gpu, 'pair table', 2 * input.size);
  try {
    gpu.device.queue.writeBuffer(input, 0, x2);
    const encoder = gpu.device.createCommandEncoder();
    dispatch(encoder, family, 'tabulatePair', bindBuffers(gpu, family, [input, table]), groupsFor(x2.length, 64));
    gpu.device.queue.submit([encoder.finish()]);
    const values = new Float32Array(await readBack(gpu, table, 8 * x2.length));
    return { u: values.filter((_, k) => k % 2 === 0), duOverX: values.filter((_, k) => k % 2 === 1) };
  } finally {
    input.destroy();
    table.destroy();
  }
}
