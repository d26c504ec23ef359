// The annealing study (004 Fig. 3): the relative change of the mean dipole stiffness κ and of the shear modulus G against
// 1/T_p, each with the bootstrap interval of its mean as an error bar. Changes are relative to the first (hottest) T_p:
// X(T_p)/X̄(T_ref) − 1 in percent; the bar is the interval of X̄(T_p) divided by the same reference (its own spread left out).
import type { Data, Layout } from 'plotly.js-dist-min';
import type { ElasticStudyPoint } from '../../../engine/lab/protocol.ts';
import type { Figure } from './figure.ts';
import { axis, baseLayout, curveColor, MUTED, PLOT_CONFIG, plotSizes } from './theme.ts';

export interface AnnealingRow {
  temperature: number;
  /** 1/T_p (0 for T_p = ∞). */
  inverseTemperature: number;
  /** Relative change in percent, and the error bar's extent above and below it. */
  kappa: { change: number; plus: number; minus: number };
  shearModulus: { change: number; plus: number; minus: number };
}

type Mean = ElasticStudyPoint['kappa'];

function relative(m: Mean, ref: number): AnnealingRow['kappa'] {
  const change = 100 * (m.mean / ref - 1);
  return { change, plus: 100 * (m.high / ref - 1) - change, minus: change - 100 * (m.low / ref - 1) };
}

/** The plotted numbers: one row per T_p, relative to the first point's means. */
export function annealingRows(points: readonly ElasticStudyPoint[]): AnnealingRow[] {
  if (points.length === 0) return [];
  const k0 = points[0].kappa.mean, g0 = points[0].shearModulus.mean;
  return points.map((p) => ({
    temperature: p.temperature,
    inverseTemperature: Number.isFinite(p.temperature) ? 1 / p.temperature : 0,
    kappa: relative(p.kappa, k0),
    shearModulus: relative(p.shearModulus, g0),
  }));
}

export function buildAnnealingFigure(points: readonly ElasticStudyPoint[], large = false): Figure {
  const s = plotSizes(large);
  const rows = annealingRows(points);
  const x = rows.map((r) => r.inverseTemperature);
  const trace = (k: number, uid: string, name: string, pick: (r: AnnealingRow) => AnnealingRow['kappa']): Data => ({
    type: 'scatter', mode: 'lines+markers', uid, name, x,
    y: rows.map((r) => pick(r).change),
    error_y: { type: 'data', symmetric: false, array: rows.map((r) => pick(r).plus), arrayminus: rows.map((r) => pick(r).minus), color: curveColor(k), thickness: s.line / 1.5 },
    line: { color: curveColor(k), width: s.line }, marker: { color: curveColor(k), size: s.marker + 3 },
    hovertemplate: `${name}<br>1/T_p = %{x:.3g}<br>change = %{y:.1f}%<extra></extra>`,
  } as Data);
  const base = baseLayout(large);
  const layout: Partial<Layout> = {
    ...base,
    height: Math.round(340 * (large ? 1.35 : 1)),
    legend: { ...base.legend, x: 0.02, xanchor: 'left', y: 0.98, yanchor: 'top' },
    xaxis: axis('1 / T_p', large),
    yaxis: axis('relative change (%)', large, { zeroline: true, zerolinecolor: MUTED }),
    annotations: rows.length === 0 ? [{ text: 'no temperatures yet', xref: 'paper', yref: 'paper', x: 0.5, y: 0.5, showarrow: false, font: { size: s.font, color: MUTED } }] : [],
  };
  return {
    data: [trace(0, 'kappa', 'mean dipole stiffness κ', (r) => r.kappa), trace(1, 'shear-modulus', 'shear modulus G', (r) => r.shearModulus)],
    layout, config: PLOT_CONFIG,
  };
}
