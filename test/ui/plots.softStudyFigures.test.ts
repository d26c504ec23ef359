// The soft-spot study figures (issue 11) against hand-computed numbers: the annealing figure's relative changes and
// bootstrap bars (004 Fig. 3), the nonlinear-statistics panels (003 Figs. 2, 7a, 8) and the per-sample CSV rows.
import { describe, expect, it } from 'vitest';
import type { ElasticStudyPoint, ElasticStudyResult, NonlinearSampleRow, NonlinearStatisticsResult } from '../../src/engine/lab/protocol.ts';
import { NONLINEAR_STUDY } from '../../src/engine/studies.ts';
import { annealingRowsCsv, ANNEALING_ROWS_HEADER, nonlinearRowsCsv, NONLINEAR_ROWS_HEADER } from '../../src/io/exports/softStudiesCsv.ts';
import { nonlinearStatistics } from '../../src/physics/nonlinear/statistics.ts';
import { annealingRows, buildAnnealingFigure } from '../../src/ui/views/plots/annealingFigure.ts';
import { boundBrokenText, buildNonlinearStatisticsFigure } from '../../src/ui/views/plots/nonlinearStatisticsFigure.ts';

type Trace = Record<string, any>;

const mean = (m: number, low: number, high: number) => ({ mean: m, low, high, samples: 1000 });
function point(temperature: number, kappa: [number, number, number], g: [number, number, number]): ElasticStudyPoint {
  return {
    temperature, samples: 2, kappa: mean(...kappa), shearModulus: mean(...g), relativeKappa: 0, relativeShearModulus: 0,
    perSample: { shearModulus: [g[1], g[2]], kappa: [kappa[1], kappa[2]], energyPerParticle: [-1, -1.1] },
  };
}

describe('annealing figure (004 Fig. 3)', () => {
  const points = [point(1, [10, 9, 11], [20, 19, 21]), point(0.25, [20, 18, 23], [25, 24, 27])];
  it('plots the relative changes of κ and G in percent against 1/T_p with asymmetric bootstrap bars', () => {
    const rows = annealingRows(points);
    expect(rows.map((r) => r.inverseTemperature)).toEqual([1, 4]);
    // κ: 20/10 − 1 = 100%, bar from 18/10 − 1 = 80% to 23/10 − 1 = 130%
    expect(rows[1].kappa.change).toBeCloseTo(100, 10);
    expect(rows[1].kappa.plus).toBeCloseTo(30, 10);
    expect(rows[1].kappa.minus).toBeCloseTo(20, 10);
    // G: 25/20 − 1 = 25%, bar 20% … 35%
    expect(rows[1].shearModulus.change).toBeCloseTo(25, 10);
    expect(rows[1].shearModulus.plus).toBeCloseTo(10, 10);
    expect(rows[1].shearModulus.minus).toBeCloseTo(5, 10);
    // the reference point: 0 with its own interval
    expect(rows[0].kappa.change).toBe(0);
    expect(rows[0].kappa.minus).toBeCloseTo(10, 10);
    const fig = buildAnnealingFigure(points);
    const [k, g] = fig.data as Trace[];
    expect(k.x).toEqual([1, 4]);
    expect(k.y[1]).toBeCloseTo(100, 10);
    expect(k.error_y.array[1]).toBeCloseTo(30, 10);
    expect(k.error_y.arrayminus[1]).toBeCloseTo(20, 10);
    expect(g.y[1]).toBeCloseTo(25, 10);
  });
  it('puts T_p = ∞ at 1/T_p = 0 and says so when empty', () => {
    expect(annealingRows([point(Infinity, [1, 1, 1], [1, 1, 1])])[0].inverseTemperature).toBe(0);
    expect((buildAnnealingFigure([]).layout.annotations ?? []).length).toBe(1);
  });
  it('writes one CSV row per state', () => {
    const r: ElasticStudyResult = { kind: 'elasticStudy', spec: NONLINEAR_STUDY.job.spec, engine: 'cpu', points, seconds: 1 };
    const lines = annealingRowsCsv(r).trim().split('\n');
    expect(lines[1]).toBe(ANNEALING_ROWS_HEADER);
    expect(lines.slice(2)).toEqual(['1,0,19,9,-1', '1,1,21,11,-1.1', '0.25,0,24,18,-1', '0.25,1,27,23,-1.1']);
  });
});

function row(kappa4: number, kappa3: number, tau3: number, chi3: number, chi4: number, e4: number): NonlinearSampleRow {
  return {
    seed: 1, lambda: kappa4 * 0.9, kappa4, tau4: -1, chi4, e4, residual4: 1e-9, kappa3, tau3, chi3, e3: e4, residual3: 1e-9,
    overlapWithHarmonic: 0.9, overlapWithQuartic: 0.95, converged: true,
  };
}

