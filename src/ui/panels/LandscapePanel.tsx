// The Landscape panel (issue 10, seed 002): the lowest normal modes of a finished quench (or a loaded state), computed by the
// lab's modes job in its own worker; their spectrum D(λ) and P(λ); a picked mode shown on the particles (|e_i|, arrows,
// animation: src/ui/landscape/useModeView.ts).
import { LabClient } from '../../engine/lab/client.ts';
import { createLandscapeController, modesSourceNow, type LandscapeController } from '../../state/landscapeController.ts';
import { MAX_PANEL_MODES, parseModeCount, useLandscapeStore } from '../../state/landscapeStore.ts';
import { useLandscapeSettingsStore } from '../../state/landscapeSettingsStore.ts';
import { useImportedStart } from '../../state/importedStart.ts';
import { useRunStore } from '../../state/runStore.ts';
import { useViewStore } from '../../state/viewStore.ts';
import { ModeDisplayControls } from '../landscape/ModeDisplayControls.tsx';
import { ModeList } from '../landscape/ModeList.tsx';
import { SpectrumPlot } from '../landscape/SpectrumPlot.tsx';
import { SoftSpotsSection } from '../landscape/SoftSpotsSection.tsx';
import '../landscape/landscape.css';

// One controller for the page; its worker starts at the first Compute.
let controllerOfPage: LandscapeController | null = null;
export function landscapeController(): LandscapeController {
  controllerOfPage ??= createLandscapeController(() => new LabClient());
  return controllerOfPage;
}

function ResultFacts() {
  const r = useLandscapeStore((s) => s.result);
  if (!r) return null;
  const d = r.density;
  return (
    <dl className="facts landscape-facts" data-testid="landscape-facts">
      <dt>solver</dt><dd>{r.method === 'dense' ? 'dense float64 (every eigenpair)' : `Lanczos (${r.products ?? '?'} H products)`}, {r.seconds.toFixed(1)} s</dd>
      <dt>rattlers</dt><dd data-testid="landscape-rattlers-count">{r.rattlers.count}{r.rattlers.count ? (r.rattlers.excluded ? ', left out' : ', kept (their near-zero modes show)') : ''}</dd>
      {d ? <><dt>f<sub>u</sub></dt><dd>{d.method === 'exact' ? d.unstableFraction.toPrecision(3) : `${d.unstableFraction.toPrecision(2)} ± ${d.unstableError.toPrecision(2)} (SLQ)`}</dd></> : null}
      <dt>max |f<sub>i</sub>|</dt><dd>{r.maxForce.toExponential(1)}{r.maxForce > 1e-6 ? ': not a minimum, so these are instantaneous normal modes' : ''}</dd>
      <dt>largest residual</dt><dd>{Math.max(...r.residuals).toExponential(1)}</dd>
    </dl>
  );
}

export function LandscapePanel() {
  const controller = landscapeController();
  const s = useLandscapeStore();
  // the source follows the run and the loaded state
  useRunStore((r) => r.status);
  useRunStore((r) => r.result);
  useImportedStart((i) => i.start);
  const large = useViewStore((v) => v.lectureMode);
  const at = modesSourceNow();
  const modes = at ? at.source.configuration.dim * (at.source.configuration.diameters.length - 1) : null;
  const parsed = parseModeCount(s.countText, modes);
  const countError = 'error' in parsed ? parsed.error : null;
  const running = s.status === 'running';
  return (
    <section className="panel landscape-panel" aria-label="Landscape" data-testid="landscape-panel">
      <h2>Landscape: normal modes</h2>
      <div className="landscape-controls">
        <p className="landscape-source" data-testid="landscape-source">
          {at ? <>modes of {at.source.label}: N = {at.source.configuration.diameters.length}, {at.source.configuration.dim}D</> : 'Finish a quench (or load a state) to compute its normal modes.'}
        </p>
        <div className="field landscape-count">
          <label htmlFor="landscape-count">lowest K modes</label>
          <input id="landscape-count" data-testid="landscape-count" value={s.countText} spellCheck={false} autoComplete="off"
            aria-invalid={countError ? true : undefined} onChange={(e) => setCount(e.target.value, modes)} />
          {countError ? <div className="field-error" role="alert" data-testid="landscape-count-error">{countError}</div>
            : <div className="field-hint">1 to {modes === null ? MAX_PANEL_MODES : Math.min(MAX_PANEL_MODES, modes)}; translations removed</div>}
        </div>
        <label className="landscape-rattlers" title="particles with fewer than D + 1 contacts: their modes are zero">
          <input type="checkbox" data-testid="landscape-rattlers" checked={s.excludeRattlers} onChange={(e) => s.set({ excludeRattlers: e.target.checked })} />
          leave rattlers out
        </label>
        <button type="button" className="primary" data-testid="landscape-compute" disabled={!at || countError !== null || running} onClick={() => controller.compute()}
          title={at ? 'the lowest K eigenpairs of the Hessian, on the float64 engine' : 'finish a quench first'}>
          Compute modes
        </button>
        {running ? <button type="button" data-testid="landscape-cancel" onClick={() => controller.cancel()}>Cancel</button> : null}
        <div className="progress" data-testid="landscape-progress" data-status={s.status}>
          <progress max={1} value={s.progress?.fraction ?? 0} />
          <span>{running ? s.progress?.label ?? 'starting' : s.status === 'done' ? 'done' : ''}</span>
        </div>
        {s.status === 'error' && s.error ? <div className="field-error landscape-error" role="alert" data-testid="landscape-error">{s.error}</div> : null}
      </div>
      {s.result ? (
        <div className="landscape-result">
          <SpectrumPlot density={s.result.density} eigenvalues={s.result.eigenvalues} participation={s.result.participation} picked={s.picked} onPick={s.pick} large={large} />
          <div className="landscape-side">
            <ModeList eigenvalues={s.result.eigenvalues} participation={s.result.participation} picked={s.picked} onPick={s.pick} />
            <ModeDisplayControls />
            <ResultFacts />
          </div>
        </div>
      ) : null}
      <SoftSpotsSection />
    </section>
  );
}

/** K as typed, and (when valid) as the share link and library keep it (src/state/landscapeSettingsStore.ts). */
function setCount(text: string, modes: number | null): void {
  useLandscapeStore.getState().set({ countText: text });
  const k = parseModeCount(text, modes);
  if ('count' in k) useLandscapeSettingsStore.getState().set({ modeCount: k.count });
}
