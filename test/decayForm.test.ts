// The power-law / exponential test of 000 Fig. 1 on exact curves, and the T_SF bracket.
import { describe, expect, it } from 'vitest';
import { decayFormTest, stateFollowingBracket } from '../src/physics/analysis/decayForm.ts';

const t = Array.from({ length: 61 }, (_, k) => 10 ** (-1 + k / 20)); // 0.1 … 1000

describe('power law or exponential (000 Fig. 1)', () => {
  it('tells t^−0.75 from e^−t/20 and reads their exponent and rate', () => {
    const power = decayFormTest(t, t.map((x) => 2 * x ** -0.75), { tMin: 1, tMax: 1000 });
    expect(power.form).toBe('power law');
    expect(power.beta).toBeCloseTo(0.75, 12);
    expect(power.powerLawResidual).toBeLessThan(1e-12);
    const exp = decayFormTest(t, t.map((x) => 0.3 * Math.exp(-x / 20)), { tMin: 1, tMax: 300 });
    expect(exp.form).toBe('exponential');
    expect(exp.rate).toBeCloseTo(1 / 20, 12);
  });

  it('leaves out points at the machine floor and refuses too few points', () => {
    const v = t.map((x) => Math.max(Math.exp(-x), 1e-300));
    const r = decayFormTest(t, v, { tMin: 0.1, tMax: 1000 });
    expect(r.form).toBe('exponential');
    expect(r.points).toBe(t.filter((x) => Math.exp(-x) > 1e-12).length);
    expect(() => decayFormTest(t, t.map(() => 0), { tMin: 1, tMax: 10 })).toThrow(/at least 4 points/);
  });

  it('brackets T_SF between the highest exponential and the lowest power-law temperature', () => {
    const pts = [{ temperature: 0.015, form: 'power law' as const }, { temperature: 0.006, form: 'power law' as const }, { temperature: 0.002, form: 'exponential' as const }, { temperature: 0.0001, form: 'exponential' as const }];
    expect(stateFollowingBracket(pts)).toEqual([0.002, 0.006]);
    expect(stateFollowingBracket(pts.slice(0, 2))).toBeNull();
    expect(stateFollowingBracket([{ temperature: 0.01, form: 'exponential' }, { temperature: 0.001, form: 'power law' }])).toBeNull();
  });
});
