// The ⟨|v(t)|⟩ log-log plot as Plotly data and layout, built from the component's props alone (pure, unit-tested): one
// marker+line trace per curve, each curve's fitted line A·t^−β over its own window, the harmonic reference of slope
// −(D/4 + 1/2), the precision floor, the draggable fit-window band (layout.shapes[0]) and, optionally, panels for
// E(t) − E_final and the local slope −d ln v / d ln t, all sharing one logarithmic time axis.
import type { Annotation, Data, Layout, LayoutAxis, Shape } from 'plotly.js-dist-min';
import type { BetaFit } from '../../../engine/lab/protocol.ts';
import { localSlope } from '../../../physics/analysis/powerLaw.ts';
import { betaAnnotation, harmonicBeta, harmonicLabel } from './betaFormat.ts';
import type { Figure } from './figure.ts';
import type { TimeWindow } from './fitWindow.ts';
import { stackPanels, type PanelAxes } from './panels.ts';
import { axis, BAND, BAND_EDGE, baseLayout, curveColor, MUTED, PLOT_BG, PLOT_CONFIG, plotSizes, REFERENCE } from './theme.ts';

export interface PlotCurve {
  id: string;
  label: string;
  t: ArrayLike<number>;
  speed: ArrayLike<number>;
  energyPerParticle?: ArrayLike<number>;
  fit?: BetaFit | null;
  color?: string;
  dashed?: boolean;
  /** The curve does not cover the fit window yet: its β is marked provisional on the plot. */
  provisional?: boolean;
}

export interface VelocityFigureInput {
  curves: PlotCurve[];
  dim: 2 | 3;
  fitWindow: TimeWindow;
  showEnergy?: boolean;
  showLocalSlope?: boolean;
  floor?: number | null;
  large?: boolean;
  /** Total height in px (default: 440, plus 190 per extra panel; ×1.35 in lecture mode). */
  height?: number;
  /** Bumped by the component after each drag so Plotly puts the band back on the props' window (layout.editrevision). */
  editRevision?: number;
}

/**
 * Tick spacing for a log axis spanning lo..hi: one labelled tick per decade (every other decade past 12) once the data span
 * three decades, instead of Plotly's 2-and-5 labels in between, which only clutter a projected plot; Plotly's choice below.
 */
export function decadeTicks(lo: number, hi: number): number | undefined {
  if (!(lo > 0) || !(hi > lo)) return undefined;
  const decades = Math.log10(hi / lo);
  return decades >= 12 ? 2 : decades >= 3 ? 1 : undefined;
}

function range(xs: readonly XY[], key: 'x' | 'y'): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const p of xs) for (const v of p[key]) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return [lo, hi];
}

/**
 * A log axis range (log10 units, as Plotly wants it) around every value of `lists` with `pad` decades on each side, or null when
 * none is positive. The plot sets its ranges from its data instead of leaving them to Plotly, which kept a 3D preset's
 * [0.1, 1e4] for the next run and collapsed to the fit window after a reset (issue 13).
 */
export function logRange(lists: readonly (readonly number[])[], pad = 0.08): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  for (const l of lists) for (const v of l) if (v > 0 && Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!(hi >= lo)) return null;
  const a = Math.log10(lo), b = Math.log10(hi);
  const span = Math.max(b - a, 0.5);
  const mid = (a + b) / 2;
  return [Math.min(a, mid - span / 2) - pad, Math.max(b, mid + span / 2) + pad];
}

