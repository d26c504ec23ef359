// The nonlinear-statistics study (003 §V): the statistics on hand-made samples, and the study job end to end on a few small
// inherent structures through glasslab nonlinear --samples.
import { describe, expect, it } from 'vitest';
import { nonlinearCommand } from '../src/cli/commands/nonlinear.ts';
import { nonlinearStatistics, type NonlinearSample, type NonlinearStatistics } from '../src/physics/nonlinear/statistics.ts';

describe('nonlinearStatistics (003 Eq. 32, Figs. 2 and 7)', () => {
  it('κ3/κ4 quantiles, the broken-bound fraction and an exact power law χ4 = 3 (N e4)^-1', () => {
    const samples: NonlinearSample[] = [1, 2, 3, 4, 5].map((k) => ({
      n: 100, kappa4: 1, kappa3: 0.9 + 0.1 * k, e4: 0.01 * k, chi4: 3 / (100 * 0.01 * k),
      // τ²/(3κχ) = 0.5, 0.5, 0.5, 2, 2: two of five break the bound
      tau3: Math.sqrt((k <= 3 ? 0.5 : 2) * 3 * (0.9 + 0.1 * k) * 10), chi3: 10,
    }));
    const s = nonlinearStatistics(samples);
    expect(s.samples).toBe(5);
    expect(s.stiffnessRatio.median).toBeCloseTo(1.2, 12);
    expect(s.stiffnessRatio.q10).toBeCloseTo(1.04, 12);
    expect(s.stiffnessRatio.fractionAbove1).toBeCloseTo(0.8, 12);
    expect(s.boundBroken).toBeCloseTo(0.4, 12);
    expect(s.boundRatio.median).toBeCloseTo(0.5, 12);
    expect(s.chi4VsNe4?.slope).toBeCloseTo(-1, 12);
    expect(Math.exp(s.chi4VsNe4?.intercept as number)).toBeCloseTo(3, 10);
    expect(s.chi4VsNe4?.correlation).toBeCloseTo(-1, 12);
  });
  it('refuses an empty sample', () => {
    expect(() => nonlinearStatistics([])).toThrow(/at least one/);
  });
});

interface StudyJson {
  statistics: NonlinearStatistics;
  rows: { seed: number; kappa4: number; kappa3: number; tau3: number; chi3: number; chi4: number; e4: number; converged: boolean; residual3: number }[];
}

describe('glasslab nonlinear --samples', () => {
  it('three soft2d inherent structures (N = 64, T = ∞): rows whose statistics are those printed', async () => {
    const r = (await nonlinearCommand(['--samples', '3', '--model', 'soft2d', '--n', '64', '--temperature', 'inf', '--json', '--quiet'])) as StudyJson;
    expect(r.rows.length).toBe(3);
    expect(new Set(r.rows.map((row) => row.seed)).size).toBe(3);
    for (const row of r.rows) { expect(row.converged).toBe(true); expect(row.residual3).toBeLessThan(1e-8); }
    const again = nonlinearStatistics(r.rows.map((row) => ({ n: 64, ...row })));
    expect(r.statistics.stiffnessRatio.median).toBeCloseTo(again.stiffnessRatio.median, 12);
    expect(r.statistics.boundBroken).toBe(again.boundBroken);
  });
  it('refuses study options on a single file', async () => {
    await expect(nonlinearCommand(['--in', 'x.xyz', '--temperature', '0.2'])).rejects.toThrow(/belongs to the study/);
    await expect(nonlinearCommand(['--samples', '2', '--in', 'x.xyz', '--model', 'soft2d', '--n', '64', '--temperature', 'inf'])).rejects.toThrow(/leave out --in/);
  });
});
