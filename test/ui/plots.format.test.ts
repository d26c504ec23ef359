import { describe, expect, it } from 'vitest';
import type { BetaFit, SweepPoint } from '../../src/engine/lab/protocol.ts';
import {
  betaAnnotation, formatBeta, formatInterval, harmonicBeta, harmonicLabel, harmonicLine, intervalLine, noFitReason,
} from '../../src/ui/views/plots/betaFormat.ts';
import { buildEquilibrationFigure, formatRate } from '../../src/ui/views/plots/equilibrationFigure.ts';
import { reduceLabEvent, startedRun } from '../../src/state/runReducer.ts';
import { stackPanels } from '../../src/ui/views/plots/panels.ts';
import { buildSweepFigure } from '../../src/ui/views/plots/sweepFigure.ts';
import { algorithmLabel, formatDistance, formatEnergy, superscript } from '../../src/ui/views/plots/tableFormat.ts';
import { curveColor, PALETTE } from '../../src/ui/views/plots/theme.ts';

const fit = (over: Partial<BetaFit> = {}): BetaFit => ({
  beta: 0.9163, low: 0.8981, high: 0.9332, logPrefactor: 0, tMin: 1, tMax: 100, points: 30, interval: 'bootstrap', samples: 20, ...over,
});

describe('β readout formatting', () => {
  it('formats β and its interval', () => {
    expect(formatBeta(0.9163)).toBe('0.916');
    expect(formatBeta(NaN)).toBe('—');
    expect(formatInterval(fit())).toBe('[0.898, 0.933]');
    expect(formatInterval(fit({ interval: 'none' }))).toBeNull();
  });

  it('says where the interval comes from', () => {
    expect(intervalLine(fit(), 20)).toBe('[0.898, 0.933] · bootstrap over 20 samples');
    expect(intervalLine(fit(), 1)).toBe('[0.898, 0.933] · bootstrap over 1 sample');
    expect(intervalLine(fit({ interval: 'regression' }))).toBe('[0.898, 0.933] · ± 1.96 s.e. of the fit');
    expect(intervalLine(fit({ interval: 'none' }))).toBe('single fit, no interval');
  });

  it('writes the plot annotation with two decimals', () => {
    expect(betaAnnotation(fit())).toBe('β = 0.92 [0.90, 0.93]');
    expect(betaAnnotation(fit({ interval: 'none' }))).toBe('β = 0.92');
  });

  it('knows the harmonic prediction D/4 + 1/2', () => {
    expect(harmonicBeta(2)).toBe(1);
    expect(harmonicBeta(3)).toBe(1.25);
    expect(harmonicLine(2)).toBe('harmonic: 1.00');
    expect(harmonicLine(3)).toBe('harmonic: 1.25');
    expect(harmonicLabel(2)).toBe('harmonic β = 1 (2D)');
    expect(harmonicLabel(3)).toBe('harmonic β = 1.25 (3D)');
  });

  it('gives a reason when there is no fit', () => {
    expect(noFitReason(null)).toBe('run a quench');
    expect(noFitReason(2)).toBe('fit window holds 2 points');
    expect(noFitReason(1)).toBe('fit window holds 1 point');
    expect(noFitReason(0)).toBe('fit window holds 0 points');
  });
});

describe('table formatting', () => {
  it('names the algorithms', () => {
    expect(['sd', 'fire', 'cg', 'other'].map(algorithmLabel)).toEqual(['SD', 'FIRE', 'CG', 'other']);
  });

  it('formats distances and energies', () => {
    expect(formatDistance(0)).toBe('0');
    expect(formatDistance(0.12345)).toBe('0.123');
    expect(formatDistance(0.00042)).toBe('4.20 × 10⁻⁴');
    expect(formatDistance(NaN)).toBe('—');
    expect(formatEnergy(-2.712341)).toBe('−2.71234');
    expect(superscript('-12')).toBe('⁻¹²');
  });
});

describe('panels and palette', () => {
  it('stacks panels top to bottom, proportional to their weights', () => {
    const [a, b] = stackPanels([2, 1], 0.1);
    expect(a).toMatchObject({ ref: 'y', key: 'yaxis' });
    expect(b).toMatchObject({ ref: 'y2', key: 'yaxis2' });
    expect(a.domain[1]).toBe(1);
    expect(b.domain[0]).toBe(0);
    expect(a.domain[1] - a.domain[0]).toBeCloseTo(2 * (b.domain[1] - b.domain[0]), 12);
    expect(a.domain[0] - b.domain[1]).toBeCloseTo(0.1, 12);
    expect(stackPanels([1])[0].domain).toEqual([0, 1]);
  });

  it('cycles the Okabe–Ito palette unless a colour is given', () => {
    expect(curveColor(0)).toBe(PALETTE[0]);
    expect(curveColor(PALETTE.length)).toBe(PALETTE[0]);
    expect(curveColor(3, '#123456')).toBe('#123456');
  });
});

