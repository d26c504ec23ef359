// The Landscape panel's Soft spots (issue 11, seeds 003 and 004): the nonlinear modes ψ, π4, π3 and the elastic analysis
// (G, κ_ij, κ_i) of the same source as the normal modes, each a lab job with its progress, one-line error and Cancel
// (src/state/softSpotController.ts); a picked field drawn as arrows (./useSoftSpotView.ts) with its κ, τ, χ, e and overlaps.
import { LabClient } from '../../engine/lab/client.ts';
import { modesSourceNow } from '../../state/landscapeController.ts';
import { useLandscapeSettingsStore } from '../../state/landscapeSettingsStore.ts';
import { createSoftSpotController, type SoftSpotController } from '../../state/softSpotController.ts';
import { useSoftSpotStore, type SoftSpotField, type SoftSpotJob, type SoftSpotJobKind } from '../../state/softSpotStore.ts';
import { FieldDisplayControls } from './FieldDisplayControls.tsx';
import { ElasticFacts } from './ElasticFacts.tsx';
import { FIELD_NAMES, FIELD_TITLES, fieldNumbers } from './softSpotFields.ts';

// One controller for the page; its workers start at the first Compute.
let controllerOfPage: SoftSpotController | null = null;
export function softSpotController(): SoftSpotController {
  controllerOfPage ??= createSoftSpotController(() => new LabClient());
  return controllerOfPage;
}

const JOB_BUTTONS: Record<SoftSpotJobKind, { label: string; title: string }> = {
  nonlinear: { label: 'Nonlinear modes ψ, π4, π3', title: 'the lowest harmonic mode ψ, the quartic mode π4 and the cubic mode π3 (003 App. B), float64' },
  elastic: { label: 'Elastic analysis G, κ_ij', title: 'the shear modulus G (Born − non-affine) and the dipole stiffness κ_ij of every interacting pair (004 App. A), float64' },
};

function JobRow({ kind, job, enabled }: { kind: SoftSpotJobKind; job: SoftSpotJob<unknown>; enabled: boolean }) {
  const controller = softSpotController();
  const running = job.status === 'running';
  return (
    <div className="softspot-job">
      <button type="button" className="primary" data-testid={`softspot-${kind}`} disabled={!enabled || running} title={JOB_BUTTONS[kind].title}
        onClick={() => controller.compute(kind)}>
        {JOB_BUTTONS[kind].label}
      </button>
      {running ? <button type="button" data-testid={`softspot-${kind}-cancel`} onClick={() => controller.cancel(kind)}>Cancel</button> : null}
      <div className="progress" data-testid={`softspot-${kind}-progress`} data-status={job.status}>
        <progress max={1} value={job.progress?.fraction ?? 0} />
        <span>{running ? job.progress?.label ?? 'starting' : job.status === 'done' ? 'done' : ''}</span>
      </div>
      {job.status === 'error' && job.error ? <div className="field-error landscape-error" role="alert" data-testid={`softspot-${kind}-error`}>{job.error}</div> : null}
    </div>
  );
}

function FieldPicker() {
  const s = useSoftSpotStore();
  const r = s.nonlinear.result;
  if (!r) return null;
  const pick = (f: SoftSpotField | null) => {
    s.set({ shownField: f });
    useLandscapeSettingsStore.getState().set({ softSpotField: f });
  };
  return (
    <div className="softspot-fields">
      <table className="softspot-table" data-testid="softspot-fields">
        <thead><tr><th>field</th><th>κ</th><th>τ</th><th>χ</th><th>e</th><th>overlap</th></tr></thead>
        <tbody>
          {(['psi', 'pi4', 'pi3'] as const).map((f) => {
            const n = fieldNumbers(r, f);
            return (
              <tr key={f} className={s.shownField === f ? 'picked' : undefined}>
                <td><label title={FIELD_TITLES[f]}><input type="radio" name="softspot-field" data-testid={`softspot-show-${f}`} checked={s.shownField === f} onChange={() => pick(f)} /> {FIELD_NAMES[f]}</label></td>
                <td>{n.kappa.toPrecision(4)}</td><td>{n.tau.toPrecision(3)}</td><td>{n.chi.toPrecision(3)}</td><td>{n.participation.toPrecision(3)}</td><td>{n.overlap ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FieldDisplayControls prefix="softspot" enabled={s.shownField !== null} value={s} onChange={s.set} arrowsLabel={<>arrows z<sub>i</sub></>}>
        <label><input type="radio" name="softspot-field" data-testid="softspot-show-none" checked={s.shownField === null} onChange={() => pick(null)} /> no field</label>
        <label title="colour the particles by |z_i|; off: by the view's colour mode (e.g. the defect map)">
          <input type="checkbox" data-testid="softspot-color-by-field" checked={s.colorByField} disabled={s.shownField === null} onChange={(e) => s.set({ colorByField: e.target.checked })} /> colour by |z<sub>i</sub>|
        </label>
      </FieldDisplayControls>
      <p className="field-hint">π3 from {r.cubic.start} ({r.cubic.starts} start{r.cubic.starts === 1 ? '' : 's'}); residuals π4 {r.quartic.residual.toExponential(1)}, π3 {r.cubic.residual.toExponential(1)}{r.quartic.converged && r.cubic.converged ? '' : ' (not converged)'}; {r.rattlers.count} rattlers left out; {r.seconds.toFixed(1)} s</p>
    </div>
  );
}

export function SoftSpotsSection() {
  const s = useSoftSpotStore();
  const after = useLandscapeSettingsStore((l) => l.softSpots);
  const at = modesSourceNow();
  const source = s.source ?? at?.source ?? null;
  return (
    <div className="softspots" data-testid="softspots">
      <h3>Soft spots: nonlinear modes and local stiffness</h3>
      <p className="landscape-source" data-testid="softspot-source">
        {source ? <>of {source.label}: N = {source.configuration.diameters.length}, {source.configuration.dim}D</> : 'Finish a quench (or load a state) to find its soft spots.'}
      </p>
      <label className="softspot-after" title="start both analyses whenever a quench is done (kept in share links)">
        <input type="checkbox" data-testid="softspot-after-quench" checked={after} onChange={(e) => useLandscapeSettingsStore.getState().set({ softSpots: e.target.checked })} /> compute after each quench
      </label>
      <JobRow kind="nonlinear" job={s.nonlinear} enabled={!!at} />
      <JobRow kind="elastic" job={s.elastic} enabled={!!at} />
      <FieldPicker />
      <ElasticFacts />
    </div>
  );
}
