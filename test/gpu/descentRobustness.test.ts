// The GPU descents from bad starts (issue 9), on SwiftShader with small N: FIRE from uniform random positions converges (the
// dmax step limit of fire.ts, also in the half step back), and a divergence is the physics' DivergenceError, which the engine
// does not retry on float64 as if the device had failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuenchEngine } from '../../src/engine/quenchEngine.ts';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { FLOAT32_FORCE_TOLERANCE, quenchGpu } from '../../src/gpu/quench.ts';
import { maxParticleForce } from '../../src/physics/descent/state.ts';
import { DivergenceError } from '../../src/physics/errors.ts';
import { createLandscape, energyAndForces } from '../../src/physics/forces.ts';
import { MODELS, randomConfiguration, type ModelName } from '../../src/physics/models.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';

describe.skipIf(!gpuAvailable)(`GPU descents from bad starts${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  const cases: [ModelName, number][] = [['ka2d', 64]]; // the issue's case (SwiftShader is slow: one model)
  for (const [name, n] of cases) {
    it(`FIRE from uniform random positions converges: ${name}, N = ${n}`, async () => {
      const model = MODELS[name];
      const start = randomConfiguration(model, n, 11);
      const g = await quenchGpu(model, start, { algorithm: 'fire', maxSteps: 20_000 }, gpu);
      const land = createLandscape(model, g.final);
      const f = new Float64Array(g.final.positions.length);
      const e64 = energyAndForces(land, g.final.positions.slice(), f) / n;
      expect(g.reason).toBe('force-tolerance');
      expect(g.maxForce).toBeLessThan(FLOAT32_FORCE_TOLERANCE);
      expect(maxParticleForce(f, model.dim)).toBeLessThan(10 * FLOAT32_FORCE_TOLERANCE); // the float64 forces agree it is a minimum
      expect(Math.abs(e64 - g.energyPerParticle)).toBeLessThan(1e-4 * Math.max(1, Math.abs(e64)));
    });
  }

  {
    const algorithm = 'fire'; // sd's DivergenceError takes the same path (its energy guard predates this test)
    it(`a diverging ${algorithm} raises DivergenceError on the GPU engine, with no fallback to float64`, async () => {
      const model = MODELS.soft2d;
      const start = randomConfiguration(model, 64, 5);
      const engine = await openQuenchEngine('gpu', algorithm);
      try {
        expect(engine.current).toBe('gpu');
        // a kick Δt f beyond float32's range: the velocities are not finite
        const dt = 1e30;
        await expect(engine.quench(model, start, { algorithm, dt, tMax: 50, maxSteps: 500 })).rejects.toThrow(DivergenceError);
        expect(engine.notes).toEqual([]);
        expect(engine.current).toBe('gpu');
      } finally {
        engine.close();
      }
    });
  }
});