describe('equilibration and sweep figures', () => {
  it('plots E/N against sweep', () => {
    const fig = buildEquilibrationFigure({ sweeps: [0, 10, 20], energyPerParticle: [-2, -2.3, NaN] });
    expect(fig.data).toHaveLength(1);
    expect((fig.data[0] as Record<string, unknown>).x).toEqual([0, 10]);
    expect(formatRate(0.4321)).toBe('43.2 %');
    expect(buildEquilibrationFigure({ sweeps: [], energyPerParticle: [] }).layout.annotations).toHaveLength(1);
  });

  it('a temperature sweep\'s swap MC gives one E/N trace per temperature, with a y range of the settled records', () => {
    // Three temperatures, two samples each, 100 sweeps recorded every 10: each MC run starts from an overlapping start
    // (E/N = 1.2e6 at its first record, issue 13) and settles near e(T) = 2 T.
    let state = startedRun('r1');
    const temps = [0.2, 0.5, 1.0];
    for (const T of temps) {
      for (let sample = 0; sample < 2; sample++) {
        for (let sweep = 10; sweep <= 100; sweep += 10) {
          const e = sweep === 10 ? 1.2e6 : 2 * T + 0.01 * Math.sin(sweep + sample);
          state = reduceLabEvent(state, { type: 'mc', runId: 'r1', sweep, sweeps: 100, energyPerParticle: e, acceptance: { displacement: 0.4, swap: 0.2 }, temperature: T });
        }
      }
    }
    const mc = state.mc!;
    expect(mc.temperature).toHaveLength(60);
    const fig = buildEquilibrationFigure({ sweeps: mc.sweeps, energyPerParticle: mc.energyPerParticle, temperature: mc.temperature });
    expect(fig.data.map((d) => (d as { name: string }).name)).toEqual(['T = 0.2', 'T = 0.5', 'T = 1']);
    for (const [i, d] of fig.data.entries()) {
      const { x, y } = d as unknown as { x: (number | null)[]; y: (number | null)[] };
      expect(x).toHaveLength(21); // two samples of 10 records, broken by one gap
      expect(x[10]).toBeNull();
      expect(y.filter((v) => v !== null && v < 1e3).every((v) => Math.abs(v! - 2 * temps[i]) < 0.02)).toBe(true);
      // No line runs back from sweep 100 to sweep 10 within a trace: x rises within each sample.
      for (let k = 1; k < x.length; k++) if (x[k] !== null && x[k - 1] !== null) expect(x[k]!).toBeGreaterThan(x[k - 1]!);
    }
    const range = fig.layout.yaxis!.range as [number, number];
    expect(range[0]).toBeGreaterThan(0.3); // 2 × 0.2 − 0.01 − padding
    expect(range[0]).toBeLessThan(0.39);
    expect(range[1]).toBeGreaterThan(2.01);
    expect(range[1]).toBeLessThan(2.2);
    expect(JSON.stringify(fig.layout.annotations)).toContain('off the top');
    // One run without temperatures: one trace, as before, and its range holds everything when nothing is an early outlier.
    const one = buildEquilibrationFigure({ sweeps: [10, 20, 30], energyPerParticle: [-2, -2.3, -2.31] });
    expect(one.data).toHaveLength(1);
    expect(one.layout.showlegend).toBe(false);
    expect((one.layout.yaxis!.range as number[])[0]).toBeLessThan(-2.31);
  });

  const point = (T: number, phi: number, chi: number, beta: number | null): SweepPoint => ({
    temperature: T, samples: 10, meanDefects: phi, susceptibility: chi, t: [], meanSpeed: [],
    fit: beta === null ? null : fit({ beta, low: beta - 0.02, high: beta + 0.03 }),
  });

  it('plots ⟨φ⟩(T) and χ(T) sorted by T on a shared axis, β(T) with asymmetric error bars on demand', () => {
    const points = [point(0.3, 0.4, 10, 0.93), point(0.1, 0.05, 2, 0.98), point(0.2, 0.2, 30, null)];
    const two = buildSweepFigure({ points });
    expect(two.data).toHaveLength(2);
    const [phi, chi] = two.data as Record<string, any>[];
    expect(phi.x).toEqual([0.1, 0.2, 0.3]);
    expect(phi.y).toEqual([0.05, 0.2, 0.4]);
    expect(chi.y).toEqual([2, 30, 10]);
    expect(chi.yaxis).toBe('y2');
    const three = buildSweepFigure({ points, showBeta: true, dim: 3, tDef: 0.15 });
    const beta = (three.data as Record<string, any>[]).find((d) => d.uid === 'beta')!;
    expect(beta.x).toEqual([0.1, 0.3]);
    expect(beta.error_y.array[0]).toBeCloseTo(0.03, 12);
    expect(beta.error_y.arrayminus[0]).toBeCloseTo(0.02, 12);
    const harm = (three.data as Record<string, any>[]).find((d) => d.uid === 'beta-harmonic')!;
    expect(harm.y).toEqual([1.25, 1.25]);
    expect(three.layout.shapes).toHaveLength(1);
    expect(three.layout.yaxis3).toBeDefined();
  });
});
