// shaders/philox.wgsl evaluated on the GPU for given counters and keys, to test it bit for bit against src/physics/rng.ts.
import type { GpuContext } from './device.ts';
import { bindBuffers, createKernelFamily, dispatch, groupsFor, readBack, storageBuffer } from './kernels.ts';
import { loadShader } from './shaderSource.ts';

const PHILOX_TABLE_KERNEL = `
@group(0) @binding(0) var<storage, read> inputs: array<u32>;      // per entry: c0, c1, c2, c3, k0, k1
@group(0) @binding(1) var<storage, read_write> outputs: array<u32>; // per entry: 4 Philox words, then uniform, centered, index(n = 1000)

@compute @workgroup_size(64)
fn tabulatePhilox(@builtin(global_invocation_id) id: vec3<u32>) {
  let e = id.x;
  if (6u * e >= arrayLength(&inputs)) { return; }
  let b = 6u * e;
  let r = philox4x32(vec4<u32>(inputs[b], inputs[b + 1u], inputs[b + 2u], inputs[b + 3u]), vec2<u32>(inputs[b + 4u], inputs[b + 5u]));
  let o = 7u * e;
  outputs[o] = r.x;
  outputs[o + 1u] = r.y;
  outputs[o + 2u] = r.z;
  outputs[o + 3u] = r.w;
  outputs[o + 4u] = bitcast<u32>(uniformFromBits(r.x));
  outputs[o + 5u] = bitcast<u32>(centeredFromBits(r.y));
  outputs[o + 6u] = indexFromBits(r.z, 1000u);
}
`;

/** Per entry (counter c0..c3, key k0, k1): the 4 Philox words, uniformFromBits(w0), centeredFromBits(w1) and indexFromBits(w2, 1000). */
export interface PhiloxTable {
  words: Uint32Array;
  uniform: Float32Array;
  centered: Float32Array;
  index: Uint32Array;
}

/** `inputs` holds 6 words per entry: c0, c1, c2, c3, k0, k1. */
export async function tabulatePhiloxOnGpu(gpu: GpuContext, inputs: Uint32Array<ArrayBuffer>): Promise<PhiloxTable> {
  const entries = inputs.length / 6;
  if (!Number.isInteger(entries)) throw new Error('tabulatePhiloxOnGpu: inputs must hold 6 words per entry');
  const code = (await loadShader('philox')) + PHILOX_TABLE_KERNEL;
  const family = await createKernelFamily(gpu, 'philox table', code, ['read-only-storage', 'storage'], ['tabulatePhilox']);
  const input = storageBuffer(gpu, 'philox counters', 4 * inputs.length);
  const output = storageBuffer(gpu, 'philox words', 28 * entries);
  try {
    gpu.device.queue.writeBuffer(input, 0, inputs);
    const encoder = gpu.device.createCommandEncoder();
    dispatch(encoder, family, 'tabulatePhilox', bindBuffers(gpu, family, [input, output]), groupsFor(entries, 64));
    gpu.device.queue.submit([encoder.finish()]);
    const raw = await readBack(gpu, output, 28 * entries);
    const all = new Uint32Array(raw), asFloat = new Float32Array(raw);
    const words = new Uint32Array(4 * entries), uniform = new Float32Array(entries), centered = new Float32Array(entries), index = new Uint32Array(entries);
    for (let e = 0; e < entries; e++) {
      for (let k = 0; k < 4; k++) words[4 * e + k] = all[7 * e + k];
      uniform[e] = asFloat[7 * e + 4];
      centered[e] = asFloat[7 * e + 5];
      index[e] = all[7 * e + 6];
    }
    return { words, uniform, centered, index };
  } finally {
    input.destroy();
    output.destroy();
  }
}
