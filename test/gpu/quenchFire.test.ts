// FIRE 2.0 on the GPU (shaders/descent.wgsl, src/gpu/quench.ts) against float64 FIRE (src/physics/descent/fire.ts).
//
// Tolerance: float32 forces leave max_i |f_i| ≈ 1e-5 (soft spheres) at a minimum (measured: float64 minimum evaluated by the
// GPU, and GPU FIRE plateaus), so the GPU stops at max|f_i| < 1e-4 (FLOAT32_FORCE_TOLERANCE); float64 FIRE goes to 1e-10.
// Energies: the GPU's E/N comes from f32 diameters and f32 pair energies, within 2e-6 relative of float64 at the same minimum;
// the float64 energy at the GPU's final configuration is within 1e-9 relative (a force of 1e-4 leaves E ≈ E_min + O(f²/λ)).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { FLOAT32_FORCE_TOLERANCE, quenchGpu } from '../../src/gpu/quench.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { maxParticleForce } from '../../src/physics/descent/state.ts';
import { createLandscape, energyAndForces } from '../../src/physics/forces.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS, type ModelName } from '../../src/physics/models.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';
import { equilibriumState, rmsDistance, worstRelativeDifference } from './quenchStates.ts';

describe.skipIf(!gpuAvailable)(`GPU FIRE against float64 FIRE${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  // Uphill (P ≤ 0) steps in these runs, counted with fire.ts: 1, 3 and 2; steps limited by maxStep: 0, 0 and 13 (the lattice's overlaps).
  const starts: [ModelName, string, () => Configuration, number][] = [
    ['soft2d', 'T = 0.8, N = 256', () => equilibriumState('soft2d', 256, 0.8), 150],
    ['ka3d', 'T = 2, N = 500', () => equilibriumState('ka3d', 500, 2), 60],
    ['soft2d', 'a strongly jittered lattice, N = 256', () => jitteredLattice(MODELS.soft2d, 256, 1, 0.3), 60],
  ];
  for (const [name, from, makeStart, steps] of starts) {
    it(`follows float64 FIRE step by step (Δt, α, the half step back, maxStep): ${name} from ${from}, ${steps} steps`, async () => {
      const model = MODELS[name];
      const start = makeStart();
      const cpu = quench(model, start, { algorithm: 'fire', maxSteps: steps });
      const g = await quenchGpu(model, start, { algorithm: 'fire', maxSteps: steps }, gpu);
      const time = worstRelativeDifference(g.series.t.slice(1), cpu.series.t.slice(1));
      const speed = worstRelativeDifference(g.series.speed, cpu.series.speed);
      const energy = worstRelativeDifference(g.series.energyPerParticle, cpu.series.energyPerParticle);
      console.log(`${name} FIRE, ${steps} steps: fictive time reaches ${g.series.t[g.series.t.length - 1].toFixed(4)} (float64 ${cpu.series.t[cpu.series.t.length - 1].toFixed(4)}); `
        + `max relative differences: t ${time.toExponential(2)}, ⟨|v|⟩ ${speed.toExponential(2)}, E/N ${energy.toExponential(2)}`);
      expect(g.series.step).toEqual(cpu.series.step);
      expect(g.reason).toBe('max-steps');
      expect(time).toBeLessThan(1e-5);
      expect(speed).toBeLessThan(1e-3);
      expect(energy).toBeLessThan(1e-5);
    });
  }

  it(`reaches max|f_i| < ${FLOAT32_FORCE_TOLERANCE} and the float64 minimum's energy (soft2d, N = 256)`, async () => {
    const model = MODELS.soft2d;
    const start = equilibriumState('soft2d', 256, 0.8);
    const cpu = quench(model, start, { algorithm: 'fire', forceTolerance: 1e-10 });
    const g = await quenchGpu(model, start, { algorithm: 'fire' }, gpu);
    const land = createLandscape(model, g.final);
    const f = new Float64Array(g.final.positions.length);
    const e64 = energyAndForces(land, g.final.positions.slice(), f) / 256;
    const f64 = maxParticleForce(f, model.dim);
    const distance = rmsDistance(g.final, cpu.final);
    console.log(`FIRE to max|f_i| < ${FLOAT32_FORCE_TOLERANCE}: GPU ${g.steps} steps (${g.reason}, max|f| = ${g.maxForce.toExponential(2)}), float64 ${cpu.steps} steps to 1e-10; `
      + `E/N: GPU ${g.energyPerParticle.toFixed(10)}, float64 at the GPU's final ${e64.toFixed(10)} (max|f| there ${f64.toExponential(2)}), float64 FIRE ${cpu.energyPerParticle.toFixed(10)}; `
      + `rms distance between the two minima ${distance.toExponential(2)}`);
    expect(g.reason).toBe('force-tolerance');
    expect(g.maxForce).toBeLessThan(FLOAT32_FORCE_TOLERANCE);
    expect(f64).toBeLessThan(3 * FLOAT32_FORCE_TOLERANCE); // the float64 forces there are small too
    if (distance < 1e-3) { // the same minimum
      expect(Math.abs(g.energyPerParticle / cpu.energyPerParticle - 1)).toBeLessThan(2e-6);
      expect(Math.abs(e64 / cpu.energyPerParticle - 1)).toBeLessThan(1e-9);
    } else { // another minimum: the GPU's own energy against float64 at its configuration
      expect(Math.abs(g.energyPerParticle / e64 - 1)).toBeLessThan(2e-6);
    }
  });
});
