// An ensemble job on the GPU engine against the same job on the float64 one (src/engine/lab/ensembleJob.ts, the code the CLI's
// `ensemble --engine gpu` runs): the same samples (same seeds and starting states), so β must agree within the bootstrap
// interval. Small on purpose (harmonic2d, N = 400, 4 samples from T = ∞, t ≤ 30): the statement is "the engines agree".
import { describe, expect, it } from 'vitest';
import type { EnsembleLabResult } from '../../src/engine/lab/protocol.ts';
import type { RunSpec } from '../../src/engine/runSpec.ts';
import { defectStatistics } from '../../src/physics/analysis/defects.ts';
import { ofType, resultOf, runToEnd, startCommand } from '../lab/labHarness.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';
import { worstRelativeDifference } from './quenchStates.ts';

describe.skipIf(!gpuAvailable)(`GPU ensembles${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  it('give the float64 engine\'s β within the bootstrap interval (harmonic2d, N = 400, 4 samples)', async () => {
    const spec: RunSpec = {
      model: 'harmonic2d', n: 400, temperature: Infinity, seed: 7, sweeps: 0, algorithm: 'sd', tMax: 30, forceTolerance: 0,
      fitWindow: { tMin: 1, tMax: 30 },
    };
    const job = { kind: 'ensemble' as const, spec, samples: 4 };
    const cpu = resultOf(await runToEnd(startCommand(job, 'cpu'))) as EnsembleLabResult;
    const events = await runToEnd(startCommand(job, 'gpu'));
    const gpu = resultOf(events) as EnsembleLabResult;
    const speed = worstRelativeDifference(gpu.meanSpeed, cpu.meanSpeed);
    const phi = (r: EnsembleLabResult) => defectStatistics(r.defectConcentrations, spec.n).mean;
    console.log(`β: GPU ${gpu.fit!.beta.toFixed(5)} [${gpu.fit!.low.toFixed(4)}, ${gpu.fit!.high.toFixed(4)}], `
      + `float64 ${cpu.fit!.beta.toFixed(5)} [${cpu.fit!.low.toFixed(4)}, ${cpu.fit!.high.toFixed(4)}]; max relative difference of ⟨|v(t)|⟩ ${speed.toExponential(2)}; `
      + `⟨φ⟩ GPU ${phi(gpu).toFixed(4)}, float64 ${phi(cpu).toFixed(4)}`);
    expect(ofType(events, 'engine').map((e) => e.engine)).toEqual(['gpu']); // no fallback
    expect(gpu.engine).toBe('gpu');
    expect(gpu.t).toEqual(cpu.t);
    expect(gpu.fit!.beta).toBeGreaterThanOrEqual(cpu.fit!.low);
    expect(gpu.fit!.beta).toBeLessThanOrEqual(cpu.fit!.high);
    expect(cpu.fit!.beta).toBeGreaterThanOrEqual(gpu.fit!.low);
    expect(cpu.fit!.beta).toBeLessThanOrEqual(gpu.fit!.high);
  });
});
