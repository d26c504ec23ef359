// The Landscape panel's spectrum: D(λ) of the whole Hessian (002 Eq. 5; a histogram of every eigenvalue, or SLQ's estimate
// with its error band) on the left, and the participation ratio P(λ) of the lowest K modes (002 Eq. 11) on the right, where
// a click picks a mode (its point index is the mode's index; customdata numbers the modes from 1).
import type { Data, Layout } from 'plotly.js-dist-min';
import type { ModeSpectrum } from '../../engine/lab/protocol.ts';
import type { Figure } from '../views/plots/figure.ts';
import { axis, baseLayout, curveColor, MUTED, PLOT_CONFIG, plotSizes } from '../views/plots/theme.ts';

export interface SpectrumFigureInput {
  density: ModeSpectrum | null;
  eigenvalues: ArrayLike<number>;
  participation: number[];
  picked: number | null;
  large?: boolean;
  height?: number;
}

const PICKED = '#F0E442';

export function buildSpectrumFigure({ density, eigenvalues, participation, picked, large = false, height }: SpectrumFigureInput): Figure {
  const s = plotSizes(large);
  const lambda = Array.from(eigenvalues);
  const data: Data[] = [];
  if (density) {
    const name = density.method === 'exact' ? 'D(λ), every eigenvalue' : 'D(λ), stochastic Lanczos quadrature';
    if (density.error) {
      data.push({
        type: 'scatter', mode: 'lines', uid: 'density-band', name: '± 1 s.e.', showlegend: false, hoverinfo: 'skip', xaxis: 'x', yaxis: 'y',
        x: [...density.lambda, ...[...density.lambda].reverse()],
        y: [...density.density.map((v, g) => v + density.error![g]), ...density.density.map((v, g) => Math.max(0, v - density.error![g])).reverse()],
        fill: 'toself', fillcolor: 'rgba(86, 180, 233, 0.2)', line: { width: 0 },
      } as Data);
    }
    data.push({
      type: 'scatter', mode: 'lines', uid: 'density', name, showlegend: false, xaxis: 'x', yaxis: 'y',
      x: density.lambda, y: density.density, line: { color: curveColor(0), width: s.line, shape: density.method === 'exact' ? 'hvh' : 'spline' },
      hovertemplate: 'λ = %{x:.4g}<br>D(λ) = %{y:.3g}<extra></extra>',
    } as Data);
  }
  data.push({
    type: 'scatter', mode: 'markers', uid: 'participation', name: 'P(λ) of the lowest modes', showlegend: false, xaxis: 'x2', yaxis: 'y2',
    x: lambda, y: participation, customdata: lambda.map((_, k) => k + 1), // modes are numbered from 1
    marker: {
      size: lambda.map((_, k) => (k === picked ? s.marker * 3 : s.marker * 2)),
      color: lambda.map((_, k) => (k === picked ? PICKED : curveColor(1))),
      line: { color: '#0f172a', width: 1 },
    },
    hovertemplate: 'mode %{customdata}<br>λ = %{x:.4g}<br>P = %{y:.3f}<extra>click to pick</extra>',
  } as Data);
  const base = baseLayout(large);
  const layout: Partial<Layout> = {
    ...base,
    showlegend: false,
    height: height ?? Math.round(300 * (large ? 1.35 : 1)),
    xaxis: axis('eigenvalue λ', large, { domain: [0, 0.46], anchor: 'y' }),
    yaxis: axis(density?.method === 'slq' ? 'D(λ) (SLQ)' : 'D(λ)', large, { anchor: 'x', rangemode: 'tozero' }),
    xaxis2: axis(`λ of the lowest ${lambda.length} modes`, large, { domain: [0.56, 1], anchor: 'y2' }),
    yaxis2: axis('participation P', large, { anchor: 'x2', type: 'log' }),
    annotations: density ? [] : [{ text: 'D(λ) not computed', xref: 'x domain' as 'x', yref: 'y domain' as 'y', x: 0.5, y: 0.5, showarrow: false, font: { size: s.font, color: MUTED } }],
  };
  return { data, layout, config: PLOT_CONFIG };
}
