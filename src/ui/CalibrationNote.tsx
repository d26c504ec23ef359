// One line under the engine banner: what the calibration measured and which engine it picked (src/state/calibration.ts).
import { useCalibrationStore } from '../state/calibration.ts';

export function CalibrationNote() {
  const state = useCalibrationStore((s) => s.state);
  const reason = useCalibrationStore((s) => s.reason);
  const error = useCalibrationStore((s) => s.error);
  if (state === 'idle') return null;
  const text = state === 'failed' ? `calibration failed (${error}); presets run at their full size`
    : reason || 'calibrating: timing a short run of each engine…';
  return <div className="banner info calibration" data-testid="calibration" data-state={state}>{text}</div>;
}