describe('nonlinear-statistics figure (003 §V)', () => {
  const n = 100;
  // τ²/(3κχ): 4/(3·1·2) = 0.667, 9/(3·0.5·2) = 3, 1/(3·2·1) = 0.167, 16/(3·1·4) = 1.33 → 2 of 4 broken
  const rows = [row(0.8, 1, -2, 2, 50, 0.02), row(0.5, 0.5, 3, 2, 25, 0.04), row(1.5, 2, -1, 1, 10, 0.1), row(0.9, 1, -4, 4, 5, 0.2)];
  const statistics = nonlinearStatistics(rows.map((r) => ({ n, ...r })));
  const fig = buildNonlinearStatisticsFigure({ n, rows, statistics });
  const byUid = (uid: string) => (fig.data as Trace[]).find((t) => t.uid === uid)!;
  it('histograms κ3/κ4 with the line at 1', () => {
    expect(byUid('stiffness-ratio').x).toEqual([1 / 0.8, 1, 2 / 1.5, 1 / 0.9]);
    expect(fig.layout.shapes?.[0]).toMatchObject({ xref: 'x', x0: 1, x1: 1 });
  });
  it('scatters τ3² against 3κ3χ3 with the bound y = x and prints the broken fraction', () => {
    const s = byUid('bound-scatter');
    expect(s.x).toEqual([6, 3, 6, 12]);
    expect(s.y).toEqual([4, 9, 1, 16]);
    const line = byUid('bound-line');
    expect(line.x).toEqual(line.y);
    expect(line.x[0]).toBeLessThanOrEqual(1);
    expect(line.x[1]).toBeGreaterThanOrEqual(16);
    expect(statistics.boundBroken).toBe(0.5);
    expect(boundBrokenText(statistics)).toBe('τ3² > 3κ3χ3 in 2 of 4 (50.0%)');
    expect((fig.layout.annotations ?? []).map((a) => a.text)).toContain('τ3² > 3κ3χ3 in 2 of 4 (50.0%)');
  });
  it('plots χ4 against N e4 with the fitted power law through its own ends', () => {
    const c = byUid('chi4');
    expect(c.x).toEqual([2, 4, 10, 20]);
    expect(c.y).toEqual([50, 25, 10, 5]);
    // χ4 = 100/(N e4) exactly: the fit's slope is −1 and its line passes through 100/x
    const fit = byUid('chi4-fit');
    expect(statistics.chi4VsNe4!.slope).toBeCloseTo(-1, 12);
    expect(fit.y[0] * fit.x[0]).toBeCloseTo(100, 8);
    expect(fit.y[1] * fit.x[1]).toBeCloseTo(100, 8);
  });
  it('marks the cubic modes that sit on a pair at its cutoff apart and prints the fraction without them', () => {
    const shared = rows.map((r, k) => ({ ...r, cutoffShare3: [0.9, 0.1, 0, 1][k] }));
    const st = nonlinearStatistics(shared.map((r) => ({ n, ...r })));
    const f = buildNonlinearStatisticsFigure({ n, rows: shared, statistics: st });
    const t = (uid: string) => (f.data as Trace[]).find((x) => x.uid === uid)!;
    expect(t('bound-scatter').x).toEqual([3, 6]);
    expect(t('bound-cutoff').x).toEqual([6, 12]);
    expect(t('bound-cutoff').y).toEqual([4, 16]);
    // kept: ratios 3 (broken) and 0.167 → 1 of 2
    expect(boundBrokenText(st)).toBe('τ3² > 3κ3χ3 in 2 of 4 (50.0%); without the 2 cutoff-artefact modes 1 of 2 (50.0%)');
  });
  it('writes one CSV row per inherent structure with its bound ratio', () => {
    const r: NonlinearStatisticsResult = { kind: 'nonlinearStatistics', spec: NONLINEAR_STUDY.job.spec, engine: 'cpu', rows, statistics, seconds: 1 };
    const lines = nonlinearRowsCsv(r).trim().split('\n');
    expect(lines[0]).toMatch(/^# glasslab nonlinear statistics/);
    expect(lines[1]).toBe(NONLINEAR_ROWS_HEADER);
    expect(lines).toHaveLength(6);
    const column = NONLINEAR_ROWS_HEADER.split(',').indexOf('bound_ratio');
    const ratios = lines.slice(2).map((l) => Number(l.split(',')[column]));
    expect(ratios[1]).toBeCloseTo(3, 12);
    expect(ratios[3]).toBeCloseTo(4 / 3, 12);
  });
});
