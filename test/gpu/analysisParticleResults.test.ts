// The lab's per-particle results (src/engine/lab/particleResults.ts) on the GPU engine: the same ParticleResults as float64
// (up to the f32 tolerances of test/gpu/analysis.test.ts), and a GPU that fails hands the analysis to float64 with a note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { particleResults, type AnalysisEngine } from '../../src/engine/lab/particleResults.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { MODELS } from '../../src/physics/models.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';
import { equilibriumState } from './quenchStates.ts';

function recordingEngine(gpu: GpuContext | null): AnalysisEngine & { notes: string[] } {
  const notes: string[] = [];
  const engine = {
    gpu,
    notes,
    fallBack(what: string, error: unknown) { notes.push(`${what}: ${error instanceof Error ? error.message : String(error)}`); engine.gpu = null; },
  };
  return engine;
}

describe.skipIf(!gpuAvailable)(`particleResults on the GPU engine${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  const model = MODELS.soft2d;
  const initial = equilibriumState('soft2d', 1000, 0.8);
  const final = quench(model, initial, { algorithm: 'sd', tMax: 5, forceTolerance: 0 }).final;

  it('equals the float64 results: the same x_cut^EQ, φ_i and φ, D²min to 1e-4 relative', async () => {
    const cpu = await particleResults(model, initial, final);
    const engine = recordingEngine(gpu);
    const onGpu = await particleResults(model, initial, final, async () => undefined, engine, { gpuOnSoftware: true });
    expect(engine.notes).toEqual([]);
    expect(onGpu.xCutEq).toBe(cpu.xCutEq);
    expect(onGpu.xCutSource).toBe(cpu.xCutSource);
    // test/gpu/analysis.test.ts holds B_i, I_i to exact equality away from f32 ties; this state has none within 1e-5 of a cutoff
    expect(Array.from(onGpu.defectFlags)).toEqual(Array.from(cpu.defectFlags));
    expect(onGpu.defectConcentration).toBe(cpu.defectConcentration);
    let worst = 0;
    for (let i = 0; i < cpu.d2min.length; i++) worst = Math.max(worst, Math.abs(onGpu.d2min[i] - cpu.d2min[i]) / Math.max(cpu.d2min[i], 1e-6));
    console.log(`particleResults GPU vs float64: φ = ${cpu.defectConcentration}, x_cut^EQ = ${cpu.xCutEq.toFixed(4)}, max relative D²min difference ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-4);
  }, 60_000);

  it('falls back to float64 with a note when the GPU fails', async () => {
    const lost = await acquireGpu();
    lost.destroy();
    const engine = recordingEngine(lost);
    const cpu = await particleResults(model, initial, final);
    const fallback = await particleResults(model, initial, final, async () => undefined, engine, { gpuOnSoftware: true });
    expect(engine.notes).toHaveLength(1);
    expect(engine.notes[0]).toMatch(/^analysis: /);
    expect(engine.gpu).toBeNull();
    expect(fallback).toEqual(cpu);
  }, 60_000);
});
