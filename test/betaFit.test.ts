import { describe, expect, it } from 'vitest';
import { curveBetaFit, ensembleBetaFit } from '../src/physics/analysis/betaFit.ts';
import { createRng } from '../src/physics/rng.ts';

const grid = Array.from({ length: 61 }, (_, k) => 10 ** (-1 + k / 20)); // 0.1 … 100, 20 per decade

describe('β with an interval (000 Eq. 3)', () => {
  it('an exact power law gives β exactly and a zero-width regression interval', () => {
    const v = grid.map((t) => 2 * t ** -0.92);
    const f = curveBetaFit(grid, v, { tMin: 3, tMax: 100 })!;
    expect(f.beta).toBeCloseTo(0.92, 12);
    expect(f.high - f.low).toBeLessThan(1e-9);
    expect(Math.exp(f.logPrefactor)).toBeCloseTo(2, 10);
    expect(f.points).toBe(31);
    expect(f.interval).toBe('regression');
  });

  it('the regression interval covers β about 95% of the time for independent log-normal noise', () => {
    const rng = createRng(7, 0);
    let covered = 0;
    const trials = 400;
    for (let k = 0; k < trials; k++) {
      const v = grid.map((t) => t ** -1.1 * Math.exp(0.05 * (rng.uniform() + rng.uniform() + rng.uniform() - 1.5) * 2));
      const f = curveBetaFit(grid, v, { tMin: 1, tMax: 100 })!;
      if (f.low <= 1.1 && 1.1 <= f.high) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.9);
    expect(covered / trials).toBeLessThan(0.99);
  });

  it('a window with fewer than 3 points gives null, not an error', () => {
    const v = grid.map((t) => t ** -1);
    expect(curveBetaFit(grid, v, { tMin: 50, tMax: 60 })).toBeNull();
    expect(ensembleBetaFit(grid, [], { tMin: 1, tMax: 10 })).toBeNull();
  });

  it('an ensemble fits the mean curve and its bootstrap interval brackets β', () => {
    const rng = createRng(3, 0);
    const samples = Array.from({ length: 12 }, () => {
      const a = 1 + 0.3 * (rng.uniform() - 0.5);
      const b = 0.9 + 0.05 * (rng.uniform() - 0.5);
      return grid.map((t) => a * t ** -b);
    });
    const f = ensembleBetaFit(grid, samples, { tMin: 3, tMax: 100 }, 300)!;
    expect(f.interval).toBe('bootstrap');
    expect(f.samples).toBe(12);
    expect(f.low).toBeLessThan(f.beta);
    expect(f.high).toBeGreaterThan(f.beta);
    expect(f.beta).toBeGreaterThan(0.87);
    expect(f.beta).toBeLessThan(0.93);
  });
});
