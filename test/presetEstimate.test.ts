// Preset time estimates (issue 13): N × (t_max/Δt) × (s per particle-step) + analysis, and the shortening to the budget.
import { describe, expect, it } from 'vitest';
import { calibrationSpec, CALIBRATION_STEPS, estimateSeconds, fitToBudget, formatEstimate, quenchSteps, stepCost } from '../src/engine/presetEstimate.ts';
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
    expect(f.spec).toEqual(ka);
  });

  it('shortens t_max and the window\'s end to fit the budget, keeping its start', () => {
    const f = fitToBudget(ka, { ...c, secondsPerParticleStep: 1e-6 }, 60); // 101 s at full length
    expect(f.shortenedFrom).toBe(10);
    expect(f.seconds).toBeLessThanOrEqual(60);
    expect(f.seconds).toBeGreaterThan(50); // not shortened more than it needs (two significant digits of t_max)
    expect(f.spec.tMax).toBeCloseTo(5.9, 12); // (60 − 1) s / (1000 × 1e-6 s) × 1e-4 = 5.9
    expect(f.spec.fitWindow).toEqual({ tMin: 0.3, tMax: f.spec.tMax });
    expect(() => validateRunSpec(f.spec)).not.toThrow();
  });

  it('keeps half a decade of fit window at least, and then says the estimate honestly', () => {
    const slow = { ...c, secondsPerParticleStep: 2e-5 };
    const f = fitToBudget(ka, slow, 60);
    expect(f.spec.tMax).toBe(0.95); // t_min × 10^0.5 = 0.949, rounded up
    expect(f.seconds).toBeCloseTo(1000 * 9500 * 2e-5 + 1, 6); // 191 s, over the budget
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
