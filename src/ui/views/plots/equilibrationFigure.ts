// Swap Monte Carlo as it runs: E/N against MC sweep (stationarity is what equilibration is judged by, docs/PHYSICS.md §2).
import type { Data, Layout } from 'plotly.js-dist-min';
import type { Figure } from './figure.ts';
import { axis, baseLayout, curveColor, MUTED, PLOT_CONFIG, plotSizes } from './theme.ts';

export interface EquilibrationFigureInput {
  sweeps: ArrayLike<number>;
  energyPerParticle: ArrayLike<number>;
  large?: boolean;
  height?: number;
}

export function buildEquilibrationFigure({ sweeps, energyPerParticle, large = false, height }: EquilibrationFigureInput): Figure {
  const s = plotSizes(large);
  const n = Math.min(sweeps.length, energyPerParticle.length);
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < n; k++) if (Number.isFinite(sweeps[k]) && Number.isFinite(energyPerParticle[k])) { x.push(sweeps[k]); y.push(energyPerParticle[k]); }
  const color = curveColor(0);
  const data: Data[] = [{
    type: 'scatter', mode: 'lines+markers', uid: 'energy', name: 'E/N', x, y,
    line: { color, width: s.line }, marker: { color, size: s.marker },
    hovertemplate: 'sweep %{x}<br>E/N = %{y:.5f}<extra></extra>',
  } as Data];
  const layout: Partial<Layout> = {
    ...baseLayout(large),
    showlegend: false,
    height: height ?? (large ? 420 : 300),
    xaxis: axis('MC sweep', large, { rangemode: 'tozero' }),
    yaxis: axis('E/N', large, { exponentformat: 'none' }),
    annotations: x.length === 0
      ? [{ text: 'no sweeps yet', xref: 'paper', yref: 'paper', x: 0.5, y: 0.5, showarrow: false, font: { size: s.font, color: MUTED } }]
      : [],
  };
  return { data, layout, config: PLOT_CONFIG };
}

/** "43.2 %" */
export function formatRate(rate: number): string {
  return Number.isFinite(rate) ? `${(100 * rate).toFixed(1)} %` : '—';
}
