// The soft-spot studies' plots (issue 11): the annealing study of 004 Fig. 3 and the nonlinear statistics of 003 §V, each
// drawn by plotly from its pure figure builder.
import { useMemo } from 'react';
import type { ElasticStudyResult, NonlinearStatisticsResult } from '../../../engine/lab/protocol.ts';
import { buildAnnealingFigure } from './annealingFigure.ts';
import type { Plotly } from './loadPlotly.ts';
import { buildNonlinearStatisticsFigure } from './nonlinearStatisticsFigure.ts';
import type { Figure } from './figure.ts';
import { usePlotlyFigure } from './usePlotlyFigure.ts';
import './plots.css';

function FigureView({ figure, testId, loadPlotly, large }: { figure: Figure; testId: string; loadPlotly?: () => Promise<Plotly>; large: boolean }) {
  const { ref, status, error } = usePlotlyFigure(figure, { load: loadPlotly });
  return (
    <div className={`gl-plot${large ? ' gl-large' : ''}`} data-testid={testId}>
      <div ref={ref} className="gl-plot-graph" style={{ height: figure.layout.height }} />
      {status !== 'ready' && (
        <div className={`gl-plot-status${status === 'error' ? ' error' : ''}`}>{status === 'error' ? `plot unavailable: ${error}` : 'loading plot…'}</div>
      )}
    </div>
  );
}

export function AnnealingPlot({ result, large = false, loadPlotly }: { result: ElasticStudyResult; large?: boolean; loadPlotly?: () => Promise<Plotly> }) {
  const figure = useMemo(() => buildAnnealingFigure(result.points, large), [result, large]);
  return <FigureView figure={figure} testId="annealing-plot" loadPlotly={loadPlotly} large={large} />;
}

export function NonlinearStatisticsPlot({ result, large = false, loadPlotly }: { result: NonlinearStatisticsResult; large?: boolean; loadPlotly?: () => Promise<Plotly> }) {
  const figure = useMemo(() => buildNonlinearStatisticsFigure({ n: result.spec.n, rows: result.rows, statistics: result.statistics, large }), [result, large]);
  return <FigureView figure={figure} testId="nonlinear-statistics-plot" loadPlotly={loadPlotly} large={large} />;
}
