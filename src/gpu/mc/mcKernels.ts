// The Monte Carlo kernel family: shaders/mc*.wgsl compiled into one module after the model preamble and Philox, with one
// bind-group layout whose McPass uniform takes a dynamic offset (one 256-byte slot per color pass, many passes per submission).
import type { Model } from '../../physics/models.ts';
import type { GpuContext } from '../device.ts';
import { particlePreamble } from '../forces.ts';
import { loadShader } from '../shaderSource.ts';
import { perDeviceKernels } from '../kernels.ts';

export interface McKernels {
  readonly layout: GPUBindGroupLayout;
  readonly rebuildCells: GPUComputePipeline;
  readonly sweepColor: GPUComputePipeline;
  readonly particleEnergies: GPUComputePipeline;
}

/** Storage bindings 2..7 of shaders/mcbindings.wgsl, in order. */
export const MC_STORAGE_BINDINGS = ['positions', 'particles', 'labels', 'bins', 'nextBins', 'tallies'] as const;

async function mcSource(model: Model): Promise<string> {
  const parts = await Promise.all([particlePreamble(model), loadShader('philox'), loadShader('mcbindings'), loadShader('mccells'), loadShader('mcsweep'), loadShader('mcenergy')]);
  const stencil = `const MC_STENCIL_CELLS: u32 = ${3 ** model.dim}u; // 3^D cells around a cell, itself included\n`;
  return [parts[0], stencil, ...parts.slice(1)].join('\n');
}

async function compileMcKernels(gpu: GpuContext, model: Model): Promise<McKernels> {
  const { device } = gpu;
  const code = await mcSource(model);
  const module = device.createShaderModule({ label: `monte carlo ${model.name}`, code });
  const errors = (await module.getCompilationInfo()).messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    const lines = code.split('\n');
    throw new Error(`WGSL of the Monte Carlo kernels does not compile:\n${errors.map((m) => `line ${m.lineNum}: ${m.message}\n    ${lines[m.lineNum - 1] ?? ''}`).join('\n')}`);
  }
  const visibility = GPUShaderStage.COMPUTE;
  const layout = device.createBindGroupLayout({
    label: 'monte carlo',
    entries: [
      { binding: 0, visibility, buffer: { type: 'uniform' } },
      { binding: 1, visibility, buffer: { type: 'uniform', hasDynamicOffset: true } },
      ...MC_STORAGE_BINDINGS.map((_, k) => ({ binding: 2 + k, visibility, buffer: { type: 'storage' as const } })),
    ],
  });
  const pipelineLayout = device.createPipelineLayout({ label: 'monte carlo', bindGroupLayouts: [layout] });
  const pipeline = (entryPoint: string) => device.createComputePipelineAsync({ label: `monte carlo.${entryPoint}`, layout: pipelineLayout, compute: { module, entryPoint } });
  const [rebuildCells, sweepColor, particleEnergies] = await Promise.all([pipeline('rebuildCells'), pipeline('sweepColor'), pipeline('particleEnergies')]);
  return { layout, rebuildCells, sweepColor, particleEnergies };
}

/** The Monte Carlo kernels for this device and model, compiled once. */
export const mcKernels = perDeviceKernels(compileMcKernels);
