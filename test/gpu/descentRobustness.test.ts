// The GPU descents from bad starts (issue 9), on SwiftShader with small N: FIRE from uniform random positions converges (the
// dmax step limit of fire.ts, also in the half step back), and a divergence is the physics' DivergenceError, which the engine
// does not retry on float64 as if the device had failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobContext } from '../../src/engine/lab/context.ts';
import { RunControl } from '../../src/engine/lab/control.ts';
import { createGpuPool, LabEngine } from '../../src/engine/lab/engines.ts';
import type { LabEvent } from '../../src/engine/lab/protocol.ts';
import { quenchOnEngine } from '../../src/engine/lab/quenchStage.ts';
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
      // the quench stage of every lab job and CLI command (src/engine/lab/quenchStage.ts), on the GPU engine
      const pool = createGpuPool();
      const announced: Omit<Extract<LabEvent, { type: 'engine' }>, 'runId'>[] = [];
      const engine = await LabEngine.open('gpu', [algorithm], pool, (e) => announced.push(e));
      try {
        expect(engine.name).toBe('gpu');
        const ctx = new JobContext('r', () => undefined, new RunControl(), engine, 0, 1);
        // a kick Δt f beyond float32's range: the velocities are not finite
        const dt = 1e30;
        await expect(quenchOnEngine(ctx, model, start, { algorithm, dt, tMax: 50, maxSteps: 500 }, 'main', 'test')).rejects.toThrow(DivergenceError);
        expect(announced).toHaveLength(1); // the opening announcement only: no fallback note
        expect(engine.name).toBe('gpu');
      } finally {
        pool.close();
      }
    });
  }
});
