// ⟨|v(t)|⟩ against t, log-log, live: the runs overlaid (the first is the current one), their fitted power laws, the harmonic
// reference, the precision floor and the fit window as a band to drag or resize (or type, beside the plot).
import { useMemo, useRef, useState } from 'react';
import type { PlotRelayoutEvent, PlotlyHTMLElement } from 'plotly.js-dist-min';
import { FitWindowInputs } from './FitWindowInputs.tsx';
import { sameWindow, windowFromRelayout, type TimeWindow } from './fitWindow.ts';
import type { Plotly } from './loadPlotly.ts';
import { usePlotlyFigure } from './usePlotlyFigure.ts';
import { buildVelocityFigure, WINDOW_SHAPE, type PlotCurve } from './velocityFigure.ts';
import './plots.css';

export type { PlotCurve } from './velocityFigure.ts';

export interface VelocityPlotProps {
  /** Several runs overlay with a legend; the first is the "current" one. */
  curves: PlotCurve[];
  /** For the harmonic reference β_harm = D/4 + 1/2. */
  dim: 2 | 3;
  fitWindow: { tMin: number; tMax: number };
  /** Called when the band is dragged or resized, or a valid window is typed. */
  onFitWindowChange: (w: { tMin: number; tMax: number }) => void;
  /** A second panel: E(t) − E_final (log-log). */
  showEnergy?: boolean;
  /** A panel: the local slope −d ln v / d ln t. */
  showLocalSlope?: boolean;
  /** The engine's precision floor of ⟨|v|⟩ (a dotted line labelled "float32 floor"). */
  floor?: number | null;
  /** Lecture mode: bigger fonts and lines. */
  large?: boolean;
  /** The typed fit-window inputs under the plot (default true); hide them where the page has its own. */
  showWindowInputs?: boolean;
  /** Total height in px (default from the number of panels). */
  height?: number;
  /** Milliseconds each redraw took (diagnostics). */
  onRedraw?: (ms: number) => void;
  /** Test seam: where Plotly comes from. */
  loadPlotly?: () => Promise<Plotly>;
}

export function VelocityPlot(props: VelocityPlotProps) {
  const { curves, dim, fitWindow, onFitWindowChange, showEnergy = false, showLocalSlope = false, floor = null, large = false, height, showWindowInputs = true } = props;
  // Bumped after every drag so the next redraw puts the band exactly on the props' window (Plotly keeps user edits otherwise).
  const [editRevision, setEditRevision] = useState(0);
  const windowRef = useRef<TimeWindow>(fitWindow);
  windowRef.current = fitWindow;
  const changeRef = useRef(onFitWindowChange);
  changeRef.current = onFitWindowChange;

  const figure = useMemo(
    () => buildVelocityFigure({ curves, dim, fitWindow, showEnergy, showLocalSlope, floor, large, height, editRevision }),
    // fitWindow by value: a parent passing a fresh object with the same numbers redraws nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [curves, dim, fitWindow.tMin, fitWindow.tMax, showEnergy, showLocalSlope, floor, large, height, editRevision],
  );

  const { ref, status, error } = usePlotlyFigure(figure, {
    onRedraw: props.onRedraw,
    load: props.loadPlotly,
    onReady: (graph: PlotlyHTMLElement) => {
      graph.on('plotly_relayout', (event: PlotRelayoutEvent) => {
        const next = windowFromRelayout(event as unknown as Record<string, unknown>, windowRef.current, WINDOW_SHAPE);
        if (!next) return;
        setEditRevision((r) => r + 1);
        if (!sameWindow(next, windowRef.current)) changeRef.current(next);
      });
    },
  });

  return (
    <div className={`gl-plot gl-velocity-plot${large ? ' gl-large' : ''}`} data-testid="velocity-plot">
      <div ref={ref} className="gl-plot-graph" style={{ height: figure.layout.height }} />
      {status !== 'ready' && (
        <div className={`gl-plot-status${status === 'error' ? ' error' : ''}`}>{status === 'error' ? `plot unavailable: ${error}` : 'loading plot…'}</div>
      )}
      {showWindowInputs && <FitWindowInputs window={fitWindow} onChange={onFitWindowChange} large={large} />}
    </div>
  );
}
