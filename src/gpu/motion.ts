// Displacing particles on the GPU in fixed point (shaders/motion.wgsl): r += scale·δ, added exactly, optionally many times.
import type { GpuContext } from './device.ts';
import { bindBuffers, createKernelFamily, dispatch, groupsFor, uniformBuffer, type KernelFamily } from './kernels.ts';
import type { ParticleBuffers } from './particles.ts';
import { loadShader } from './shaderSource.ts';

export function createMotionKernels(gpu: GpuContext, preamble: string): Promise<KernelFamily> {
  return loadShader('motion').then((code) =>
    createKernelFamily(gpu, 'motion', preamble + code, ['uniform', 'uniform', 'storage', 'read-only-storage'], ['displace']));
}

export interface GpuMotion {
  /** Submit r += repeats × (scale·δ), δ the float32 vector (N·D) in `displacements`. */
  displace(displacements: GPUBuffer, scale: number, repeats?: number): void;
  destroy(): void;
}

export function createMotion(gpu: GpuContext, kernels: KernelFamily, particles: ParticleBuffers): GpuMotion {
  const motion = uniformBuffer(gpu, 'motion params', 16);
  const groups = new Map<GPUBuffer, GPUBindGroup>();
  const groupFor = (displacements: GPUBuffer) => {
    let group = groups.get(displacements);
    if (!group) {
      group = bindBuffers(gpu, kernels, [particles.params, motion, particles.positions, displacements]);
      groups.set(displacements, group);
    }
    return group;
  };
  return {
    displace(displacements, scale, repeats = 1) {
      gpu.assertAlive();
      if (!Number.isInteger(repeats) || repeats < 0) throw new Error(`repeats must be a non-negative integer, got ${repeats}`);
      const bytes = new ArrayBuffer(16);
      new Float32Array(bytes)[0] = scale;
      new Uint32Array(bytes)[1] = repeats;
      gpu.device.queue.writeBuffer(motion, 0, bytes); // queue order: lands before this submission, after the previous one
      const encoder = gpu.device.createCommandEncoder({ label: 'displace' });
      dispatch(encoder, kernels, 'displace', groupFor(displacements), groupsFor(particles.count, 64));
      gpu.device.queue.submit([encoder.finish()]);
    },
    destroy() {
      motion.destroy();
    },
  };
}