/** Curves of the same data (a kept run also ticked in the library, a shared curve that was re-run) drawn once: the first wins. */
export function distinctCurves<C extends { t: ArrayLike<number>; speed: ArrayLike<number> }>(curves: readonly C[]): C[] {
  const seen = new Set<string>();
  const key = (c: C) => {
    const n = Math.min(c.t.length, c.speed.length);
    return n === 0 ? '' : [n, c.t[0], c.t[n - 1], c.speed[0], c.speed[Math.floor(n / 2)], c.speed[n - 1]].join('|');
  };
  return curves.filter((c) => {
    const k = key(c);
    if (k === '') return true;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Index of the fit window band in layout.shapes; the only shape, so the only thing a user can drag. */
export const WINDOW_SHAPE = 0;

export interface XY {
  x: number[];
  y: number[];
}

/** The points a log-log plot can show: t > 0 and y > 0, both finite. */
export function logLogPoints(t: ArrayLike<number>, y: ArrayLike<number>): XY {
  const n = Math.min(t.length, y.length);
  const x: number[] = [];
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const tk = t[k], yk = y[k];
    if (tk > 0 && yk > 0 && Number.isFinite(tk) && Number.isFinite(yk)) { x.push(tk); out.push(yk); }
  }
  return { x, y: out };
}

const pointsCache = new WeakMap<object, Map<string, { y: ArrayLike<number>; length: number; points: XY }>>();

/**
 * derive(t, y), remembered per (t, y) pair of arrays and kind: a curve passed again unchanged (same arrays, same length)
 * gives the very same x/y arrays, so Plotly.react sees its traces as unchanged and skips them.
 */
export function cachedPoints(kind: string, t: ArrayLike<number>, y: ArrayLike<number>, derive: (t: ArrayLike<number>, y: ArrayLike<number>) => XY): XY {
  let byKind = pointsCache.get(t as object);
  if (!byKind) pointsCache.set(t as object, (byKind = new Map()));
  const hit = byKind.get(kind);
  if (hit && hit.y === y && hit.length === t.length && y.length === t.length) return hit.points;
  const points = derive(t, y);
  byKind.set(kind, { y, length: t.length, points });
  return points;
}

/** y at time t by straight-line interpolation in (ln t, ln y) of sorted points; clamps to the end values outside; null if empty. */
export function logLogValueAt(points: XY, t: number): number | null {
  const { x, y } = points;
  if (x.length === 0 || !(t > 0)) return null;
  if (t <= x[0]) return y[0];
  const last = x.length - 1;
  if (t >= x[last]) return y[last];
  let k = 1;
  while (x[k] < t) k++;
  const f = Math.log(t / x[k - 1]) / Math.log(x[k] / x[k - 1]);
  return Math.exp(Math.log(y[k - 1]) + f * Math.log(y[k] / y[k - 1]));
}

/** The fitted power law v = A t^−β (A = e^logPrefactor) at the two ends of the fit's own window. */
export function fitLinePoints(fit: BetaFit): XY {
  const at = (t: number) => Math.exp(fit.logPrefactor - fit.beta * Math.log(t));
  return { x: [fit.tMin, fit.tMax], y: [at(fit.tMin), at(fit.tMax)] };
}

/** The harmonic prediction v ∝ t^−(D/4 + 1/2) across the window, through the current curve's value at the window start. */
export function harmonicLinePoints(current: XY, window: TimeWindow, dim: number): XY | null {
  const v0 = logLogValueAt(current, window.tMin);
  if (v0 === null) return null;
  const beta = harmonicBeta(dim);
  return { x: [window.tMin, window.tMax], y: [v0, v0 * Math.pow(window.tMax / window.tMin, -beta)] };
}

/** E/N − E_final/N with E_final the lowest energy reached (so the last point, 0, drops off the log axis). */
export function energyExcess(t: ArrayLike<number>, energy: ArrayLike<number>): XY {
  let eMin = Infinity;
  for (let k = 0; k < energy.length; k++) if (Number.isFinite(energy[k]) && energy[k] < eMin) eMin = energy[k];
  const excess = Array.from(energy, (e) => e - eMin);
  return logLogPoints(t, excess);
}

/**
 * Points averaged in logarithmic bins (perDecade bins per decade of t): geometric means of t and of y in each bin, in order.
 * Takes the sample noise out of a derivative without changing a pure power law (its bin means still lie on the line).
 */
export function logBinned(points: XY, perDecade: number): XY {
  const x: number[] = [];
  const y: number[] = [];
  let bin = NaN, n = 0, sx = 0, sy = 0;
  const flush = () => { if (n > 0) { x.push(Math.exp(sx / n)); y.push(Math.exp(sy / n)); } };
  for (let k = 0; k < points.x.length; k++) {
    const b = Math.floor(Math.log10(points.x[k]) * perDecade);
    if (b !== bin) { flush(); bin = b; n = 0; sx = 0; sy = 0; }
    n++; sx += Math.log(points.x[k]); sy += Math.log(points.y[k]);
  }
  flush();
  return { x, y };
}

/** Bins per decade of the local-slope panel. */
export const SLOPE_BINS_PER_DECADE = 10;

/** The local exponent −d ln v / d ln t (analysis/powerLaw.ts localSlope) on log-binned points, finite values only. */
export function localSlopePoints(points: XY, perDecade = SLOPE_BINS_PER_DECADE): XY {
  const binned = logBinned(points, perDecade);
  const slope = localSlope(binned.x, binned.y);
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < slope.length; k++) if (Number.isFinite(slope[k])) { x.push(binned.x[k]); y.push(slope[k]); }
  return { x, y };
}

type Panel = 'speed' | 'energy' | 'slope';

/** The speed panel gets 2.2 shares of the height, each extra panel 1. */
export function panelLayout(panels: readonly Panel[]): Partial<Record<Panel, PanelAxes>> {
  const stacked = stackPanels(panels.map((p) => (p === 'speed' ? 2.2 : 1)));
  return Object.fromEntries(panels.map((p, i) => [p, stacked[i]]));
}

export function buildVelocityFigure(input: VelocityFigureInput): Figure {
  const { curves, dim, fitWindow, large = false } = input;
  const s = plotSizes(large);
  const panels: Panel[] = ['speed'];
  if (input.showEnergy) panels.push('energy');
  if (input.showLocalSlope) panels.push('slope');
  const axes = panelLayout(panels);
  const speedAxes = axes.speed!;
  const bottomRef = axes[panels[panels.length - 1]]!.ref;
  const betaHarm = harmonicBeta(dim);

  const data: Data[] = [];
  const points = curves.map((c) => cachedPoints('speed', c.t, c.speed, logLogPoints));
  let tLo = Infinity, tHi = -Infinity;
  for (const p of points) if (p.x.length) { tLo = Math.min(tLo, p.x[0]); tHi = Math.max(tHi, p.x[p.x.length - 1]); }

  // Fitted lines over each fit's own window, beneath the data so the points stay visible on them; a dark casing sets the
  // line apart from its own curve's line.
  curves.forEach((c, i) => {
    if (!c.fit) return;
    const line = fitLinePoints(c.fit);
    const color = curveColor(i, c.color);
    const common = { type: 'scatter', mode: 'lines', x: line.x, y: line.y, xaxis: 'x', yaxis: speedAxes.ref, legendgroup: c.id, showlegend: false, hoverinfo: 'skip' };
    data.push({ ...common, uid: traceUid('fit-casing', c.id), name: `fit ${escapeHtml(c.label)}`, line: { color: PLOT_BG, width: s.fitLine + 3 } } as Data);
    data.push({
      ...common,
      uid: traceUid('fit', c.id),
      name: `fit ${escapeHtml(c.label)}: β = ${c.fit.beta.toFixed(3)}`,
      hoverinfo: 'name',
      hovertemplate: undefined,
      line: { color, width: s.fitLine },
    } as Data);
  });

  // Curves, the current one (index 0) drawn last so it sits on top, but listed first in the legend.
  for (let i = curves.length - 1; i >= 0; i--) {
    const c = curves[i];
    const color = curveColor(i, c.color);
    const current = i === 0;
    data.push({
      type: 'scatter',
      // Markers on the current curve only: the points to read, and the cheapest redraw (each marker is an SVG path).
      mode: current ? 'lines+markers' : 'lines',
      uid: traceUid('speed', c.id),
      name: escapeHtml(c.label), // a run's name: Plotly reads names as HTML
      legendgroup: c.id,
      legendrank: i + 1,
      x: points[i].x,
      y: points[i].y,
      xaxis: 'x',
      yaxis: speedAxes.ref,
      line: { color, width: s.line, dash: c.dashed ? 'dash' : 'solid' },
      marker: { color, size: current ? s.marker : s.marker * 0.8 },
      opacity: current || curves.length === 1 ? 1 : 0.85,
      hovertemplate: `${escapeHtml(c.label)}<br>t = %{x:.3g}<br>⟨|v|⟩ = %{y:.3g}<extra></extra>`,
    } as Data);
  }

  // The harmonic prediction, anchored on the current curve at the window start.
  if (points.length > 0) {
    const harm = harmonicLinePoints(points[0], fitWindow, dim);
    if (harm) {
      data.push({
        type: 'scatter', mode: 'lines', uid: 'harmonic', name: harmonicLabel(dim), x: harm.x, y: harm.y, xaxis: 'x', yaxis: speedAxes.ref,
        line: { color: REFERENCE, width: s.line, dash: 'dash' }, hoverinfo: 'name', legendrank: 1000,
      } as Data);
    }
  }

  const annotations: Partial<Annotation>[] = [];
  const floor = input.floor;
  if (floor != null && floor > 0 && Number.isFinite(tLo)) {
    data.push({
      type: 'scatter', mode: 'lines', uid: 'floor', name: 'float32 floor', x: [tLo, tHi], y: [floor, floor], xaxis: 'x', yaxis: speedAxes.ref,
      line: { color: MUTED, width: Math.max(1.5, s.line * 0.75), dash: 'dot' }, showlegend: false, hoverinfo: 'name',
    } as Data);
    // Annotation on a log axis take log10 of the value (unlike shapes and traces).
    annotations.push({
      text: 'float32 floor', xref: 'paper', x: 1, xanchor: 'right', yref: speedAxes.ref as Annotation['yref'], y: Math.log10(floor), yanchor: 'bottom',
      showarrow: false, font: { size: s.tickFont, color: MUTED },
    });
  }

  const current = curves[0];
  if (current?.fit) {
    annotations.push({
      text: betaAnnotation(current.fit, current.provisional), xref: 'paper', x: 0.985, xanchor: 'right', yref: 'paper', y: speedAxes.domain[1] - 0.015, yanchor: 'top',
      showarrow: false, font: { size: s.annotation, color: curveColor(0, current.color) }, bgcolor: 'rgba(15, 23, 42, 0.8)', borderpad: 4,
    });
  }
  if (curves.length === 0 || points.every((p) => p.x.length === 0)) {
    annotations.push({
      text: 'no data yet: run a quench', xref: 'paper', x: 0.5, yref: 'paper', y: (speedAxes.domain[0] + speedAxes.domain[1]) / 2,
      showarrow: false, font: { size: s.font, color: MUTED },
    });
  }

  // The extra panels.
  const energyAxes = axes.energy;
  if (energyAxes) {
    curves.forEach((c, i) => {
      if (!c.energyPerParticle) return;
      const e = cachedPoints('energy', c.t, c.energyPerParticle, energyExcess);
      data.push({
        type: 'scatter', mode: 'lines', uid: traceUid('energy', c.id), name: escapeHtml(c.label), legendgroup: c.id, showlegend: false, x: e.x, y: e.y, xaxis: 'x', yaxis: energyAxes.ref,
        line: { color: curveColor(i, c.color), width: s.line, dash: c.dashed ? 'dash' : 'solid' },
        hovertemplate: `${escapeHtml(c.label)}<br>t = %{x:.3g}<br>ΔE/N = %{y:.3g}<extra></extra>`,
      } as Data);
    });
  }
  const slopeAxes = axes.slope;
  if (slopeAxes) {
    curves.forEach((c, i) => {
      const slope = cachedPoints('slope', c.t, c.speed, (t, v) => localSlopePoints(logLogPoints(t, v)));
      data.push({
        type: 'scatter', mode: 'lines', uid: traceUid('slope', c.id), name: escapeHtml(c.label), legendgroup: c.id, showlegend: false, x: slope.x, y: slope.y, xaxis: 'x', yaxis: slopeAxes.ref,
        line: { color: curveColor(i, c.color), width: s.line, dash: c.dashed ? 'dash' : 'solid' },
        hovertemplate: `${escapeHtml(c.label)}<br>t = %{x:.3g}<br>local β = %{y:.3f}<extra></extra>`,
      } as Data);
    });
    if (Number.isFinite(tLo)) {
      data.push({
        type: 'scatter', mode: 'lines', uid: 'slope-harmonic', name: harmonicLabel(dim), x: [tLo, tHi], y: [betaHarm, betaHarm], xaxis: 'x', yaxis: slopeAxes.ref,
        line: { color: REFERENCE, width: s.line * 0.75, dash: 'dash' }, showlegend: false, hoverinfo: 'name',
      } as Data);
    }
  }

  const band: Partial<Shape> = {
    type: 'rect', xref: 'x', yref: 'paper', x0: fitWindow.tMin, x1: fitWindow.tMax, y0: 0, y1: 1, layer: 'below',
    fillcolor: BAND, line: { color: BAND_EDGE, width: 1.5 },
  };

  // Lecture mode writes 1e−4 at full size: Plotly draws the 'power' form's exponent at 70%, under 20 px on a projector.
  const exponents = large ? 'e' : 'power';
  const xRange = logRange([...points.map((p) => p.x), [fitWindow.tMin, fitWindow.tMax]], 0.05);
  const layout: Partial<Layout> = {
    ...baseLayout(large),
    // A new run, or other kept curves, is a new view: the user's zoom of the last one does not carry over.
    uirevision: curves.map((c) => c.id).join(' '),
    height: input.height ?? Math.round((440 + 190 * (panels.length - 1)) * (large ? 1.35 : 1)),
    xaxis: axis('time t (τ₀)', large, {
      type: 'log', exponentformat: exponents, anchor: bottomRef as LayoutAxis['anchor'], dtick: decadeTicks(tLo, tHi) ?? (large ? 1 : undefined),
      ...(xRange ? { range: xRange, autorange: false } : {}),
    }),
    shapes: [band],
    annotations,
    editrevision: input.editRevision ?? 0,
    // Under the plot, not on it: six kept runs no longer cover a third of the curves.
    legend: { ...baseLayout(large).legend, orientation: 'h', x: 0, xanchor: 'left', yref: 'container', y: 0, yanchor: 'bottom', traceorder: 'normal' },
  };
  const yTitles: Record<Panel, string> = { speed: '⟨|v|⟩', energy: 'E/N − E<sub>final</sub>/N', slope: '−d ln v / d ln t' };
  for (const panel of panels) {
    const a = axes[panel]!;
    const log = panel !== 'slope';
    const extra: Partial<LayoutAxis> = { domain: a.domain, anchor: 'x', type: log ? 'log' : 'linear', exponentformat: exponents };
    if (panel === 'slope') extra.range = [0, Math.max(2, betaHarm + 0.75)];
    if (panel === 'speed') {
      const [lo, hi] = range(points, 'y');
      // the floor joins the range once the data come within a factor 30 of it
      const nearFloor = floor != null && floor > 0 && lo < 30 * floor;
      const yRange = logRange([...points.map((p) => p.y), nearFloor ? [floor] : []]);
      if (lo > 0 && hi >= lo && yRange) {
        extra.dtick = decadeTicks(nearFloor ? Math.min(lo, floor) : lo, hi) ?? (large ? 1 : undefined);
        extra.range = yRange;
        extra.autorange = false;
      } else extra.range = [-6, 1]; // no data yet: an empty but readable axis (log10 units), not autoscaled nothing
    }
    if (panel === 'energy') {
      const yRange = logRange(curves.map((c) => (c.energyPerParticle ? cachedPoints('energy', c.t, c.energyPerParticle, energyExcess).y : [])));
      if (yRange) { extra.range = yRange; extra.autorange = false; }
    }
    (layout as Record<string, unknown>)[a.key] = axis(yTitles[panel], large, extra);
  }
  // Time tick labels only under the bottom panel (one shared axis, so nothing else to hide).
  return { data, layout, config: { ...PLOT_CONFIG, edits: { shapePosition: true } } };
}

/**
 * A Plotly trace uid for a curve's role. Plotly builds CSS selectors from uids ('.cb' + uid), so only [A-Za-z0-9_-]; a hash
 * of the raw id keeps 'T=0.2 #3' and 'T=0.2 #3 ' apart.
 */
export function traceUid(role: string, id: string): string {
  let h = 2166136261;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 16777619);
  return `${role}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}-${(h >>> 0).toString(36)}`;
}

/** A user's text (a run's name) for Plotly, which reads trace names and hover text as a small HTML dialect. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
