// Acquiring devices, limits and clear errors; the WGSL generated from the TypeScript models (these need no GPU).
import { describe, expect, it } from 'vitest';
import { acquireGpu, checkBufferFits, missingLimit, REQUIRED_LIMITS, webgpuAvailable, type GpuContext } from '../../src/gpu/device.ts';
import { GpuLandscape } from '../../src/gpu/forces.ts';
import { gpuUnsupported, lennardJonesShifts, modelWgsl, nonAdditivityOf, pairFunctionWgsl, wgslF32 } from '../../src/gpu/wgslModels.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS, MODEL_NAMES, nonAdditiveRule } from '../../src/physics/models.ts';
import { softSpherePotential } from '../../src/physics/potentials.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';

describe('WGSL generated from the TypeScript models', () => {
  it('reads the non-additivity off the rule (0.2 for soft and 2D harmonic spheres, 0 for 3D harmonic)', () => {
    expect(nonAdditivityOf(MODELS.soft2d.rule)).toBeCloseTo(0.2, 14);
    expect(nonAdditivityOf(MODELS.harmonic2d.rule)).toBeCloseTo(0.2, 14);
    expect(nonAdditivityOf(MODELS.harmonic3d.rule)).toBe(0);
    expect(nonAdditivityOf(nonAdditiveRule(0.37))).toBeCloseTo(0.37, 14);
    const odd = { name: 'geometric', kind: 'species-table' as const, sigma: (a: number, b: number) => Math.sqrt(a * b), epsilon: () => 1 };
    expect(() => nonAdditivityOf(odd)).toThrow(/not of the form/);
  });

  it('reads the Lennard-Jones shift and slope off the potentials', () => {
    const xc = 2.5, i6 = xc ** -6;
    const { shift, slope } = lennardJonesShifts();
    expect(shift).toBeCloseTo(4 * (i6 * i6 - i6), 15);
    expect(slope).toBeCloseTo((4 * (-12 * i6 * i6 + 6 * i6)) / xc, 15);
  });

  it('writes f32 constants exactly, and refuses potentials it has no WGSL for', () => {
    expect(wgslF32(1.25)).toBe('bitcast<f32>(0x3fa00000u)');
    expect(wgslF32(-2)).toBe('bitcast<f32>(0xc0000000u)');
    expect(() => pairFunctionWgsl({ ...softSpherePotential, name: 'Yukawa', kind: 'yukawa' as unknown as 'harmonic' })).toThrow(/no WGSL pair function/);
    for (const name of MODEL_NAMES) {
      const refusal = gpuUnsupported(MODELS[name]);
      if (refusal === null) expect(modelWgsl(MODELS[name])).toContain(`const DIM: u32 = ${MODELS[name].dim}u;`);
      else expect(() => modelWgsl(MODELS[name])).toThrow(refusal);
    }
    // the models the GPU engine refuses, each with one line that names the float64 engine
    expect(MODEL_NAMES.filter((name) => gpuUnsupported(MODELS[name]) !== null)).toEqual(['harmonic8d']);
    expect(gpuUnsupported(MODELS.harmonic8d)).toMatch(/is 8D \(the GPU engine runs D = 2, 3 and 4: one vec4 per particle\): it runs on the float64 engine only/);
  });
});

describe('device limits and errors', () => {
  it('says whether WebGPU is available without throwing', async () => {
    expect(typeof (await webgpuAvailable())).toBe('boolean');
  });

  it('names a missing limit', () => {
    const limits = { ...REQUIRED_LIMITS, maxStorageBuffersPerShaderStage: 4 } as unknown as GPUSupportedLimits;
    expect(missingLimit(limits)).toMatch(/maxStorageBuffersPerShaderStage is 4, the engine needs at least 8/);
    expect(missingLimit(REQUIRED_LIMITS as unknown as GPUSupportedLimits)).toBeNull();
  });
});

describe.skipIf(!gpuAvailable)(`device errors on a real adapter${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  it('refuses a buffer larger than the storage-buffer limit with a clear message', async () => {
    const gpu = await acquireGpu();
    try {
      expect(() => checkBufferFits(gpu, 2 * gpu.limits.maxStorageBufferBindingSize, 'a neighbor list')).toThrow(/a neighbor list needs .* MiB, more than this GPU's storage-buffer limit/);
      const c = jitteredLattice(MODELS.soft2d, 400, 1);
      const slots = Math.ceil((2 * gpu.limits.maxStorageBufferBindingSize) / (4 * 400));
      await expect(GpuLandscape.create(MODELS.soft2d, c, { gpu, neighborCapacity: slots })).rejects.toThrow(/neighbors needs .* MiB/);
    } finally {
      gpu.destroy();
    }
  });

  it('a box smaller than twice the interaction range fails as in the float64 engine', async () => {
    await expect(GpuLandscape.create(MODELS.ka3d, jitteredLattice(MODELS.ka3d, 64, 1))).rejects.toThrow(/smaller than twice the interaction range/);
  });

  it('a landscape whose device is gone says so instead of returning garbage', async () => {
    const gpu: GpuContext = await acquireGpu();
    const land = await GpuLandscape.create(MODELS.soft2d, jitteredLattice(MODELS.soft2d, 100, 1), { gpu });
    gpu.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(land.energyAndForces()).rejects.toThrow(/GPU device was destroyed/);
  });
});
