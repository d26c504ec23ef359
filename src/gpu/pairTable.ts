// The generated WGSL pair function evaluated on the GPU at given x², to test it against src/physics/potentials.ts.
import type { Model } from '../physics/models.ts';
import type { GpuContext } from './device.ts';
import { bindBuffers, createKernelFamily, dispatch, groupsFor, readBack, storageBuffer } from './kernels.ts';
import { loadShader } from './shaderSource.ts';
import { modelWgsl } from './wgslModels.ts';

// The slope d(u′/x)/d(x²) (pairForceOverXSlope) at given x², into the same bindings as shaders/pairtable.wgsl's tabulatePair.
const SLOPE_TABLE_KERNEL = `
@compute @workgroup_size(64)
fn tabulatePairSlope(@builtin(global_invocation_id) id: vec3<u32>) {
  let k = id.x;
  if (k >= arrayLength(&squaredDistances)) { return; }
  table[2u * k] = pairForceOverXSlope(squaredDistances[k]);
  table[2u * k + 1u] = 0.0;
}
`;

/** u(x²), u′(x)/x and d(u′/x)/d(x²) of the model's WGSL pair function at the f32 values of `x2`. */
export async function tabulatePairOnGpu(gpu: GpuContext, model: Model, x2: Float32Array<ArrayBuffer>): Promise<{ u: Float32Array; duOverX: Float32Array; duOverXSlope: Float32Array }> {
  const code = modelWgsl(model) + (await loadShader('pairtable')) + SLOPE_TABLE_KERNEL;
  const family = await createKernelFamily(gpu, `pair table ${model.name}`, code, ['read-only-storage', 'storage'], ['tabulatePair', 'tabulatePairSlope']);
  const input = storageBuffer(gpu, 'x2', 4 * x2.length);
  const table = storageBuffer(gpu, 'pair table', 2 * input.size);
  const run = async (entry: string) => {
    const encoder = gpu.device.createCommandEncoder();
    dispatch(encoder, family, entry, bindBuffers(gpu, family, [input, table]), groupsFor(x2.length, 64));
    gpu.device.queue.submit([encoder.finish()]);
    return new Float32Array(await readBack(gpu, table, 8 * x2.length));
  };
  try {
    gpu.device.queue.writeBuffer(input, 0, x2);
    const values = await run('tabulatePair');
    const slopes = await run('tabulatePairSlope');
    return { u: values.filter((_, k) => k % 2 === 0), duOverX: values.filter((_, k) => k % 2 === 1), duOverXSlope: slopes.filter((_, k) => k % 2 === 0) };
  } finally {
    input.destroy();
    table.destroy();
  }
}
