// The App. B prediction of a finished single quench as a dashed curve of the velocity plot (000 App. B).
import type { SingleResult } from '../../engine/lab/protocol.ts';
import type { PlotCurve } from '../views/plots/velocityFigure.ts';
import { REFERENCE } from '../views/plots/theme.ts';

export const HARMONIC_CURVE_ID = 'harmonic-prediction';

export function harmonicPredictionCurve(result: SingleResult): PlotCurve | null {
  const h = result.harmonic;
  if (!h || h.t.length < 2) return null;
  return {
    id: HARMONIC_CURVE_ID, label: `App. B harmonic, T = ${h.temperature} (${h.method === 'exact' ? 'exact spectrum' : 'lowest 20 + SLQ'})`,
    t: h.t, speed: h.speed, color: REFERENCE, dashed: true,
  };
}
