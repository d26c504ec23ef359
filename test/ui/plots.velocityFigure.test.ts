import { describe, expect, it } from 'vitest';
import type { BetaFit } from '../../src/engine/lab/protocol.ts';
import {
  buildVelocityFigure, cachedPoints, decadeTicks, distinctCurves, logRange, energyExcess, fitLinePoints, harmonicLinePoints, localSlopePoints, logBinned, logLogPoints,
  logLogValueAt, traceUid, WINDOW_SHAPE, type PlotCurve, type VelocityFigureInput,
} from '../../src/ui/views/plots/velocityFigure.ts';

type Trace = Record<string, any>;

function powerLaw(beta: number, A: number, n = 60, t0 = 1e-2, t1 = 1e4) {
  const t: number[] = [];
  const v: number[] = [];
  for (let k = 0; k < n; k++) {
    const tk = t0 * Math.pow(t1 / t0, k / (n - 1));
    t.push(tk);
    v.push(A * Math.pow(tk, -beta));
  }
  return { t, v };
}

function fit(beta: number, A: number, tMin: number, tMax: number): BetaFit {
  return { beta, low: beta - 0.02, high: beta + 0.01, logPrefactor: Math.log(A), tMin, tMax, points: 20, interval: 'bootstrap', samples: 12 };
}

function curve(id: string, beta: number, A: number, withFit = true): PlotCurve {
  const { t, v } = powerLaw(beta, A);
  const energy = t.map((tk) => -2 + Math.pow(tk, 1 - 2 * beta));
  return { id, label: `run ${id}`, t, speed: v, energyPerParticle: energy, fit: withFit ? fit(beta, A, 1, 1000) : null };
}

const win = { tMin: 1, tMax: 1000 };
const build = (extra: Partial<VelocityFigureInput> = {}) =>
  buildVelocityFigure({ curves: [curve('a', 0.92, 0.4), curve('b', 1, 0.3), curve('c', 0.85, 0.6, false)], dim: 2, fitWindow: win, ...extra });
const traces = (fig: ReturnType<typeof build>) => fig.data as Trace[];
const slopeLogLog = (x: number[], y: number[]) => Math.log(y[1] / y[0]) / Math.log(x[1] / x[0]);

