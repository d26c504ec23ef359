// The Landscape toggles beside the velocity plot: normal modes along the quench (002 §III A; SD on the float64 engine) and
// the App. B harmonic prediction of ⟨|v(t)|⟩ (000 App. B; a quench from a finite T). Each says when it cannot apply.
import { useLandscapeSettingsStore } from '../../state/landscapeSettingsStore.ts';
import { useSpecStore } from '../../state/specStore.ts';

export function LandscapeToggles() {
  const l = useLandscapeSettingsStore();
  const algorithm = useSpecStore((s) => s.draft.algorithm);
  const job = useSpecStore((s) => s.draft.job);
  const temperature = useSpecStore((s) => s.draft.temperature);
  const single = job === 'single';
  const finiteT = Number.isFinite(Number(temperature)) && Number(temperature) > 0;
  const modesNote = !single ? 'single quenches only' : algorithm !== 'sd' ? `SD only, not ${algorithm}` : 'runs on the float64 engine';
  return (
    <div className="view-controls" data-testid="landscape-toggles">
      <label title={`f_u and the most unstable mode at each W level during the quench (002 §III A); ${modesNote}`}>
        <input type="checkbox" data-testid="modes-along-quench" checked={l.modesAlongQuench} onChange={(e) => l.set({ modesAlongQuench: e.target.checked })} /> normal modes along the quench
      </label>
      {l.modesAlongQuench && (!single || algorithm !== 'sd') ? <span className="gl-note" data-testid="modes-along-quench-note">({modesNote})</span> : null}
      <label title="The harmonic prediction ⟨|v(t)|⟩ = √((T/N) Σ_a λ_a e^{−2λ_a t}) from the final state's Hessian (000 App. B); computed after the quench">
        <input type="checkbox" data-testid="harmonic-prediction" checked={l.harmonicPrediction} onChange={(e) => l.set({ harmonicPrediction: e.target.checked })} /> App. B prediction
      </label>
      {l.harmonicPrediction && !finiteT ? <span className="gl-note">(needs a finite T)</span> : null}
    </div>
  );
}
