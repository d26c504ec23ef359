// The GPU engine in 4D (harmonic4d, 000 App. A.1b) against the float64 engine, and its refusal of D > 4.
//
// Bounds as test/gpu/quench.test.ts and quenchFire.test.ts (f32 forces within 1e-5 of each particle's force scale, positions
// exact fixed point): SD ⟨|v|⟩ within 1% and E/N within 1e-5 of float64 on the same sample times; FIRE step by step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { quenchGpu } from '../../src/gpu/quench.ts';
import { GPU_MAX_DIM, gpuUnsupported, modelWgsl, squaredRatioExponent } from '../../src/gpu/wgslModels.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { MODELS } from '../../src/physics/models.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';
import { equilibriumState, rmsDistance, worstRelativeDifference } from './quenchStates.ts';

describe('which dimensions the GPU engine runs', () => {
  it('runs harmonic4d and refuses harmonic8d with a message that names the dimensions it runs', () => {
    expect(GPU_MAX_DIM).toBe(4);
    expect(gpuUnsupported(MODELS.harmonic4d)).toBeNull();
    expect(gpuUnsupported(MODELS.harmonic8d)).toBe('model harmonic8d is 8D (the GPU engine runs D = 2, 3 and 4: one vec4 per particle): it runs on the float64 engine only');
  });

  it('keeps x²·2⁶¹ for x_c² < 8 (every model but Mari–Kurchan) and x²·2⁵⁹ for mk3d (x_c = 4); refuses x_c² ≥ 128', () => {
    expect([1, 1.25, 2.5, 2.8].map(squaredRatioExponent)).toEqual([3, 3, 3, 3]);
    expect(squaredRatioExponent(MODELS.mk3d.potential.xc)).toBe(5);
    expect(modelWgsl(MODELS.soft2d)).toContain('const RATIO_BITS: i32 = 61;');
    expect(modelWgsl(MODELS.mk3d)).toContain('const RATIO_BITS: i32 = 59;');
    const wide = { ...MODELS.soft3d, potential: { ...MODELS.soft3d.potential, xc: 12 } };
    expect(gpuUnsupported(wide)).toBe("model soft3d has a cutoff x_c = 12 beyond the GPU engine's x_c² < 128: it runs on the float64 engine only");
  });
});

describe.skipIf(!gpuAvailable)(`GPU quench in 4D against the float64 engine${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());
  const model = MODELS.harmonic4d;

  it('harmonic4d from T = ∞, N = 1000: SD ⟨|v|⟩ within 1% and E/N within 1e-5 of float64 up to t = 1', async () => {
    const start = equilibriumState('harmonic4d', 1000, Infinity);
    const options = { algorithm: 'sd' as const, tMax: 1, forceTolerance: 0 };
    const cpu = quench(model, start, options);
    const g = await quenchGpu(model, start, options, gpu);
    const speed = worstRelativeDifference(g.series.speed, cpu.series.speed);
    const energy = worstRelativeDifference(g.series.energyPerParticle, cpu.series.energyPerParticle);
    const distance = rmsDistance(g.final, cpu.final);
    console.log(`harmonic4d SD to t = 1 (${g.steps} steps, ${g.neighborListBuilds} builds): max |Δ⟨|v|⟩|/⟨|v|⟩ = ${speed.toExponential(2)}, `
      + `max |Δ(E/N)|/(E/N) = ${energy.toExponential(2)}, rms |Δr| = ${distance.toExponential(2)}, E/N ${cpu.series.energyPerParticle[0].toFixed(4)} → ${cpu.energyPerParticle.toFixed(6)}`);
    expect(g.series.t).toEqual(cpu.series.t);
    expect(g.steps).toBe(cpu.steps);
    expect(speed).toBeLessThan(0.01);
    expect(energy).toBeLessThan(1e-5);
    expect(distance).toBeLessThan(1e-4);
    expect(cpu.energyPerParticle).toBeLessThan(0.5 * cpu.series.energyPerParticle[0]); // the quench really descends
  });

  it('harmonic4d from T = ∞, N = 1000: FIRE follows float64 FIRE for 40 steps', async () => {
    const start = equilibriumState('harmonic4d', 1000, Infinity);
    const cpu = quench(model, start, { algorithm: 'fire', maxSteps: 40 });
    const g = await quenchGpu(model, start, { algorithm: 'fire', maxSteps: 40 }, gpu);
    const time = worstRelativeDifference(g.series.t.slice(1), cpu.series.t.slice(1));
    const energy = worstRelativeDifference(g.series.energyPerParticle, cpu.series.energyPerParticle);
    console.log(`harmonic4d FIRE 40 steps: max relative differences t ${time.toExponential(2)}, E/N ${energy.toExponential(2)}`);
    expect(g.series.step).toEqual(cpu.series.step);
    expect(time).toBeLessThan(1e-5);
    expect(energy).toBeLessThan(1e-5);
  });
});
