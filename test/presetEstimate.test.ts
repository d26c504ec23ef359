// Preset time estimates (issue 13): N × (t_max/Δt) × (s per particle-step) + analysis, and the shortening to the budget.
import { describe, expect, it } from 'vitest';
import { calibrationSpec, CALIBRATION_STEPS, estimateSeconds, fitToBudget, formatEstimate, MC_MOVE_PARTICLE_STEPS, MIN_SHRUNK_N, quenchSteps, stepCost } from '../src/engine/presetEstimate.ts';
import { getModel, randomConfiguration } from '../src/physics/models.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { getPreset, PRESETS, presetSpec } from '../src/engine/presets.ts';
import { validateRunSpec } from '../src/engine/runSpec.ts';

describe('preset estimates', () => {
  const ka = presetSpec(getPreset('ka3d-hot'), 'cpu'); // N = 1000, t_max = 10, Δt = 1e-4: 1e5 steps
  const c = { engine: 'cpu' as const, secondsPerParticleStep: 2e-6, startSeconds: 0, analysisSeconds: 1 };

  it('counts particle-steps at the model\'s Δt', () => {
    expect(quenchSteps(ka)).toBe(100_000);
    expect(estimateSeconds(ka, c)).toBeCloseTo(1000 * 1e5 * 2e-6 + 1, 9); // 201 s
  });

  it('leaves a preset under the budget as it is', () => {
    const fast = { ...c, secondsPerParticleStep: 1e-7 }; // 11 s
    const f = fitToBudget(ka, fast, 60);
    expect(f.shortenedFrom).toBeNull();
    expect(f.shrunkFrom).toBeNull();
    expect(f.spec).toEqual(ka);
  });

  it('over the budget, shrinks N with the window\'s end along the finite-size cut-off t ~ N^z, not t_max alone', () => {
    // 88 s at full size (KA under load, issue 13): 1000 × 1e5 × 8.7e-7 s + 1 s.
    const loaded = { ...c, secondsPerParticleStep: 8.7e-7 };
    expect(estimateSeconds(ka, loaded)).toBeCloseTo(88, 6);
    const f = fitToBudget(ka, loaded, 60);
    expect(f.shrunkFrom).toBe(1000);
    expect(f.spec.n).toBeLessThan(1000);
    expect(f.spec.n).toBeGreaterThanOrEqual(250); // at most a quarter off: one sample's scatter at most doubles
    // The window's end follows t_c ∝ N^0.4 (3D): its ratio to the cut-off stays the preset's (within two-digit rounding).
    const scaled = 10 * (f.spec.n / 1000) ** 0.4;
    expect(f.spec.tMax).toBeLessThanOrEqual(scaled);
    expect(f.spec.tMax).toBeGreaterThan(scaled - 0.1);
    expect(f.spec.fitWindow).toEqual({ tMin: 0.3, tMax: f.spec.tMax });
    // No shipped state at the new N: it equilibrates its 5000 sweeps, and the estimate counts them.
    expect(f.spec.initialState).toBeUndefined();
    expect(f.seconds).toBeCloseTo(1 + f.spec.n * (f.spec.tMax / 1e-4) * 8.7e-7 + f.spec.n * 5000 * MC_MOVE_PARTICLE_STEPS * 8.7e-7, 6);
    expect(f.seconds).toBeLessThanOrEqual(60);
    expect(f.seconds).toBeGreaterThan(55); // not shrunk more than it needs
    // More decades of fit window than cutting t_max alone at N = 1000: (60 − 1) s / (1000 × 8.7e-7 s) × 1e-4 = 6.8.
    const tOnly = (59 / (1000 * 8.7e-7)) * 1e-4;
    expect(f.spec.tMax).toBeGreaterThan(tOnly + 1);
    expect(() => validateRunSpec(f.spec)).not.toThrow();
    // KA in the last quiet run (38.7 s): left as it is.
    expect(fitToBudget(ka, { ...c, secondsPerParticleStep: 3.77e-7 }, 60)).toMatchObject({ shrunkFrom: null, shortenedFrom: null, spec: ka });
  });

  it('cuts t_max past the fit window first, keeping N and the window', () => {
    const hot = presetSpec(getPreset('soft2d-hot'), 'cpu'); // N = 1024, t_max = 100, fit [3, 30], Δt = 0.001: 1e5 steps
    const f = fitToBudget(hot, { ...c, secondsPerParticleStep: 1e-6 }, 60); // 103 s at full length
    expect(f.shrunkFrom).toBeNull();
    expect(f.shortenedFrom).toBe(100);
    expect(f.spec.n).toBe(1024);
    expect(f.spec.initialState).toBe(hot.initialState);
    expect(f.spec.fitWindow).toEqual({ tMin: 3, tMax: 30 });
    expect(f.spec.tMax).toBeCloseTo(57, 12); // (60 − 1) s / (1024 × 1e-6 s) × 0.001 = 57.6
  });

  it('stops at a quarter of N and half a decade of fit window, and then says the estimate honestly', () => {
    const slow = { ...c, secondsPerParticleStep: 2e-5 };
    const f = fitToBudget(ka, slow, 60);
    expect(f.spec.n).toBe(250);
    expect(f.spec.tMax).toBe(0.95); // t_min × 10^0.5 = 0.949, rounded up
    expect(f.seconds).toBeCloseTo(1 + 250 * 9500 * 2e-5 + 250 * 5000 * MC_MOVE_PARTICLE_STEPS * 2e-5, 6); // 173.5 s, over the budget (191 s at N = 1000)
  });

  it('never shrinks a preset below a box that holds twice its interaction range, nor below its own N for a small preset', () => {
    const slow = { ...c, secondsPerParticleStep: 1e-3 }; // everything at its floor
    for (const p of PRESETS) {
      for (const engine of ['cpu', 'gpu'] as const) {
        const own = presetSpec(p, engine);
        const f = fitToBudget(own, slow, 60);
        if (own.n <= MIN_SHRUNK_N || f.spec.n === own.n) expect(f.spec.initialState).toBe(own.initialState); // kept whole
        else {
          expect(f.spec.n).toBeGreaterThanOrEqual(MIN_SHRUNK_N);
          expect(f.spec.n).toBeLessThanOrEqual(Math.max(own.n / 4, MIN_SHRUNK_N)); // at its floor: a quarter, to two digits
          expect(f.spec.n).toBeGreaterThan(0.9 * Math.max(own.n / 4, MIN_SHRUNK_N));
        }
        expect(() => validateRunSpec(f.spec)).not.toThrow();
        const model = getModel(f.spec.model);
        // The neighbour list checks L ≥ 2 × range and throws "use more particles" otherwise.
        expect(() => createLandscape(model, randomConfiguration(model, f.spec.n, 1)), `${p.id} at N = ${f.spec.n}`).not.toThrow();
      }
    }
    expect(fitToBudget(presetSpec(getPreset('ka3d-fs-modes'), 'cpu'), slow, 60).shrunkFrom).toBeNull(); // N = 200 already
  });

  it('keeps a deep glass at its own N when re-equilibrating a smaller one would cost more than it saves', () => {
    const cold = presetSpec(getPreset('soft2d-cold'), 'cpu'); // N = 1024, 200000 sweeps, t_max = 20, fit [0.05, 1], Δt = 0.001
    const slow = { ...c, secondsPerParticleStep: 1e-4 };
    const f = fitToBudget(cold, slow, 60);
    expect(f.spec.n).toBe(1024);
    expect(f.spec.initialState).toBe(cold.initialState);
    expect(f.spec.tMax).toBe(0.57); // (60 − 1) s / (1024 × 1e-4 s) × 0.001 = 0.576, inside [0.05, 1] above half a decade
    expect(f.spec.fitWindow).toEqual({ tMin: 0.05, tMax: 0.57 });
    // At N = 250 its 200000 sweeps alone would take 250 × 2e5 × 5 × 1e-4 s = 25000 s.
    expect(f.seconds).toBeCloseTo(1 + 1024 * 570 * 1e-4, 6);
  });

  it('splits a quench\'s cost into start-up and steps from the short and long runs', () => {
    // 1000 particles: a start of 0.3 s and 1e-6 s per particle-step give 0.4 s (100 steps) and 0.7 s (400 steps).
    const cost = stepCost(1000, 0.4, 0.7);
    expect(cost.secondsPerParticleStep).toBeCloseTo(1e-6, 15);
    expect(cost.startSeconds).toBeCloseTo(0.3, 12);
    expect(stepCost(1000, 0.7, 0.5)).toEqual({ secondsPerParticleStep: 0.5 / 400 / 1000, startSeconds: 0.7 - 0.5 / 4 }); // noisy: the mean
    expect(estimateSeconds(ka, { ...c, ...cost })).toBeCloseTo(0.3 + 1000 * 1e5 * 1e-6 + 1, 9);
  });

  it('calibrates on CALIBRATION_STEPS steps of every preset with a valid spec', () => {
    for (const p of PRESETS) {
      for (const engine of ['cpu', 'gpu'] as const) {
        for (const steps of [CALIBRATION_STEPS.short, CALIBRATION_STEPS.long]) {
          const s = calibrationSpec(presetSpec(p, engine), steps);
          expect(quenchSteps(s)).toBe(steps);
          expect(() => validateRunSpec(s)).not.toThrow();
        }
      }
    }
  });

  it('formats estimates for a card', () => {
    expect(formatEstimate(0.2)).toBe('≈ 1 s');
    expect(formatEstimate(4.4)).toBe('≈ 4 s');
    expect(formatEstimate(47)).toBe('≈ 45 s');
    expect(formatEstimate(200)).toBe('≈ 3 min');
  });
});
