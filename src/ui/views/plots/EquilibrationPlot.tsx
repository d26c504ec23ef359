// E/N against MC sweep while swap Monte Carlo equilibrates, with the acceptance rates underneath.
import { useMemo } from 'react';
import { buildEquilibrationFigure, formatRate } from './equilibrationFigure.ts';
import type { Plotly } from './loadPlotly.ts';
import { usePlotlyFigure } from './usePlotlyFigure.ts';
import './plots.css';

export interface EquilibrationPlotProps {
  sweeps: number[];
  energyPerParticle: number[];
  /** The temperature of each record: one trace per temperature. */
  temperature?: (number | null)[];
  acceptance?: { displacement: number; swap: number } | null;
  large?: boolean;
  height?: number;
  loadPlotly?: () => Promise<Plotly>;
}

export function EquilibrationPlot({ sweeps, energyPerParticle, temperature, acceptance = null, large = false, height, loadPlotly }: EquilibrationPlotProps) {
  const figure = useMemo(() => buildEquilibrationFigure({ sweeps, energyPerParticle, ...(temperature ? { temperature } : {}), large, height }), [sweeps, energyPerParticle, temperature, large, height]);
  const { ref, status, error } = usePlotlyFigure(figure, { load: loadPlotly });
  return (
    <div className={`gl-plot gl-equilibration-plot${large ? ' gl-large' : ''}`} data-testid="equilibration-plot">
      <div ref={ref} className="gl-plot-graph" style={{ height: figure.layout.height }} />
      {status !== 'ready' && (
        <div className={`gl-plot-status${status === 'error' ? ' error' : ''}`}>{status === 'error' ? `plot unavailable: ${error}` : 'loading plot…'}</div>
      )}
      <div className="gl-acceptance" data-testid="acceptance">
        <span>acceptance</span>
        <span>displacement <b>{acceptance ? formatRate(acceptance.displacement) : '—'}</b></span>
        <span>swap <b>{acceptance ? formatRate(acceptance.swap) : '—'}</b></span>
      </div>
    </div>
  );
}
