// Finite-size scaling (001 SM II, Fig. S1): the raw ⟨|v|⟩(t) of each N side by side with the collapse N^{βz}⟨|v|⟩ against
// t/N^z at a chosen z (the slider's), both log-log. At the fitted z the curves fall on one; away from it they fan out.
import type { Data, Layout } from 'plotly.js-dist-min';
import type { Figure } from './figure.ts';
import { axis, baseLayout, curveColor, MUTED, PLOT_CONFIG, plotSizes } from './theme.ts';

export interface ScalingFigureInput {
  curves: readonly { n: number; t: readonly number[]; speed: readonly number[] }[];
  /** The collapsed coordinates at the shown z (one array per curve). */
  x: readonly number[][];
  y: readonly number[][];
  z: number;
  beta: number;
  large?: boolean;
  height?: number;
}

export function buildScalingFigure({ curves, x, y, z, beta, large = false, height }: ScalingFigureInput): Figure {
  const s = plotSizes(large);
  const data: Data[] = [];
  curves.forEach((c, k) => {
    const style = { line: { color: curveColor(k), width: s.line }, marker: { color: curveColor(k), size: s.marker } };
    data.push({ type: 'scatter', mode: 'lines', uid: `raw-${c.n}`, name: `N = ${c.n}`, x: [...c.t], y: [...c.speed], xaxis: 'x', yaxis: 'y', ...style, hovertemplate: `N = ${c.n}<br>t = %{x:.3g}<br>⟨|v|⟩ = %{y:.3g}<extra></extra>` } as Data);
    data.push({ type: 'scatter', mode: 'lines', uid: `collapsed-${c.n}`, name: `N = ${c.n}`, showlegend: false, x: x[k], y: y[k], xaxis: 'x2', yaxis: 'y2', ...style, hovertemplate: `N = ${c.n}<br>t/N^z = %{x:.3g}<br>N^(βz)⟨|v|⟩ = %{y:.3g}<extra></extra>` } as Data);
  });
  const base = baseLayout(large);
  const layout: Partial<Layout> = {
    ...base,
    height: height ?? Math.round(360 * (large ? 1.35 : 1)),
    showlegend: true,
    legend: { ...base.legend, x: 0.44, xanchor: 'right', y: 0.99, yanchor: 'top' },
    xaxis: axis('time t', large, { type: 'log', domain: [0, 0.46], anchor: 'y' }),
    yaxis: axis('⟨|v|⟩', large, { type: 'log', anchor: 'x' }),
    xaxis2: axis(`t / N^${z.toFixed(2)}`, large, { type: 'log', domain: [0.56, 1], anchor: 'y2' }),
    yaxis2: axis(`N^(${beta.toFixed(2)}·${z.toFixed(2)}) ⟨|v|⟩`, large, { type: 'log', anchor: 'x2' }),
    annotations: curves.length === 0 ? [{ text: 'no sizes yet', xref: 'paper', yref: 'paper', x: 0.5, y: 0.5, showarrow: false, font: { size: s.font, color: MUTED } }] : [],
  };
  return { data, layout, config: PLOT_CONFIG };
}
