// Normal modes along the lab's quench (002 §III A) and the harmonic prediction of 000 App. B as lab jobs: the streamed W
// levels against the physics run independently to the same time, and the prediction's approximate spectrum against the exact.
import { describe, expect, it } from 'vitest';
import { fromConfigurationData, toConfigurationData } from '../../src/engine/lab/configurationData.ts';
import type { HarmonicResult, SingleResult } from '../../src/engine/lab/protocol.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { landscapeForces, meanSquaredForce } from '../../src/physics/descent/state.ts';
import { createLandscape } from '../../src/physics/forces.ts';
import { MODELS } from '../../src/physics/models.ts';
import { allEigenvalues, hessianProblem } from '../../src/physics/analysis/modes/normalModes.ts';
import { harmonicPrediction, harmonicSpectrum } from '../../src/physics/analysis/modes/harmonicSpectrum.ts';
import { harmonicSpeed } from '../../src/physics/analysis/modes/harmonicRelaxation.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { equilibriumState, ofType, resultOf, runToEnd, smallSpec, startCommand } from './labHarness.ts';

describe('normal modes along the quench (the single job with modesAlongQuench)', () => {
  it('streams one row per W level, each the configuration SD reaches at that t, with the exact f_u of its Hessian', async () => {
    const spec = smallSpec({ tMax: 30 });
    const events = await runToEnd(startCommand({ kind: 'single', spec, quench: { modesAlongQuench: true } }));
    const r = resultOf(events) as SingleResult;
    const streamed = ofType(events, 'level').map((e) => e.level);
    expect(streamed.length).toBeGreaterThanOrEqual(4);
    expect(r.landscapeLevels).toEqual(streamed);
    const model = MODELS.soft2d;
    const eq = equilibriumState(spec.model, spec.n, spec.temperature, spec.sweeps, spec.seed);
    streamed.forEach((row, k) => {
      expect(row.w).toBeLessThanOrEqual(row.level);
      if (k > 0) { expect(row.level).toBeLessThan(streamed[k - 1].level); expect(row.t).toBeGreaterThanOrEqual(streamed[k - 1].t); }
      expect(row.method).toBe('exact');
      // The physics alone, run to the row's t: the same W, and f_u counted from every eigenvalue.
      const q = quench(model, eq, { algorithm: 'sd', tMax: row.t, forceTolerance: 0 });
      const land = createLandscape(model, q.final);
      const f = new Float64Array(q.final.positions.length);
      landscapeForces(land)(q.final.positions.slice(), f);
      expect(meanSquaredForce(f, spec.n)).toBeCloseTo(row.w, 12);
      const values = allEigenvalues(hessianProblem(land, q.final.positions));
      expect(row.fu).toBeCloseTo(values.filter((l) => l < 0).length / values.length, 12);
      expect(row.lowestEigenvalue).toBeCloseTo(values[0], 8);
      expect(row.participation === null).toBe(!(values[0] < 0));
    });
    // f_u shrinks along the quench (002 Fig. 4): fewer unstable directions at the last level than at the first.
    expect(streamed[streamed.length - 1].fu).toBeLessThan(streamed[0].fu);
  });

  it('refuses a minimizer other than SD with a message that says why', async () => {
    const events = await runToEnd(startCommand({ kind: 'single', spec: smallSpec({ algorithm: 'fire' }), quench: { modesAlongQuench: true } }));
    const last = events[events.length - 1];
    expect(last.type).toBe('error');
    expect(last.type === 'error' && last.message).toMatch(/steepest descent/);
  });
});

describe('the harmonic prediction (000 App. B) as a lab job', () => {
  const model = MODELS.soft2d;
  const is = quench(model, jitteredLattice(model, 100, 4), { algorithm: 'fire', forceTolerance: 1e-12 }).final;

  it('the deflated stochastic spectrum predicts ⟨|v(t)|⟩ within 2% of the exact spectrum', () => {
    const land = createLandscape(model, is);
    const exact = harmonicSpectrum(land, is.positions);
    const approx = harmonicSpectrum(land, is.positions, { exactLimit: 0, lowestCount: 10, vectors: 30, steps: 60, seed: 2 });
    expect(exact.method).toBe('exact');
    expect(approx.method).toBe('deflated-slq');
    const weights = approx.weights as ArrayLike<number>;
    let total = 0;
    for (let k = 0; k < weights.length; k++) total += weights[k];
    expect(total).toBeCloseTo(exact.modes, 8); // every mode is stood for once
    expect(Array.from(approx.lowest)).toEqual(Array.from(approx.lowest).sort((a, b) => a - b));
    for (let k = 0; k < 10; k++) expect(approx.lowest[k]).toBeCloseTo(exact.values[k], 6);
    for (const t of [0.01, 0.1, 1, 10]) {
      expect(Math.abs(harmonicSpeed(approx, 0.01, 100, t) / harmonicSpeed(exact, 0.01, 100, t) - 1)).toBeLessThan(0.02);
    }
  });

  it('the harmonic job and the single job with harmonicPrediction give the prediction of the final state', async () => {
    const spec = smallSpec({ n: 100, temperature: 0.02, sweeps: 0, tMax: 5 });
    const h = resultOf(await runToEnd(startCommand({ kind: 'harmonic', spec, start: toConfigurationData(is), harmonic: { temperature: 0.02, times: [0.1, 1] } }))) as HarmonicResult;
    const land = createLandscape(model, is);
    const expected = harmonicPrediction(harmonicSpectrum(land, is.positions), 0.02, 100, [0.1, 1]);
    expect(h.speed).toEqual(expected.speed);
    expect(h.energyExcessPerParticle).toEqual(expected.energyExcessPerParticle);
    expect(h.method).toBe('exact');
    expect(h.negative).toBe(0);
    expect(h.vdos).not.toBeNull();

    const single = resultOf(await runToEnd(startCommand({ kind: 'single', spec, start: toConfigurationData(is), quench: { harmonicPrediction: true } }))) as SingleResult;
    const final = fromConfigurationData(single.final, model, 100);
    const times = single.series.t.filter((t) => t > 0);
    expect(single.harmonic?.t).toEqual(times);
    expect(single.harmonic?.speed).toEqual(harmonicPrediction(harmonicSpectrum(createLandscape(model, final), final.positions), 0.02, 100, times).speed);
  });

  it('refuses a harmonic job without a finite temperature', async () => {
    const events = await runToEnd(startCommand({ kind: 'harmonic', spec: smallSpec(), start: toConfigurationData(is), harmonic: { temperature: Infinity } }));
    expect(events[events.length - 1]).toMatchObject({ type: 'error', message: expect.stringMatching(/finite temperature/) });
  });
});