describe('buildVelocityFigure', () => {
  it('draws one data trace per curve, on log axes, the current one with markers', () => {
    const fig = build();
    const speed = traces(fig).filter((d) => String(d.uid).startsWith('speed-'));
    expect(speed).toHaveLength(3);
    expect(speed.map((d) => d.name).sort()).toEqual(['run a', 'run b', 'run c']);
    const current = speed.find((d) => d.name === 'run a')!;
    expect(current.mode).toBe('lines+markers');
    expect(current.x).toHaveLength(60);
    expect(current.legendrank).toBe(1);
    expect(fig.layout.xaxis?.type).toBe('log');
    expect(fig.layout.yaxis?.type).toBe('log');
  });

  it('draws each fit as A·t^−β over its own window (ends exact), only for curves that have one', () => {
    const fig = build();
    const fits = traces(fig).filter((d) => String(d.uid).startsWith('fit-') && !String(d.uid).startsWith('fit-casing'));
    expect(fits).toHaveLength(2);
    const a = fits.find((d) => d.name.startsWith('fit run a'))!;
    expect(a.x).toEqual([1, 1000]);
    expect(a.y[0]).toBeCloseTo(0.4 * Math.pow(1, -0.92), 12);
    expect(a.y[1]).toBeCloseTo(0.4 * Math.pow(1000, -0.92), 12);
    expect(-slopeLogLog(a.x, a.y)).toBeCloseTo(0.92, 12);
  });

  it('fitLinePoints uses the fit window, not the plot window', () => {
    const line = fitLinePoints(fit(1.1, 2, 0.5, 50));
    expect(line.x).toEqual([0.5, 50]);
    expect(line.y[0]).toBeCloseTo(2 * Math.pow(0.5, -1.1), 12);
    expect(line.y[1]).toBeCloseTo(2 * Math.pow(50, -1.1), 12);
  });

  it.each([[2, 1, 'harmonic β = 1 (2D)'], [3, 1.25, 'harmonic β = 1.25 (3D)']] as const)(
    'draws the harmonic reference for D = %i with slope −%f, through the current curve at the window start',
    (dim, beta, label) => {
      const fig = build({ dim, fitWindow: { tMin: 2, tMax: 300 } });
      const harm = traces(fig).find((d) => d.uid === 'harmonic')!;
      expect(harm.name).toBe(label);
      expect(harm.line.dash).toBe('dash');
      expect(harm.x).toEqual([2, 300]);
      expect(slopeLogLog(harm.x, harm.y)).toBeCloseTo(-beta, 12);
      expect(harm.y[0]).toBeCloseTo(0.4 * Math.pow(2, -0.92), 10);
    },
  );

  it('puts the fit window in layout.shapes[0] as a band in data units of t (not log10) spanning all panels', () => {
    const fig = build({ fitWindow: { tMin: 0.5, tMax: 200 }, showEnergy: true, showLocalSlope: true });
    const band = fig.layout.shapes![WINDOW_SHAPE] as Record<string, unknown>;
    expect(fig.layout.shapes).toHaveLength(1);
    expect(band).toMatchObject({ type: 'rect', xref: 'x', yref: 'paper', x0: 0.5, x1: 200, y0: 0, y1: 1 });
    expect(fig.config?.edits?.shapePosition).toBe(true);
  });

  it('annotates β of the current curve as "β = 0.92 [0.90, 0.93]"', () => {
    const fig = build();
    const texts = fig.layout.annotations!.map((a) => a.text);
    expect(texts).toContain('β = 0.92 [0.90, 0.93]');
  });

  it('draws the precision floor as a dotted line labelled "float32 floor" (annotation y in log10 units)', () => {
    const fig = build({ floor: 1e-6 });
    const floor = traces(fig).find((d) => d.uid === 'floor')!;
    expect(floor.y).toEqual([1e-6, 1e-6]);
    expect(floor.line.dash).toBe('dot');
    const label = fig.layout.annotations!.find((a) => a.text === 'float32 floor')!;
    expect(label.y).toBeCloseTo(-6, 12);
    expect(traces(build({ floor: null })).find((d) => d.uid === 'floor')).toBeUndefined();
  });

  it('adds the energy and local-slope panels on their own y axes sharing the time axis', () => {
    const fig = build({ showEnergy: true, showLocalSlope: true });
    expect(fig.layout.yaxis2?.type).toBe('log');
    expect(fig.layout.yaxis3?.type).toBe('linear');
    expect(fig.layout.xaxis?.anchor).toBe('y3');
    const [top, mid, bottom] = [fig.layout.yaxis!.domain!, fig.layout.yaxis2!.domain!, fig.layout.yaxis3!.domain!];
    expect(top[1]).toBe(1);
    expect(bottom[0]).toBe(0);
    expect(top[0]).toBeGreaterThan(mid[1]);
    expect(mid[0]).toBeGreaterThan(bottom[1]);
    expect(traces(fig).filter((d) => d.yaxis === 'y2')).toHaveLength(3);
    expect(traces(fig).filter((d) => d.yaxis === 'y3' && String(d.uid).startsWith('slope-'))).toHaveLength(4);
    const onlySlope = build({ showLocalSlope: true });
    expect(onlySlope.layout.yaxis2?.type).toBe('linear');
    expect(onlySlope.layout.yaxis3).toBeUndefined();
  });

  it('says there is no data yet when there is none', () => {
    const fig = buildVelocityFigure({ curves: [], dim: 3, fitWindow: win });
    expect(fig.layout.annotations!.some((a) => String(a.text).includes('run a quench'))).toBe(true);
    expect(fig.layout.shapes).toHaveLength(1);
  });

  it('passes editRevision through so a drag can be reset to the props', () => {
    expect(build({ editRevision: 7 }).layout.editrevision).toBe(7);
  });

  it('uses uids Plotly can put in a CSS selector, distinct for distinct ids', () => {
    const a = traceUid('speed', 'T=0.2 #3');
    const b = traceUid('speed', 'T=0.2_#3');
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
  });
});

