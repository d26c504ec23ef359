import { describe, expect, it } from 'vitest';
import { defectCutoff, PAPER_CUTOFF_RANGE } from '../src/engine/defectCutoff.ts';
import type { EnsembleLabResult } from '../src/engine/lab/protocol.ts';
import { sampleSeed } from '../src/engine/lab/sampleStatistics.ts';
import { ofType, runToEnd, startCommand } from './lab/labHarness.ts';
import { DEFAULT_SPEC, validateRunSpec, type RunSpec } from '../src/engine/runSpec.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';
import { runMonteCarlo } from '../src/physics/mc/runMonteCarlo.ts';

const spec = (over: Partial<RunSpec> = {}): RunSpec => ({ ...DEFAULT_SPEC, model: 'harmonic2d', n: 200, temperature: Infinity, tMax: 10, fitWindow: { tMin: 1, tMax: 10 }, ...over });

describe('run spec', () => {
  it.each([
    [{ n: 1 }, /N must be an integer ≥ 2/],
    [{ temperature: -1 }, /temperature must be positive/],
    [{ temperature: Number.NaN }, /temperature must be positive/],
    [{ seed: 1.5 }, /seed must be an integer/],
    [{ fitWindow: { tMin: 5, tMax: 2 } }, /fit window/],
    [{ model: 'nope' as 'soft2d' }, /unknown model/],
  ])('rejects %j', (over, message) => {
    expect(() => validateRunSpec(spec(over as Partial<RunSpec>))).toThrow(message);
  });
});

describe('ensembles', () => {
  it('are reproducible from the seed, with independent samples', async () => {
    const once = async () => {
      const events = await runToEnd(startCommand({ kind: 'ensemble', spec: spec(), samples: 2 }));
      const curve = (name: string) => ofType(events, 'sample').filter((e) => e.curve === name).map((e) => e.sample.speed);
      return { r: ofType(events, 'result')[0].result as EnsembleLabResult, first: curve('#1'), second: curve('#2') };
    };
    const a = await once(), b = await once();
    expect(a.r.meanSpeed).toEqual(b.r.meanSpeed);
    expect(a.r.fit?.beta).toBe(b.r.fit?.beta);
    expect(sampleSeed(1, 0)).not.toBe(sampleSeed(1, 1));
    expect(a.first).not.toEqual(a.second);
    // the mean curve is the mean of the samples
    const j = 10;
    expect(a.r.meanSpeed[j]).toBeCloseTo((a.first[j] + a.second[j]) / 2, 14);
  });
});

describe('the defect cutoff x_cut^EQ (001 SM III)', () => {
  it('falls back to the middle of the paper range at T = ∞, where g(x) has no real minimum', () => {
    const c = randomConfiguration(MODELS.soft2d, 1000, 2);
    const r = defectCutoff(c, MODELS.soft2d);
    expect(r.xCutEq).toBeGreaterThanOrEqual(PAPER_CUTOFF_RANGE[0]);
    expect(r.xCutEq).toBeLessThanOrEqual(PAPER_CUTOFF_RANGE[1]);
  });
  it('uses the first minimum of g(x) of an equilibrated liquid, inside 1.34–1.48', () => {
    const run = runMonteCarlo(jitteredLattice(MODELS.soft2d, 900, 3), MODELS.soft2d, { temperature: 0.3, seed: 3, sweeps: 300 });
    const r = defectCutoff(run.configuration, MODELS.soft2d);
    expect(r.xCutEq).toBeGreaterThanOrEqual(1.34);
    expect(r.xCutEq).toBeLessThanOrEqual(1.48);
    expect(r.source).toMatch(/first minimum of g\(x\)/);
  });
});
