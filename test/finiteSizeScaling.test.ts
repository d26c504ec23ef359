import { describe, expect, it } from 'vitest';
import { CollapseError, finiteSizeScaling, type SizeEnsemble } from '../src/physics/analysis/finiteSizeScaling.ts';
import { createRng } from '../src/physics/rng.ts';

/** Synthetic ensembles ⟨|v|⟩ = N^{−βz} F(t/N^z) with F(x) = x^{−β} e^{−x} and 3% multiplicative noise per sample. */
function synthetic(z: number, beta: number, sizes: number[], samples: number, seed: number): SizeEnsemble[] {
  const rng = createRng(seed);
  const t = Array.from({ length: 81 }, (_, k) => 10 ** (k / 20)); // 1 … 1e4, 20 points per decade
  return sizes.map((n) => ({
    n, t,
    samples: Array.from({ length: samples }, () => t.map((x) => {
      const s = x / n ** z;
      return n ** (-beta * z) * s ** -beta * Math.exp(-s) * (1 + 0.03 * rng.normal());
    })),
  }));
}

describe('finite-size scaling collapse (001 SM II)', () => {
  it('recovers z and β jointly from synthetic curves N^{−βz} F(t/N^z), inside its bootstrap interval', () => {
    const r = finiteSizeScaling(synthetic(0.75, 0.75, [256, 1024, 4096, 16384], 6, 1), { resamples: 16 });
    expect(r.z).toBeCloseTo(0.75, 1);
    expect(r.beta).toBeCloseTo(0.75, 1);
    expect(r.interval.z[0]).toBeLessThanOrEqual(r.z);
    expect(r.interval.z[1]).toBeGreaterThanOrEqual(r.z);
    expect(r.interval.z[0]).toBeLessThan(0.77);
    expect(r.interval.z[1]).toBeGreaterThan(0.73);
    expect(r.curves.map((c) => c.n)).toEqual([256, 1024, 4096, 16384]);
    // the collapsed coordinates are t/N^z and N^{βz}⟨|v|⟩
    const c = r.curves[1];
    expect(c.x[10]).toBeCloseTo(c.t[10] / 1024 ** r.z, 12);
    expect(c.y[10]).toBeCloseTo(c.speed[10] * 1024 ** (r.beta * r.z), 12);
  });

  it('recovers a different z with β held fixed, and tells it from the wrong one', () => {
    const data = synthetic(0.4, 0.85, [500, 2000, 8000], 4, 2);
    const r = finiteSizeScaling(data, { beta: 0.85, resamples: 8 });
    expect(r.beta).toBe(0.85);
    expect(r.betaFixed).toBe(true);
    expect(Math.abs(r.z - 0.4)).toBeLessThan(0.03);
    // a collapse forced at z = 0.75 is much worse
    const forced = finiteSizeScaling(data, { beta: 0.85, zRange: [0.74, 0.76], resamples: 0 });
    expect(forced.spread).toBeGreaterThan(20 * r.spread);
  });

  it('refuses a single size with a clear message', () => {
    expect(() => finiteSizeScaling(synthetic(0.75, 0.75, [256], 2, 3))).toThrow(CollapseError);
    expect(() => finiteSizeScaling(synthetic(0.75, 0.75, [256], 2, 3))).toThrow(/at least 2 system sizes/);
  });
});