describe('velocity figure helpers', () => {
  it('keeps only points a log-log plot can show', () => {
    expect(logLogPoints([0, 1, 2, 3, NaN], [1, 0, 2, -1, 5])).toEqual({ x: [2], y: [2] });
  });

  it('interpolates in log-log and clamps outside', () => {
    const p = { x: [1, 100], y: [1, 1e-2] };
    expect(logLogValueAt(p, 10)).toBeCloseTo(0.1, 12);
    expect(logLogValueAt(p, 0.1)).toBe(1);
    expect(logLogValueAt(p, 1e4)).toBe(1e-2);
    expect(logLogValueAt({ x: [], y: [] }, 1)).toBeNull();
    expect(harmonicLinePoints({ x: [], y: [] }, win, 2)).toBeNull();
  });

  it('labels whole decades once the data span three of them', () => {
    expect(decadeTicks(1e-2, 1e4)).toBe(1);
    expect(decadeTicks(1e-12, 1e2)).toBe(2);
    expect(decadeTicks(1, 50)).toBeUndefined();
    expect(decadeTicks(Infinity, -Infinity)).toBeUndefined();
    const fig = build();
    expect(fig.layout.xaxis?.dtick).toBe(1);
    expect(fig.layout.yaxis?.dtick).toBe(1);
  });

  it('the axes follow the curves shown (current and kept), not the last run: a 3D range never sticks (issue 13)', () => {
    const hot = { id: 'a', label: 'a', t: [0.1, 1, 10, 100, 1e4], speed: [1e4, 1e3, 10, 1, 0.1] };
    const cold = { id: 'b', label: 'b', t: [1, 10, 100], speed: [1e-3, 1e-5, 1e-7] };
    const first = build({ curves: [hot] });
    expect(first.layout.yaxis?.range?.[0]).toBeLessThan(-1);
    const next = build({ curves: [cold] });
    const [ylo, yhi] = next.layout.yaxis!.range as number[];
    expect(ylo).toBeLessThan(-7);
    expect(yhi).toBeGreaterThan(-3);
    expect(yhi).toBeLessThan(-2); // not the hot run's 1e4
    expect(next.layout.yaxis?.autorange).toBe(false);
    const both = build({ curves: [cold, hot] });
    expect(both.layout.yaxis!.range![1]).toBeGreaterThan(4); // a kept curve is in view too
    expect(both.layout.xaxis!.range![0]).toBeLessThan(-1);
    expect(both.layout.xaxis!.range![1]).toBeGreaterThan(4);
    expect(build({ curves: [] }).layout.xaxis!.range).toEqual(logRange([[win.tMin, win.tMax]], 0.05)); // empty: the window
    expect(first.layout.uirevision).not.toBe(next.layout.uirevision); // a new run drops the last run's zoom
  });

  it('the same data is drawn once, and logRange pads a flat curve to half a decade', () => {
    const a = { id: 'kept', t: [1, 2, 3], speed: [3, 2, 1] };
    const b = { id: 'library', t: [1, 2, 3], speed: [3, 2, 1] };
    const c = { id: 'other', t: [1, 2, 3], speed: [3, 2, 0.5] };
    expect(distinctCurves([a, b, c]).map((x) => x.id)).toEqual(['kept', 'other']);
    const [lo, hi] = logRange([[2, 2]], 0)!;
    expect(hi - lo).toBeCloseTo(0.5, 12);
    expect(logRange([[0, -1, NaN]])).toBeNull();
  });

  it('E − E_final drops the final point and is positive', () => {
    const e = energyExcess([1, 2, 3, 4], [-1, -1.5, -1.75, -1.8]);
    expect(e.x).toEqual([1, 2, 3]);
    expect(e.y[0]).toBeCloseTo(0.8, 12);
  });

  it('log binning and the local slope leave a pure power law at its exponent', () => {
    const { t, v } = powerLaw(0.92, 3, 200);
    const binned = logBinned({ x: t, y: v }, 10);
    expect(binned.x.length).toBeLessThan(t.length);
    for (let k = 0; k < binned.x.length; k++) expect(binned.y[k]).toBeCloseTo(3 * Math.pow(binned.x[k], -0.92), 9);
    const slope = localSlopePoints({ x: t, y: v });
    expect(slope.y.length).toBeGreaterThan(50);
    for (const s of slope.y) expect(s).toBeCloseTo(0.92, 9);
  });

  it('gives back the same arrays for an unchanged curve and new ones when it grew', () => {
    const t = [1, 2, 3];
    const v = [3, 2, 1];
    const a = cachedPoints('speed', t, v, logLogPoints);
    expect(cachedPoints('speed', t, v, logLogPoints)).toBe(a);
    t.push(4); v.push(0.5);
    const b = cachedPoints('speed', t, v, logLogPoints);
    expect(b).not.toBe(a);
    expect(b.x).toEqual([1, 2, 3, 4]);
    expect(cachedPoints('speed', t, [...v], logLogPoints)).not.toBe(b);
  });

  it('unchanged curves keep their trace arrays across rebuilds (so Plotly.react skips them)', () => {
    const old = curve('old', 1, 0.3);
    const f1 = buildVelocityFigure({ curves: [curve('now', 0.9, 1), old], dim: 2, fitWindow: win });
    const f2 = buildVelocityFigure({ curves: [curve('now', 0.9, 1), old], dim: 2, fitWindow: win });
    const pick = (f: typeof f1, uid: string) => (f.data as Trace[]).find((d) => d.uid === uid)!;
    expect(pick(f2, traceUid('speed', 'old')).x).toBe(pick(f1, traceUid('speed', 'old')).x);
    expect(pick(f2, traceUid('speed', 'now')).x).not.toBe(pick(f1, traceUid('speed', 'now')).x);
  });
});
