// The nonlinear-statistics study (003 §V): the statistics on hand-made samples, and the study job end to end on a few small
// inherent structures through glasslab nonlinear --samples.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeConfigurationFile } from '../src/io/format.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
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
  it('--in a.xyz,b.xyz: the nonlinear job on each file, rows and statistics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glasslab-nqe-stats-'));
    const files = [1, 2].map((seed) => join(dir, `is${seed}.xyz`));
    for (const [k, f] of files.entries()) {
      const model = MODELS.soft2d;
      await writeConfigurationFile(f, quench(model, jitteredLattice(model, 64, k + 1), { algorithm: 'fire', forceTolerance: 1e-12 }).final, { model: 'soft2d' });
    }
    const r = (await nonlinearCommand(['--in', files.join(','), '--json', '--quiet'])) as { statistics: NonlinearStatistics; rows: { file: string }[] };
    expect(r.rows.map((row) => row.file)).toEqual(files);
    expect(r.statistics.samples).toBe(2);
    expect(r.statistics.chi4VsNe4).toBeNull(); // fewer than 3 samples
    await expect(nonlinearCommand(['--in', files.join(','), '--out', join(dir, 'x.xyz')])).rejects.toThrow(/single --in/);
  });
  it('refuses study options on a single file', async () => {
    await expect(nonlinearCommand(['--in', 'x.xyz', '--temperature', '0.2'])).rejects.toThrow(/belongs to the study/);
    await expect(nonlinearCommand(['--samples', '2', '--in', 'x.xyz', '--model', 'soft2d', '--n', '64', '--temperature', 'inf'])).rejects.toThrow(/leave out --in/);
  });
});
