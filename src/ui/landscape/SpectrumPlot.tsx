// D(λ) and P(λ) of the computed modes (spectrumFigure.ts); a click on a P(λ) point picks that mode.
import { useMemo, useRef } from 'react';
import type { ModeSpectrum } from '../../engine/lab/protocol.ts';
import { usePlotlyFigure } from '../views/plots/usePlotlyFigure.ts';
import { buildSpectrumFigure } from './spectrumFigure.ts';
import '../views/plots/plots.css';

export interface SpectrumPlotProps {
  density: ModeSpectrum | null;
  eigenvalues: Float64Array;
  participation: number[];
  picked: number | null;
  onPick: (index: number) => void;
  large?: boolean;
}

export function SpectrumPlot({ density, eigenvalues, participation, picked, onPick, large = false }: SpectrumPlotProps) {
  const figure = useMemo(() => buildSpectrumFigure({ density, eigenvalues, participation, picked, large }), [density, eigenvalues, participation, picked, large]);
  const pick = useRef(onPick);
  pick.current = onPick;
  const { ref, status, error } = usePlotlyFigure(figure, {
    onReady: (graph) => {
      graph.on('plotly_click', (e) => {
        const point = e.points.find((p) => p.data.uid === 'participation');
        if (point) pick.current(point.pointIndex);
      });
    },
  });
  return (
    <div className={`gl-plot gl-spectrum-plot${large ? ' gl-large' : ''}`} data-testid="spectrum-plot">
      <div ref={ref} className="gl-plot-graph" style={{ height: figure.layout.height }} />
      {status !== 'ready' && (
        <div className={`gl-plot-status${status === 'error' ? ' error' : ''}`}>{status === 'error' ? `plot unavailable: ${error}` : 'loading plot…'}</div>
      )}
    </div>
  );
}
