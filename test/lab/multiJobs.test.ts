// Ensemble, sweep and compare jobs on the float64 engine: shapes, and numbers recomputed from the physics functions.
import { describe, expect, it } from 'vitest';
import { fromConfigurationData } from '../../src/engine/lab/configurationData.ts';
import type { CompareResult, EnsembleLabResult, SweepResult } from '../../src/engine/lab/protocol.ts';
import { sampleDefects, sampleSeed } from '../../src/engine/lab/sampleStatistics.ts';
import { inherentStructureDistance } from '../../src/physics/analysis/distance.ts';
import { defectStatistics } from '../../src/physics/analysis/defects.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { MODELS } from '../../src/physics/models.ts';
import { equilibriumState, ofType, resultOf, runToEnd, smallSpec, startCommand } from './labHarness.ts';

describe('the ensemble job', () => {
  it('M samples with sampleSeed seeds, curves #1…#M, the mean of the per-sample curves and a bootstrap β', async () => {
    const spec = smallSpec({ model: 'harmonic2d', temperature: Infinity, sweeps: 0, tMax: 20, fitWindow: { tMin: 0.5, tMax: 20 } });
    const events = await runToEnd(startCommand({ kind: 'ensemble', spec, samples: 3 }));
    const r = resultOf(events) as EnsembleLabResult;
    expect(r.kind).toBe('ensemble');
    expect(r.samples).toBe(3);
    const samples = ofType(events, 'sample');
    expect([...new Set(samples.map((s) => s.curve))]).toEqual(['#1', '#2', '#3']);
    expect(ofType(events, 'system')).toHaveLength(3);
    const curves = ['#1', '#2', '#3'].map((c) => samples.filter((s) => s.curve === c).map((s) => s.sample));
    // sample k is the float64 quench of the equilibrium state of seed sampleSeed(seed, k)
    const eq = { configuration: equilibriumState(spec.model, spec.n, spec.temperature, 0, sampleSeed(spec.seed, 1)) };
    expect(curves[1].map((s) => s.speed)).toEqual(quench(MODELS.harmonic2d, eq.configuration, { algorithm: 'sd', tMax: spec.tMax, forceTolerance: 0 }).series.speed);
    expect(r.t).toEqual(curves[0].map((s) => s.t).slice(0, r.t.length));
    r.meanSpeed.forEach((v, j) => expect(v).toBeCloseTo((curves[0][j].speed + curves[1][j].speed + curves[2][j].speed) / 3, 14));
    r.meanEnergyPerParticle.forEach((e, j) => expect(e).toBeCloseTo(curves.reduce((a, c) => a + c[j].energyPerParticle, 0) / 3, 12));
    expect(r.fit?.interval).toBe('bootstrap');
    expect(r.fit!.low).toBeLessThanOrEqual(r.fit!.beta);
    expect(r.fit!.high).toBeGreaterThanOrEqual(r.fit!.beta);
    expect(r.defectConcentrations).toHaveLength(3);
    const progress = ofType(events, 'progress').map((p) => p.fraction);
    expect(progress[progress.length - 1]).toBe(1);
    for (let k = 1; k < progress.length; k++) expect(progress[k]).toBeGreaterThanOrEqual(progress[k - 1] - 1e-12);
  });
});

describe('the sweep job', () => {
  it('one point per temperature: ⟨φ⟩ and χ = N·var(φ) as recomputed, β and the mean curve', async () => {
    const spec = smallSpec({ model: 'harmonic2d', sweeps: 100, tMax: 20, fitWindow: { tMin: 0.5, tMax: 20 } });
    const events = await runToEnd(startCommand({ kind: 'sweep', spec, temperatures: [0.01, Infinity], samples: 2 }));
    const r = resultOf(events) as SweepResult;
    expect(r.points.map((p) => p.temperature)).toEqual([0.01, Infinity]);
    expect([...new Set(ofType(events, 'sample').map((s) => s.curve))]).toEqual(['T=0.01 #1', 'T=0.01 #2', 'T=inf #1', 'T=inf #2']);
    for (const p of r.points) {
      expect(p.samples).toBe(2);
      expect(p.t.length).toBe(p.meanSpeed.length);
      expect(p.fit?.interval).toBe('bootstrap');
    }
    // ⟨φ⟩ and χ recomputed: samples k = 0, 1 at T = 0.01 from equilibriumState(…, sampleSeed(seed, k)) and quench()
    const model = MODELS.harmonic2d;
    const initials = [0, 1].map((k) => equilibriumState(spec.model, spec.n, 0.01, spec.sweeps, sampleSeed(spec.seed, k)));
    const finals = initials.map((c) => quench(model, c, { algorithm: 'sd', tMax: spec.tMax, forceTolerance: 0 }).final);
    const stats = defectStatistics(sampleDefects(model, initials, finals).concentrations, spec.n);
    expect(r.points[0].meanDefects).toBe(stats.mean);
    expect(r.points[0].susceptibility).toBe(stats.chi);
  });

  it('rejects bad temperature lists with clear messages', async () => {
    for (const [temperatures, message] of [
      [[], /a sweep holds 2 to 20 temperatures, got 0/], // the limits table (src/engine/limits.ts)
      [Array.from({ length: 21 }, (_, k) => 0.1 + k), /a sweep holds 2 to 20 temperatures, got 21/],
      [[0.2, 0], /positive/],
      [[0.2, Number.NaN], /positive/],
    ] as const) {
      const events = await runToEnd(startCommand({ kind: 'sweep', spec: smallSpec(), temperatures: [...temperatures], samples: 1 }));
      expect(events).toHaveLength(1);
      expect(events[0].type).toBe('error');
      expect((events[0] as { message: string }).message).toMatch(message);
    }
  });
});

describe('the compare job', () => {
  it('one start, sd / fire / cg; the distance matrix is symmetric with zero diagonal and equals inherentStructureDistance', async () => {
    const spec = smallSpec({ tMax: 20 });
    const events = await runToEnd(startCommand({ kind: 'compare', spec, algorithms: ['sd', 'fire', 'cg'] }, 'auto'), { simulateFailure: 'no-adapter' });
    const r = resultOf(events) as CompareResult;
    expect(r.algorithms).toEqual(['sd', 'fire', 'cg']);
    expect(Object.keys(r.series)).toEqual(['sd', 'fire', 'cg']);
    expect([...new Set(ofType(events, 'sample').map((s) => s.curve))]).toEqual(['sd', 'fire', 'cg']);
    expect(ofType(events, 'system')).toHaveLength(1);
    const model = MODELS.soft2d;
    const finals = r.finals.map((f) => fromConfigurationData(f, model, spec.n));
    for (let a = 0; a < 3; a++) {
      expect(r.distances[a][a]).toBe(0);
      for (let b = 0; b < 3; b++) {
        expect(r.distances[a][b]).toBe(r.distances[b][a]);
        if (a !== b) expect(r.distances[a][b]).toBe(inherentStructureDistance(finals[a], finals[b]));
      }
    }
    expect(r.distances[0][1]).toBeGreaterThan(0);
    // the minimizers reach minima; each final is what quench() gives from the same start
    const start = fromConfigurationData(r.initial, model, spec.n);
    const cg = quench(model, start, { algorithm: 'cg' });
    expect(r.finals[2].positions).toEqual(cg.final.positions);
    expect(r.energyPerParticle[2]).toBe(cg.energyPerParticle);
    expect(r.series.fire.t.length).toBeGreaterThan(3);
  });
});
