// The finite-size scaling result (001 SM II): raw curves, the collapse at the slider's z, and how much worse the spread is
// there than at the fitted z: moving the slider away from the fit shows the collapse breaking.
import { useMemo, useState } from 'react';
import type { ScalingResult } from '../../../engine/lab/protocol.ts';
import { SCALING_Z_RANGE } from '../../../io/shareLinkTypes.ts';
import { collapseAt } from '../../../physics/analysis/finiteSizeScaling.ts';
import type { Plotly } from './loadPlotly.ts';
import { buildScalingFigure } from './scalingFigure.ts';
import { usePlotlyFigure } from './usePlotlyFigure.ts';
import './plots.css';

export interface ScalingPlotProps {
  result: ScalingResult;
  large?: boolean;
  loadPlotly?: () => Promise<Plotly>;
  /** The slider held outside (src/state/scalingSetupStore.ts): its value, null for the fit's z, and its setter. */
  z?: number | null;
  onZ?: (z: number | null) => void;
}

export function ScalingPlot({ result, large = false, loadPlotly, z: heldZ, onZ }: ScalingPlotProps) {
  const { fit } = result;
  const [localZ, setLocalZ] = useState<number | null>(null);
  const chosen = onZ ? heldZ ?? null : localZ;
  const z = chosen ?? fit.z;
  const setZ = (value: number | null) => (onZ ? onZ(value) : setLocalZ(value));
  const curves = fit.curves;
  const at = useMemo(() => collapseAt(curves, z, fit.beta), [curves, z, fit.beta]);
  const figure = useMemo(() => buildScalingFigure({ curves, x: at.x, y: at.y, z, beta: fit.beta, large }), [curves, at, z, fit.beta, large]);
  const { ref, status, error } = usePlotlyFigure(figure, { load: loadPlotly });
  const ratio = at.spread / fit.spread;
  const f = (x: number) => x.toFixed(3);
  return (
    <div className={`gl-plot gl-scaling-plot${large ? ' gl-large' : ''}`} data-testid="scaling-plot">
      <div className="scaling-fit" data-testid="scaling-fit">
        finite-size scaling over N = {curves.map((c) => c.n).join(', ')} ({result.samples} samples each): z = {f(fit.z)} [{f(fit.interval.z[0])}, {f(fit.interval.z[1])}],
        β = {f(fit.beta)}{fit.betaFixed ? ' (held fixed)' : ` [${f(fit.interval.beta[0])}, ${f(fit.interval.beta[1])}]`} (68% bootstrap intervals)
      </div>
      <label className="scaling-slider">
        z = <span data-testid="scaling-z">{z.toFixed(2)}</span>
        <input type="range" data-testid="scaling-z-slider" min={SCALING_Z_RANGE[0]} max={SCALING_Z_RANGE[1]} step={0.01} value={z} onChange={(e) => setZ(Number(e.target.value))} />
        <span data-testid="scaling-spread">{Number.isFinite(at.spread) ? `spread ${at.spread.toExponential(2)} (${ratio.toFixed(1)}× the fit's)` : 'the curves do not overlap in t/N^z at this z'}</span>
        <button type="button" onClick={() => setZ(null)}>back to the fit</button>
      </label>
      <div ref={ref} className="gl-plot-graph" style={{ height: figure.layout.height }} />
      {status !== 'ready' && (
        <div className={`gl-plot-status${status === 'error' ? ' error' : ''}`}>{status === 'error' ? `plot unavailable: ${error}` : 'loading plot…'}</div>
      )}
    </div>
  );
}
