// The cutoff diagnostic of the nonlinear statistics (issue 11, 003 Eq. 32): which pairs break τ² ≤ 3κχ on their own, the
// share of τ(z) they carry, and the bound counted over the cubic modes that are not cutoff artefacts.
import { describe, expect, it } from 'vitest';
import { pairDerivatives, expansionCoefficients } from '../src/physics/pairDerivatives.ts';
import { softSpherePotential } from '../src/physics/potentials.ts';
import { nonlinearStatistics, type NonlinearSample } from '../src/physics/nonlinear/statistics.ts';
import { pairBreaksBound, tauShareOfBoundBreakingPairs } from '../src/physics/nonlinear/cutoffShare.ts';
import { expansionOf, type PairExpansion } from '../src/physics/nonlinear/index.ts';

describe('pairs that break 003 Eq. (32) on their own', () => {
  const pot = softSpherePotential;
  it('a soft-sphere pair in the bulk of its range follows the r⁻¹² value (n + 2)/(3(n + 3)) = 14/45', () => {
    const ratio = (x: number) => pot.d3u(x) ** 2 / (3 * pot.d2u(x) * pot.d4u(x));
    expect(ratio(0.9)).toBeCloseTo(14 / 45, 1);
    for (const x of [0.9, 1.0, 1.1, 1.2]) expect(pairBreaksBound(pot, x)).toBe(false);
  });
  it('in the last 3% of the range (u″ → 0 with u‴(x_c) ≠ 0) a pair breaks it', () => {
    expect(pot.d2u(pot.xc - 1e-9)).toBeCloseTo(0, 6);
    expect(Math.abs(pot.d3u(pot.xc))).toBeGreaterThan(50);
    for (const x of [1.22, 1.24, 1.249]) expect(pairBreaksBound(pot, x)).toBe(true);
  });
});

// Three particles on a line: 0–1 at x = 1.0, 1–2 at x = 1.24 (s = 1, ε = 1); z moves particle 2 only or particle 0 only.
function chain(): PairExpansion {
  const coef = new Float64Array(8);
  const xs = [1.0, 1.24];
  xs.forEach((x, q) => expansionCoefficients(pairDerivatives(softSpherePotential, 1, 1, x), x, coef, 4 * q));
  return {
    n: 3, dim: 1, first: Int32Array.from([0, 1]), second: Int32Array.from([1, 2]),
    separations: Float64Array.from(xs), coefficients: coef, reduced: Float64Array.from(xs),
  };
}

describe('share of τ from those pairs', () => {
  it('is 1 for a field that only stretches the pair at the cutoff, 0 for one that only moves the bulk pair', () => {
    const pe = chain();
    expect(tauShareOfBoundBreakingPairs(pe, Float64Array.from([0, 0, 1]), softSpherePotential)).toBeCloseTo(1, 12);
    expect(tauShareOfBoundBreakingPairs(pe, Float64Array.from([1, 0, 0]), softSpherePotential)).toBeCloseTo(0, 12);
  });
  it('splits τ of a field moving both pairs by their own U‴ terms', () => {
    const pe = chain();
    const z = Float64Array.from([-1, 0, 1]);
    const whole = expansionOf(pe, z).third;
    // each pair alone: w = ±1 along x, p = x w, b = 1 → A3 p³ + 3 A2 p b
    const at = (q: number, w: number) => { const x = pe.separations[q], p = x * w; return p * (pe.coefficients[4 * q + 2] * p * p + 3 * pe.coefficients[4 * q + 1]); };
    expect(at(0, 1) + at(1, 1)).toBeCloseTo(whole, 8);
    expect(tauShareOfBoundBreakingPairs(pe, z, softSpherePotential)).toBeCloseTo(at(1, 1) / whole, 12);
  });
  it('needs the reduced distances', () => {
    const { reduced: _r, ...bare } = chain();
    expect(() => tauShareOfBoundBreakingPairs(bare, Float64Array.from([0, 0, 1]), softSpherePotential)).toThrow(/reduced distances/);
  });
});

describe('the bound away from the cutoff (statistics.ts)', () => {
  const s = (ratio: number, cutoffShare3?: number): NonlinearSample => ({ n: 100, kappa4: 1, chi4: 10, e4: 0.1, kappa3: 1, chi3: 1, tau3: Math.sqrt(3 * ratio), ...(cutoffShare3 === undefined ? {} : { cutoffShare3 }) });
  it('counts the broken bound over the modes whose τ3 is at most half from bound-breaking pairs', () => {
    const st = nonlinearStatistics([s(1.5, 0.9), s(2, 1.1), s(1.2, 0.1), s(0.5, 0), s(0.4, -0.2)]);
    expect(st.boundBroken).toBeCloseTo(0.6, 12);
    expect(st.awayFromCutoff).toEqual({ samples: 3, cutoffModes: 2, boundBroken: 1 / 3 });
  });
  it('is null when a sample has no share', () => {
    expect(nonlinearStatistics([s(1.5, 0.9), s(0.5)]).awayFromCutoff).toBeNull();
  });
});
