// Normal modes along the quench, live: W(t) and f_u(W) from the run's streamed W levels (or the finished result's), with the
// last level's numbers. Mounted under the velocity plot when the toggle is on or the run has levels.
import { useMemo } from 'react';
import type { LandscapeLevelRow } from '../../engine/lab/protocol.ts';
import { usePlotlyFigure } from '../views/plots/usePlotlyFigure.ts';
import type { Figure } from '../views/plots/figure.ts';
import { buildLevelTimeFigure, buildUnstableFractionFigure, unstableFractionPoints } from './landscapeFigures.ts';
import '../views/plots/plots.css';

function FigureBox({ figure, testId, points }: { figure: Figure; testId: string; points: number }) {
  const { ref, status, error } = usePlotlyFigure(figure);
  return (
    <div className="gl-plot" data-testid={testId} data-points={points}>
      <div ref={ref} className="gl-plot-graph" style={{ height: figure.layout.height }} />
      {status !== 'ready' && <div className={`gl-plot-status${status === 'error' ? ' error' : ''}`}>{status === 'error' ? `plot unavailable: ${error}` : 'loading plot…'}</div>}
    </div>
  );
}

export function QuenchLandscapePlots({ rows, large = false }: { rows: readonly LandscapeLevelRow[]; large?: boolean }) {
  const wt = useMemo(() => buildLevelTimeFigure(rows, large), [rows, large]);
  const fu = useMemo(() => buildUnstableFractionFigure(rows, large), [rows, large]);
  const last = rows[rows.length - 1];
  return (
    <div className="gl-landscape-plots" data-testid="landscape-plots" data-levels={rows.length}>
      <div className="gl-landscape-caption">
        Normal modes along the quench (002 §III A): the first time W ≤ W_k, f_u and the most unstable mode.
        {last ? <> Last level W = {last.w.toExponential(2)} at t = {last.t.toPrecision(3)}: f_u = {last.fu.toPrecision(3)}{last.fuError > 0 ? ` ± ${last.fuError.toPrecision(2)}` : ''} ({last.method}){last.participation !== null ? `, P = ${last.participation.toPrecision(3)}` : ', no unstable mode'}.</> : null}
      </div>
      <FigureBox figure={wt} testId="w-of-t-plot" points={rows.length} />
      <FigureBox figure={fu} testId="fu-of-w-plot" points={unstableFractionPoints(rows).w.length} />
    </div>
  );
}
