// The finite-size scaling job (001 SM II): at each N the ensemble job's samples (curves 'N=… #k' equal to the ensemble job's
// '#k' at that N), the collapse of its own ensembles, and clear refusals; collapseAt gives the spread the fit minimizes.
import { describe, expect, it } from 'vitest';
import type { EnsembleLabResult, ScalingResult } from '../../src/engine/lab/protocol.ts';
import { collapseAt, finiteSizeScaling } from '../../src/physics/analysis/finiteSizeScaling.ts';
import { ofType, resultOf, runToEnd, smallSpec, startCommand } from './labHarness.ts';

describe('the finite-size scaling job', () => {
  const spec = smallSpec({ model: 'harmonic2d', temperature: Infinity, sweeps: 0, tMax: 5, fitWindow: { tMin: 0.1, tMax: 5 } });

  it('runs the ensemble at each N and collapses exactly those curves', async () => {
    const events = await runToEnd(startCommand({ kind: 'scaling', spec, sizes: [32, 64], samples: 2 }));
    const r = resultOf(events) as ScalingResult;
    expect(r.kind).toBe('scaling');
    expect(r.ensembles.map((e) => e.n)).toEqual([32, 64]);
    expect([...new Set(ofType(events, 'sample').map((s) => s.curve))]).toEqual(['N=32 #1', 'N=32 #2', 'N=64 #1', 'N=64 #2']);
    const ensemble = resultOf(await runToEnd(startCommand({ kind: 'ensemble', spec: { ...spec, n: 64 }, samples: 2 }))) as EnsembleLabResult;
    r.ensembles[1].t.forEach((t, j) => expect(t).toBe(ensemble.t[j]));
    ensemble.meanSpeed.forEach((v, j) => expect((r.ensembles[1].samples[0][j] + r.ensembles[1].samples[1][j]) / 2).toBeCloseTo(v, 14));
    const again = finiteSizeScaling(r.ensembles, { seed: spec.seed });
    expect(r.fit.z).toBe(again.z);
    expect(r.fit.beta).toBe(again.beta);
    // the slider's collapse at the fitted point has the fit's spread; away from it the spread grows
    const mean = r.fit.curves.map((c) => ({ n: c.n, t: c.t, speed: c.speed }));
    expect(collapseAt(mean, r.fit.z, r.fit.beta).spread).toBeCloseTo(r.fit.spread, 12);
    expect(collapseAt(mean, r.fit.z + 0.5, r.fit.beta).spread).toBeGreaterThan(r.fit.spread);
  });

  it('refuses one size, a repeated size and a minimizer other than SD', async () => {
    const error = async (job: Parameters<typeof startCommand>[0]) => ofType(await runToEnd(startCommand(job)), 'error')[0]?.message;
    expect(await error({ kind: 'scaling', spec, sizes: [64], samples: 2 })).toMatch(/at least 2 different sizes/);
    expect(await error({ kind: 'scaling', spec, sizes: [64, 64], samples: 2 })).toMatch(/at least 2 different sizes/);
    expect(await error({ kind: 'scaling', spec: { ...spec, algorithm: 'fire' }, sizes: [32, 64], samples: 2 })).toMatch(/must be sd/);
  });
});
