// Exclusive prefix sums on the GPU by reduce-then-scan over shaders/scan.wgsl (docs/ARCHITECTURE.md hazard 5).
import { checkDispatchFits, type GpuContext } from './device.ts';
import { bindBuffers, createKernelFamily, dispatch, storageBuffer, uniformBuffer, type KernelFamily } from './kernels.ts';
import { loadShader } from './shaderSource.ts';

export const SCAN_BLOCK = 256;

export function createScanKernels(gpu: GpuContext): Promise<KernelFamily> {
  return loadShader('scan').then((code) =>
    createKernelFamily(gpu, 'scan', code, ['uniform', 'read-only-storage', 'storage', 'storage'], ['reduceBlocks', 'scanBlockSums', 'scanBlocks']));
}

/** prefix[k] = Σ_{m<k} values[m] for k < count, for a fixed pair of buffers. */
export interface PrefixSum {
  encode(encoder: GPUCommandEncoder): void;
  destroy(): void;
}

export function createPrefixSum(gpu: GpuContext, kernels: KernelFamily, values: GPUBuffer, prefix: GPUBuffer, count: number): PrefixSum {
  const blockCount = Math.max(1, Math.ceil(count / SCAN_BLOCK));
  checkDispatchFits(gpu, blockCount, `a prefix sum over ${count} values`);
  const params = uniformBuffer(gpu, 'scan params', 16);
  gpu.device.queue.writeBuffer(params, 0, new Uint32Array([count, blockCount, 0, 0]));
  const blockSums = storageBuffer(gpu, 'scan block sums', 4 * blockCount);
  const group = bindBuffers(gpu, kernels, [params, values, prefix, blockSums]);
  return {
    encode(encoder) {
      dispatch(encoder, kernels, 'reduceBlocks', group, blockCount);
      dispatch(encoder, kernels, 'scanBlockSums', group, 1);
      dispatch(encoder, kernels, 'scanBlocks', group, blockCount);
    },
    destroy() {
      params.destroy();
      blockSums.destroy();
    },
  };
}
