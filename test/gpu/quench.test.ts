// Steepest descent on the GPU (src/gpu/quench.ts) against the float64 quench (src/physics/descent/quench.ts) from the same state.
//
// Bounds: the GPU forces carry f32 round-off (≲ 1e-5 of each particle's force scale, test/gpu/forces.test.ts), the positions
// are exact fixed point, so for t ≤ 1 the two trajectories stay within ~1e-6 of each other (measured); the brief's bound for
// ⟨|v|⟩ is 1%. E/N: the GPU sums f32 per-particle energies of f32 diameters, within 1e-5 relative.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { quenchGpu } from '../../src/gpu/quench.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { MODELS } from '../../src/physics/models.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';
import { equilibriumState, rmsDistance, worstRelativeDifference } from './quenchStates.ts';

describe.skipIf(!gpuAvailable)(`GPU steepest descent against the float64 engine${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  for (const [name, n, temperature, tMax] of [['soft2d', 400, 0.8, 1], ['harmonic2d', 400, Infinity, 1], ['soft3d', 500, 0.8, 0.3]] as const) {
    it(`${name} from T = ${temperature}, N = ${n}: ⟨|v|⟩ within 1% of float64 up to t = ${tMax}, on the same sample times`, async () => {
      const model = MODELS[name];
      const start = equilibriumState(name, n, temperature);
      const cpu = quench(model, start, { algorithm: 'sd', tMax, forceTolerance: 0 });
      const g = await quenchGpu(model, start, { algorithm: 'sd', tMax, forceTolerance: 0 }, gpu);
      const speed = worstRelativeDifference(g.series.speed, cpu.series.speed);
      const energy = worstRelativeDifference(g.series.energyPerParticle, cpu.series.energyPerParticle);
      const distance = rmsDistance(g.final, cpu.final);
      console.log(`${name} SD to t = ${tMax} (${g.steps} steps, ${g.chunks} chunks, ${g.rebuildHalts} list halts, ${g.neighborListBuilds} builds): `
        + `max |Δ⟨|v|⟩|/⟨|v|⟩ = ${speed.toExponential(2)}, max |Δ(E/N)|/(E/N) = ${energy.toExponential(2)}, rms |Δr| at the end = ${distance.toExponential(2)}`);
      expect(g.series.t).toEqual(cpu.series.t);
      expect(g.series.step).toEqual(cpu.series.step);
      expect(speed).toBeLessThan(0.01);
      expect(energy).toBeLessThan(1e-5);
      expect(g.reason).toBe('t-max');
      expect(g.steps).toBe(cpu.steps);
      expect(g.forceCalls).toBe(cpu.forceCalls);
      expect(distance).toBeLessThan(1e-4);
      expect(g.final.diameters).toEqual(start.diameters);
    });
  }

  it('gives bit-identical series whatever the chunking, through neighbor-list halts and resumes', async () => {
    const model = MODELS.soft2d;
    const start = equilibriumState('soft2d', 400, 0.8);
    const options = { algorithm: 'sd' as const, tMax: 0.4, forceTolerance: 0 };
    const long = await quenchGpu(model, start, options, gpu);
    const short = await quenchGpu(model, start, { ...options, chunks: { maxSteps: 7, firstSteps: 3 }, pipelineDepth: 1 }, gpu);
    console.log(`chunking: ${long.chunks} chunks (${long.rebuildHalts} halts) vs ${short.chunks} chunks of ≤ 7 steps (${short.rebuildHalts} halts)`);
    expect(long.rebuildHalts).toBeGreaterThan(0);
    expect(short.series).toEqual(long.series);
    expect(short.final.positions).toEqual(long.final.positions);
    expect(short.neighborListBuilds).toBe(long.neighborListBuilds);
  });

  it('stops at a force tolerance on the same step as float64, at max-steps, and when cancelled', async () => {
    const model = MODELS.harmonic2d;
    const start = equilibriumState('harmonic2d', 400, Infinity);
    const tolerance = 0.05;
    const cpu = quench(model, start, { algorithm: 'sd', tMax: 100, forceTolerance: tolerance });
    const g = await quenchGpu(model, start, { algorithm: 'sd', tMax: 100, forceTolerance: tolerance }, gpu);
    console.log(`force tolerance ${tolerance}: float64 stops at step ${cpu.steps} (max|f| = ${cpu.maxForce.toExponential(4)}), GPU at step ${g.steps} (${g.maxForce.toExponential(4)})`);
    expect(g.reason).toBe('force-tolerance');
    expect(cpu.reason).toBe('force-tolerance');
    expect(Math.abs(g.steps - cpu.steps)).toBeLessThanOrEqual(1); // the same step unless max|f_i| lands within f32 round-off of the tolerance
    expect(g.maxForce).toBeLessThanOrEqual(tolerance);
    expect(g.series.step[g.series.step.length - 1]).toBe(g.steps);

    const capped = await quenchGpu(model, start, { algorithm: 'sd', tMax: 100, forceTolerance: 0, maxSteps: 37 }, gpu);
    expect(capped.reason).toBe('max-steps');
    expect(capped.steps).toBe(37);
    expect(capped.series.step[capped.series.step.length - 1]).toBe(37);
    expect(capped.series.t[capped.series.t.length - 1]).toBe(37 * model.defaultDt);

    let chunks = 0;
    const cancelled = await quenchGpu(model, start, { algorithm: 'sd', tMax: 100, forceTolerance: 0, shouldStop: () => ++chunks >= 2 }, gpu);
    expect(cancelled.reason).toBe('cancelled');
    expect(cancelled.steps).toBeGreaterThan(0);
    expect(cancelled.steps).toBeLessThan(5000);
    expect(cancelled.series.step[cancelled.series.step.length - 1]).toBe(cancelled.steps);
  });

  it('refuses conjugate gradient and bad options with the float64 engine\'s messages', async () => {
    const start = equilibriumState('harmonic2d', 400, Infinity);
    await expect(quenchGpu(MODELS.harmonic2d, start, { algorithm: 'cg' }, gpu)).rejects.toThrow(/GPU engine runs sd and fire/);
    await expect(quenchGpu(MODELS.harmonic2d, start, { algorithm: 'sd', dt: -1 }, gpu)).rejects.toThrow(/--dt must be a positive number/);
  });
});
