// The steppable quench and Monte Carlo the worker runs in slices give the very numbers of the one-call versions.
import { describe, expect, it } from 'vitest';
import { quench, startQuench, type Algorithm } from '../../src/physics/descent/quench.ts';
import { runMonteCarlo, startMonteCarlo } from '../../src/physics/mc/runMonteCarlo.ts';
import { initMonteCarlo, monteCarloSweep } from '../../src/physics/mc/swapMonteCarlo.ts';
import { MODELS, randomConfiguration } from '../../src/physics/models.ts';

describe('startQuench in slices', () => {
  const model = MODELS.harmonic2d;
  const start = randomConfiguration(model, 100, 5);
  const cases: [Algorithm, object][] = [['sd', { tMax: 20, forceTolerance: 0 }], ['fire', {}], ['cg', {}], ['sd', { tMax: 50, forceTolerance: 1e-2 }]];
  for (const [algorithm, extra] of cases) {
    it(`${algorithm} ${JSON.stringify(extra)}: series, final positions and stop reason bit-identical to quench()`, () => {
      const options = { algorithm, ...extra };
      const whole = quench(model, start, options);
      const samples: number[] = [];
      const run = startQuench(model, start, { ...options, onSample: (s) => samples.push(s.t) });
      let k = 0;
      while (!run.advance({ maxSteps: 1 + (k++ % 11) })) {
        expect(run.positions()).toHaveLength(start.positions.length);
        expect(run.reason).toBeNull();
      }
      const sliced = run.finish();
      expect(sliced.series).toEqual(whole.series);
      expect(samples).toEqual(whole.series.t);
      expect(sliced.final.positions).toEqual(whole.final.positions);
      expect(sliced.reason).toBe(whole.reason);
      expect(sliced.steps).toBe(whole.steps);
      expect(sliced.forceCalls).toBe(whole.forceCalls);
      expect(sliced.energyPerParticle).toBe(whole.energyPerParticle);
      expect(run.positions()).toEqual(whole.final.positions); // original order, wrapped
    });
  }

  it('runs to a deadline, and finish() before the end is a cancellation with the last state sampled', () => {
    const run = startQuench(model, start, { algorithm: 'sd', tMax: 1e3, forceTolerance: 0 });
    expect(run.advance({ deadlineMs: performance.now() + 5 })).toBe(false);
    expect(run.step).toBeGreaterThan(0);
    const forces = run.particleForces();
    const r = run.finish();
    expect(r.reason).toBe('cancelled');
    expect(r.series.step[r.series.step.length - 1]).toBe(r.steps);
    const w = forces.reduce((a, f) => a + f * f, 0) / forces.length;
    expect(Math.sqrt(w)).toBeCloseTo(r.series.speed[r.series.speed.length - 1], 12); // |f_i| per particle gives ⟨|v|⟩
  });
});

describe('startMonteCarlo in slices', () => {
  it('gives the configuration, records, counts and energy refreshes of runMonteCarlo, in whole sweeps or cut inside sweeps', () => {
    const model = MODELS.soft2d;
    const start = randomConfiguration(model, 600, 9); // overlapping: the running energy gets recomputed on the way down
    const options = { temperature: 0.5, seed: 4, sweeps: 12, recordEvery: 3 };
    const whole = runMonteCarlo(start, model, options);
    const reference = initMonteCarlo(start, model, options); // the serial sampler's own sweep, monteCarloSweep
    for (let k = 0; k < options.sweeps; k++) monteCarloSweep(reference);
    expect(whole.configuration).toEqual(reference.configuration);
    expect(whole.energyPerParticle[whole.energyPerParticle.length - 1]).toBe(reference.energy / 600);
    const bySweeps = startMonteCarlo(start, model, options);
    let k = 0;
    while (!bySweeps.advance({ maxSweeps: 1 + (k++ % 4) }));
    const byDeadline = startMonteCarlo(start, model, options);
    let calls = 0;
    while (!byDeadline.advance({ deadlineMs: performance.now() })) calls++; // 512 trials a call
    expect(calls).toBeGreaterThan(options.sweeps);
    expect(byDeadline.state.energyRefreshes).toBeGreaterThan(0);
    for (const stepper of [bySweeps, byDeadline]) {
      expect(stepper.run.configuration).toEqual(whole.configuration);
      expect(stepper.run.recordedSweeps).toEqual(whole.recordedSweeps);
      expect(stepper.run.energyPerParticle).toEqual(whole.energyPerParticle);
      expect(stepper.run.meanSquaredDisplacement).toEqual(whole.meanSquaredDisplacement);
      expect(stepper.run.counts).toEqual(whole.counts);
      expect(stepper.state.energyRefreshes).toBe(reference.energyRefreshes);
      expect(stepper.state.energy).toBe(reference.energy);
    }
  });
});
