// The paper's Fig. 4 (001): defect concentration ⟨φ⟩(T) and susceptibility χ(T) = N(⟨φ²⟩ − ⟨φ⟩²) against T, on one shared
// temperature axis, optionally β(T) with its interval and the harmonic value underneath. T_def is the inflection of ⟨φ⟩
// and the peak of χ (docs/PHYSICS.md §6); an optional dotted line marks it.
import type { Data, Layout, LayoutAxis, Shape } from 'plotly.js-dist-min';
import type { SweepPoint } from '../../../engine/lab/protocol.ts';
import { harmonicBeta, harmonicLabel } from './betaFormat.ts';
import type { Figure } from './figure.ts';
import { stackPanels } from './panels.ts';
import { axis, baseLayout, curveColor, MUTED, PLOT_CONFIG, plotSizes, REFERENCE } from './theme.ts';

export interface SweepFigureInput {
  points: readonly SweepPoint[];
  showBeta?: boolean;
  /** For the harmonic β line in the β(T) panel. */
  dim?: 2 | 3;
  /** Mark a defect temperature (e.g. the expected T_def ≈ 0.25 in 2D, 0.15 in 3D). */
  tDef?: number | null;
  large?: boolean;
  height?: number;
}

export function buildSweepFigure({ points, showBeta = false, dim, tDef = null, large = false, height }: SweepFigureInput): Figure {
  const s = plotSizes(large);
  const sorted = [...points].sort((a, b) => a.temperature - b.temperature);
  const T = sorted.map((p) => p.temperature);
  const panels = stackPanels(showBeta ? [1, 1, 1] : [1, 1]);
  const [phiAxes, chiAxes, betaAxes] = panels;
  const common = { type: 'scatter', mode: 'lines+markers', x: T, xaxis: 'x' };
  const hover = (what: string, fmt: string) => `T = %{x:.3g}<br>${what} = %{y:${fmt}}<extra></extra>`;
  const data: Data[] = [
    {
      ...common, uid: 'phi', name: '⟨φ⟩', showlegend: false, y: sorted.map((p) => p.meanDefects), yaxis: phiAxes.ref,
      line: { color: curveColor(0), width: s.line }, marker: { color: curveColor(0), size: s.marker * 1.4 }, hovertemplate: hover('⟨φ⟩', '.4f'),
    } as Data,
    {
      ...common, uid: 'chi', name: 'χ', showlegend: false, y: sorted.map((p) => p.susceptibility), yaxis: chiAxes.ref,
      line: { color: curveColor(1), width: s.line }, marker: { color: curveColor(1), size: s.marker * 1.4, symbol: 'square' }, hovertemplate: hover('χ', '.3g'),
    } as Data,
  ];
  if (betaAxes) {
    const withFit = sorted.filter((p) => p.fit);
    data.push({
      ...common, uid: 'beta', name: 'β', showlegend: false, x: withFit.map((p) => p.temperature), y: withFit.map((p) => p.fit!.beta), yaxis: betaAxes.ref,
      error_y: {
        type: 'data', symmetric: false, visible: true, color: curveColor(2), thickness: s.line * 0.75, width: s.marker,
        array: withFit.map((p) => (p.fit!.interval === 'none' ? 0 : Math.max(0, p.fit!.high - p.fit!.beta))),
        arrayminus: withFit.map((p) => (p.fit!.interval === 'none' ? 0 : Math.max(0, p.fit!.beta - p.fit!.low))),
      },
      line: { color: curveColor(2), width: s.line }, marker: { color: curveColor(2), size: s.marker * 1.4, symbol: 'diamond' }, hovertemplate: hover('β', '.3f'),
    } as Data);
    if (dim && T.length > 0) {
      const b = harmonicBeta(dim);
      data.push({
        type: 'scatter', mode: 'lines', uid: 'beta-harmonic', name: harmonicLabel(dim), x: [T[0], T[T.length - 1]], y: [b, b], xaxis: 'x', yaxis: betaAxes.ref,
        line: { color: REFERENCE, width: s.line * 0.75, dash: 'dash' }, hoverinfo: 'name',
      } as Data);
    }
  }

  const bottom = panels[panels.length - 1];
  const shapes: Partial<Shape>[] = tDef != null && Number.isFinite(tDef)
    ? [{ type: 'line', xref: 'x', yref: 'paper', x0: tDef, x1: tDef, y0: 0, y1: 1, line: { color: MUTED, width: 1.5, dash: 'dot' } }]
    : [];
  const base = baseLayout(large);
  const layout: Partial<Layout> = {
    ...base,
    // Room above the top panel for the T_def label.
    margin: { ...base.margin, t: tDef != null ? (large ? 56 : 40) : base.margin?.t },
    showlegend: Boolean(betaAxes && dim),
    legend: { ...base.legend, x: 0.99, xanchor: 'right', y: betaAxes ? betaAxes.domain[1] : 0, yanchor: 'top' },
    height: height ?? Math.round((showBeta ? 640 : 460) * (large ? 1.35 : 1)),
    xaxis: axis('temperature T', large, { anchor: bottom.ref as LayoutAxis['anchor'] }),
    shapes,
    annotations: [
      ...(T.length === 0 ? [{ text: 'no temperatures yet', xref: 'paper' as const, yref: 'paper' as const, x: 0.5, y: 0.5, showarrow: false, font: { size: s.font, color: MUTED } }] : []),
      ...(tDef != null && Number.isFinite(tDef)
        ? [{ text: `T<sub>def</sub> ≈ ${tDef}`, xref: 'x' as const, yref: 'paper' as const, x: tDef, y: 1, yanchor: 'bottom' as const, showarrow: false, font: { size: s.tickFont, color: MUTED } }]
        : []),
    ],
  };
  const titles = ['⟨φ⟩', 'χ', 'β'];
  panels.forEach((p, i) => {
    (layout as Record<string, unknown>)[p.key] = axis(titles[i], large, { domain: p.domain, anchor: 'x', rangemode: i < 2 ? 'tozero' : 'normal' });
  });
  return { data, layout, config: PLOT_CONFIG };
}
