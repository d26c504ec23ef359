// One line under the engine banner: what the calibration measured and which engine it picked (src/state/calibration.ts),
// when it was saved if read back from an earlier load, and a button to time again.
import { useCalibrationStore } from '../state/calibration.ts';

export function CalibrationNote() {
  const state = useCalibrationStore((s) => s.state);
  const reason = useCalibrationStore((s) => s.reason);
  const error = useCalibrationStore((s) => s.error);
  const savedAt = useCalibrationStore((s) => s.savedAt);
  const recalibrate = useCalibrationStore((s) => s.recalibrate);
  if (state === 'idle') return null;
  const text = state === 'failed' ? `calibration failed (${error}); presets run at their full size`
    : reason || 'calibrating: timing a short run of each engine…';
  return (
    <div className="banner info calibration" data-testid="calibration" data-state={state} data-saved={savedAt !== null ? 'yes' : 'no'}>
      {text}
      {savedAt !== null ? ` (saved ${new Date(savedAt).toLocaleString()})` : ''}
      {recalibrate && state !== 'running'
        ? <> <button type="button" data-testid="recalibrate" onClick={recalibrate}>recalibrate</button></> : null}
    </div>
  );
}
