// The quench's kernel families (shaders/descent.wgsl, shaders/observables.wgsl), compiled once per device and model.
import type { Model } from '../physics/models.ts';
import type { GpuContext } from './device.ts';
import { particlePreamble } from './forces.ts';
import { REDUCTION_SIZE } from './descentControl.ts';
import { createKernelFamily, perDeviceKernels, type KernelFamily } from './kernels.ts';
import { loadShader } from './shaderSource.ts';

export interface DescentKernels {
  /** Moves, FIRE's reductions and control, the neighbor-list check. */
  descent: KernelFamily;
  /** Observables at sample steps. */
  observables: KernelFamily;
}

export const DESCENT_ENTRY_POINTS = [
  'beginChunk', 'steepestDescentMove', 'checkNeighbors', 'checkForceTolerance',
  'firePower', 'fireAdapt', 'fireKick', 'fireMix', 'fireMove',
] as const;
export type DescentEntryPoint = (typeof DESCENT_ENTRY_POINTS)[number];

export const OBSERVABLE_ENTRY_POINTS = ['observe', 'recordSample'] as const;
export type ObservableEntryPoint = (typeof OBSERVABLE_ENTRY_POINTS)[number];


async function compileDescentKernels(gpu: GpuContext, model: Model): Promise<DescentKernels> {
  const [preamble, control, descentCode, observablesCode] = await Promise.all([
    particlePreamble(model), loadShader('descentcontrol'), loadShader('descent'), loadShader('observables'),
  ]);
  const prefix = `${preamble}\nconst REDUCTION_SIZE: u32 = ${REDUCTION_SIZE}u;\n${control}\n`;
  const [descent, observables] = await Promise.all([
    createKernelFamily(gpu, 'descent', prefix + descentCode,
      ['uniform', 'uniform', 'storage', 'read-only-storage', 'storage', 'read-only-storage', 'storage', 'storage', 'storage'], DESCENT_ENTRY_POINTS),
    createKernelFamily(gpu, 'observables', prefix + observablesCode,
      ['uniform', 'uniform', 'read-only-storage', 'read-only-storage', 'storage', 'storage', 'storage'], OBSERVABLE_ENTRY_POINTS),
  ]);
  return { descent, observables };
}

/** The descent kernels of a model on a device (compiled on first use). */
export const descentKernels = perDeviceKernels(compileDescentKernels);
