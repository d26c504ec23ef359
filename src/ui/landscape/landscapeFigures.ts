// Normal modes along the quench, as 002 Figs. 3–4 draw them: W against t (log-log) and f_u against W (log-log), one point per
// W level reached. Levels with f_u = 0 cannot sit on a log axis: they are counted in the annotation instead.
import type { Data, Layout } from 'plotly.js-dist-min';
import type { LandscapeLevelRow } from '../../engine/lab/protocol.ts';
import type { Figure } from '../views/plots/figure.ts';
import { axis, baseLayout, curveColor, MUTED, PLOT_CONFIG, plotSizes } from '../views/plots/theme.ts';

/** The points of f_u(W) a log-log plot can show (f_u > 0), with their error bars, and how many levels had f_u = 0. */
export function unstableFractionPoints(rows: readonly LandscapeLevelRow[]): { w: number[]; fu: number[]; error: number[]; zero: number } {
  const w: number[] = [], fu: number[] = [], error: number[] = [];
  let zero = 0;
  for (const r of rows) {
    if (r.fu > 0) { w.push(r.w); fu.push(r.fu); error.push(r.fuError); } else zero++;
  }
  return { w, fu, error, zero };
}

function emptyNote(text: string, size: number): Partial<Layout>['annotations'] {
  return [{ text, xref: 'paper', yref: 'paper', x: 0.5, y: 0.5, showarrow: false, font: { size, color: MUTED } }];
}

export function buildLevelTimeFigure(rows: readonly LandscapeLevelRow[], large = false): Figure {
  const s = plotSizes(large);
  const color = curveColor(0);
  const data: Data[] = [{
    type: 'scatter', mode: 'lines+markers', uid: 'w-of-t', name: 'W(t)', x: rows.map((r) => r.t), y: rows.map((r) => r.w),
    line: { color, width: s.line }, marker: { color, size: s.marker + 3 }, hovertemplate: 't = %{x:.4g}<br>W = %{y:.3g}<extra></extra>',
  } as Data];
  const layout: Partial<Layout> = {
    ...baseLayout(large), showlegend: false, height: large ? 360 : 260,
    xaxis: axis('t (first time W ≤ W_k)', large, { type: 'log', exponentformat: 'power' }),
    yaxis: axis('W = (1/N) Σ|f_i|²', large, { type: 'log', exponentformat: 'power' }),
    annotations: rows.length === 0 ? emptyNote('no W level reached yet', s.font) : [],
  };
  return { data, layout, config: PLOT_CONFIG };
}

export function buildUnstableFractionFigure(rows: readonly LandscapeLevelRow[], large = false): Figure {
  const s = plotSizes(large);
  const color = curveColor(1);
  const p = unstableFractionPoints(rows);
  const data: Data[] = [{
    type: 'scatter', mode: 'lines+markers', uid: 'fu-of-w', name: 'f_u(W)', x: p.w, y: p.fu,
    error_y: { type: 'data', array: p.error, visible: p.error.some((e) => e > 0), color },
    line: { color, width: s.line }, marker: { color, size: s.marker + 3 }, hovertemplate: 'W = %{x:.3g}<br>f_u = %{y:.3g}<extra></extra>',
  } as Data];
  const notes: string[] = [];
  if (rows.length === 0) notes.push('no W level reached yet');
  else if (p.zero > 0) notes.push(`${p.zero} level${p.zero > 1 ? 's' : ''} with f_u = 0 (no unstable mode) not on the log axis`);
  const layout: Partial<Layout> = {
    ...baseLayout(large), showlegend: false, height: large ? 360 : 260,
    xaxis: axis('W', large, { type: 'log', exponentformat: 'power', autorange: 'reversed' }),
    yaxis: axis('f_u (fraction of negative eigenvalues)', large, { type: 'log', exponentformat: 'power' }),
    annotations: notes.map((text, k) => ({ text, xref: 'paper', yref: 'paper', x: 0.5, y: rows.length === 0 ? 0.5 : 0.02 + 0.08 * k, showarrow: false, font: { size: s.font - 1, color: MUTED } })),
  };
  return { data, layout, config: PLOT_CONFIG };
}
