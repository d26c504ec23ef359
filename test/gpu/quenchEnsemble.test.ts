// An ensemble of GPU quenches (src/engine/ensemble.ts runEnsembleWith + src/engine/quenchEngine.ts) against the float64 one:
// the same samples (same seeds and starting states), so β must agree within the bootstrap interval. Small on purpose
// (harmonic2d, N = 400, 4 samples from T = ∞, t ≤ 30): the statement is "the engines agree", not "β = 0.92".
import { describe, expect, it } from 'vitest';
import { runEnsemble, runEnsembleWith } from '../../src/engine/ensemble.ts';
import { openQuenchEngine } from '../../src/engine/quenchEngine.ts';
import type { RunSpec } from '../../src/engine/runSpec.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';
import { worstRelativeDifference } from './quenchStates.ts';

describe.skipIf(!gpuAvailable)(`GPU ensembles${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  it('give the float64 engine\'s β within the bootstrap interval (harmonic2d, N = 400, 4 samples)', async () => {
    const spec: RunSpec = {
      model: 'harmonic2d', n: 400, temperature: Infinity, seed: 7, sweeps: 0, algorithm: 'sd', tMax: 30, forceTolerance: 0,
      fitWindow: { tMin: 1, tMax: 30 },
    };
    const cpu = runEnsemble(spec, 4);
    const engine = await openQuenchEngine('gpu', 'sd');
    try {
      expect(engine.current).toBe('gpu');
      const engines: string[] = [];
      const gpu = await runEnsembleWith(spec, 4, async (model, c, options) => {
        const q = await engine.quench(model, c, options);
        engines.push(q.engine);
        return q;
      });
      const speed = worstRelativeDifference(gpu.meanSpeed, cpu.meanSpeed);
      console.log(`β: GPU ${gpu.fit.beta.toFixed(5)} [${gpu.fit.low.toFixed(4)}, ${gpu.fit.high.toFixed(4)}], `
        + `float64 ${cpu.fit.beta.toFixed(5)} [${cpu.fit.low.toFixed(4)}, ${cpu.fit.high.toFixed(4)}]; max relative difference of ⟨|v(t)|⟩ ${speed.toExponential(2)}; `
        + `⟨φ⟩ GPU ${gpu.defects.mean.toFixed(4)}, float64 ${cpu.defects.mean.toFixed(4)}`);
      expect(engines).toEqual(['gpu', 'gpu', 'gpu', 'gpu']);
      expect(gpu.t).toEqual(cpu.t);
      expect(gpu.fit.beta).toBeGreaterThanOrEqual(cpu.fit.low);
      expect(gpu.fit.beta).toBeLessThanOrEqual(cpu.fit.high);
      expect(cpu.fit.beta).toBeGreaterThanOrEqual(gpu.fit.low);
      expect(cpu.fit.beta).toBeLessThanOrEqual(gpu.fit.high);
    } finally {
      engine.close();
    }
  });
});
