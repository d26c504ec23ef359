// The paper's Fig. 4: ⟨φ⟩(T) and χ(T) from a temperature sweep, optionally β(T).
import { useMemo } from 'react';
import type { SweepPoint } from '../../../engine/lab/protocol.ts';
import type { Plotly } from './loadPlotly.ts';
import { buildSweepFigure } from './sweepFigure.ts';
import { usePlotlyFigure } from './usePlotlyFigure.ts';
import './plots.css';

export interface SweepPlotProps {
  points: SweepPoint[];
  /** A third panel: β(T) with its interval. */
  showBeta?: boolean;
  /** For the harmonic β line in the β(T) panel. */
  dim?: 2 | 3;
  /** A dotted line at a defect temperature T_def. */
  tDef?: number | null;
  large?: boolean;
  height?: number;
  loadPlotly?: () => Promise<Plotly>;
}

export function SweepPlot({ points, showBeta = false, dim, tDef = null, large = false, height, loadPlotly }: SweepPlotProps) {
  const figure = useMemo(() => buildSweepFigure({ points, showBeta, dim, tDef, large, height }), [points, showBeta, dim, tDef, large, height]);
  const { ref, status, error } = usePlotlyFigure(figure, { load: loadPlotly });
  return (
    <div className={`gl-plot gl-sweep-plot${large ? ' gl-large' : ''}`} data-testid="sweep-plot">
      <div ref={ref} className="gl-plot-graph" style={{ height: figure.layout.height }} />
      {status !== 'ready' && (
        <div className={`gl-plot-status${status === 'error' ? ' error' : ''}`}>{status === 'error' ? `plot unavailable: ${error}` : 'loading plot…'}</div>
      )}
    </div>
  );
}
