// ⟨|v(t)|⟩ of the running experiment (its groups averaged and fitted) over the kept runs, the β readout, and the extra panels.
import { useEffect, useMemo, useState } from 'react';
import { curveGroups } from '../../state/curveGroups.ts';
import { MAX_OVERLAYS, useRunStore } from '../../state/runStore.ts';
import { useSpecStore } from '../../state/specStore.ts';
import { useViewStore } from '../../state/viewStore.ts';
import { getModel, MODEL_NAMES } from '../../physics/models.ts';
import { curveBetaFit } from '../../physics/analysis/betaFit.ts';
import { BetaReadout, noFitReason, pointsInWindow, VelocityPlot, type PlotCurve } from '../views/plots/index.ts';
import { distinctCurves } from '../views/plots/velocityFigure.ts';
import { windowFilledTo } from '../views/plots/betaFormat.ts';
import { singleRunInterval } from '../../engine/sampleScatter.ts';
import { PlotToggles } from '../controls/ViewControls.tsx';
import { useLibraryOverlays } from '../library/useLibraryOverlays.ts';
import { LandscapeToggles } from '../landscape/LandscapeToggles.tsx';
import { QuenchLandscapePlots } from '../landscape/QuenchLandscapePlots.tsx';
import { harmonicPredictionCurve } from '../landscape/harmonicCurve.ts';
import { useLandscapeSettingsStore } from '../../state/landscapeSettingsStore.ts';

/** The fit window as typed, or the last valid one while the typing is invalid. */
function useFitWindow() {
  const spec = useSpecStore((s) => s.spec);
  const d = useSpecStore((s) => s.draft);
  const tMin = Number(d.fitTMin), tMax = Number(d.fitTMax);
  return spec?.fitWindow ?? (tMin > 0 && tMax > tMin ? { tMin, tMax } : { tMin: 3, tMax: 100 });
}

/** The window's inner height, kept current (lecture mode fits the plot to the screen). */
function useViewportHeight(): number {
  const [h, setH] = useState(() => (typeof window === 'undefined' ? 900 : window.innerHeight));
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

/** The GPU engine's measured floor of ⟨|v|⟩ (soft2d, `npm run bench:gpu-floor`), drawn when the GPU runs. */
const GPU_FLOOR = 3e-7;

export function PlotPanel() {
  const curves = useRunStore((s) => s.curves);
  const order = useRunStore((s) => s.curveOrder);
  const status = useRunStore((s) => s.status);
  const engine = useRunStore((s) => s.engine);
  const system = useRunStore((s) => s.system);
  const overlays = useRunStore((s) => s.overlays);
  const clearOverlays = useRunStore((s) => s.clearOverlays);
  const libraryOverlays = useLibraryOverlays();
  const result = useRunStore((s) => s.result);
  const streamedLevels = useRunStore((s) => s.levels);
  const harmonicError = useRunStore((s) => s.harmonicError);
  const landscape = useLandscapeSettingsStore();
  const levels = result?.kind === 'single' && result.landscapeLevels ? result.landscapeLevels : streamedLevels;
  const harmonic = landscape.harmonicPrediction && result?.kind === 'single' ? harmonicPredictionCurve(result) : null;
  const modelName = useSpecStore((s) => s.draft.model);
  const setField = useSpecStore((s) => s.setField);
  const v = useViewStore();
  const window = useFitWindow();
  const dim = (system?.dim ?? ((MODEL_NAMES as readonly string[]).includes(modelName) ? getModel(modelName).dim : 2)) as 2 | 3;

  const groups = useMemo(() => curveGroups(curves, order, window, status === 'running' || status === 'paused'), [curves, order, window, status]);
  // The running sample of an ensemble is shown too, thin, so something moves while the mean waits for it.
  const growing = order.length > 1 && (status === 'running' || status === 'paused') ? curves[order[order.length - 1]] : null;
  // The readout's curve: SD's in a comparison (FIRE's and CG's t is not physical time), else the latest group.
  const found = groups.find((g) => g.key === 'sd' && groups.length > 1) ?? groups[groups.length - 1] ?? null;
  // One run's regression interval is 2–2.5× too narrow (correlated points): it gets the measured scatter of single runs at N.
  const n = system ? system.diameters.length : null;
  const single = found?.fit && found.samples === 1 && found.fit.interval === 'regression' && n ? singleRunInterval(found.fit.beta, (found.fit.high - found.fit.low) / 2, n) : null;
  const current = useMemo(() => (found && single && found.fit ? { ...found, fit: { ...found.fit, low: single.low, high: single.high } } : found),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [found, single?.low, single?.high]);
  // provisional while the run is under way; a finished run's β is final even if its t_max ends inside the window
  const active = status === 'running' || status === 'paused';
  const filledTo = current && active ? windowFilledTo(current.t, window) : null;
  const viewport = useViewportHeight();
  const plotCurves: PlotCurve[] = useMemo(() => {
    // the readout's curve first: the plot's β annotation is the readout's β (a comparison showed SD's and CG's at once)
    const ordered = current ? [current, ...[...groups].reverse().filter((g) => g.key !== current.key)] : [...groups].reverse();
    const list: PlotCurve[] = ordered.map((g) => ({ id: `run-${g.key}`, label: g.label, t: g.t, speed: g.speed, energyPerParticle: g.energyPerParticle, fit: g.fit, provisional: g === current && filledTo !== null }));
    if (growing && growing.t.length > 1 && groups.some((g) => g.members > 1)) list.push({ id: 'growing', label: `${growing.name} (running)`, t: growing.t, speed: growing.speed, dashed: true });
    // the newest kept and ticked runs, at most MAX_OVERLAYS, each once (a kept run ticked in the library too is the same curve)
    const kept = distinctCurves([...overlays, ...libraryOverlays].reverse()).slice(0, MAX_OVERLAYS);
    for (const o of kept) {
      let fit = null;
      try { fit = curveBetaFit(o.t, o.speed, window); } catch { fit = null; }
      list.push({ id: `overlay-${o.id}`, label: o.label, t: o.t, speed: o.speed, energyPerParticle: o.energyPerParticle, fit, dashed: true });
    }
    if (harmonic) list.push(harmonic);
    return distinctCurves(list);
  }, [groups, current, filledTo, growing, overlays, libraryOverlays, window, harmonic]);

  const reason = current ? (current.fit ? undefined : noFitReason(pointsInWindow(current.t, current.speed, window))) : undefined;
  // An opened link's result: the readout shows the β the banner shows, until a run of this page has its own.
  const linked = !current ? overlays.find((o) => o.fit) : undefined;
  const linkedFit = linked?.fit ? { ...linked.fit, logPrefactor: NaN, points: 0, interval: 'regression' as const, samples: 1 } : null;
  return (
    <section className="panel plot-panel" aria-label="Relaxation">
      <div className="plot-head">
        <BetaReadout fit={current?.fit ?? linkedFit} dim={dim} samples={current?.samples} reason={reason} large={v.lectureMode} filledTo={filledTo}
          scatter={single && n ? { n, sd: single.sd } : null} source={linkedFit ? `${linked!.label}, as the link carries it` : undefined} />
        <div className="plot-tools">
          <PlotToggles />
          <LandscapeToggles />
          {overlays.length ? <button type="button" data-testid="clear-overlays" onClick={clearOverlays}>clear {overlays.length} kept run{overlays.length > 1 ? 's' : ''}</button> : null}
        </div>
      </div>
      <VelocityPlot
        curves={plotCurves} dim={dim} fitWindow={window}
        onFitWindowChange={(w) => { setField('fitTMin', String(+w.tMin.toPrecision(4))); setField('fitTMax', String(+w.tMax.toPrecision(4))); }}
        showEnergy={v.showEnergy} showLocalSlope={v.showLocalSlope} floor={engine === 'gpu' ? GPU_FLOOR : null} large={v.lectureMode}
        height={v.lectureMode ? Math.max(300, viewport - 330) : undefined} showWindowInputs={!v.lectureMode}
      />
      {landscape.harmonicPrediction && result?.kind === 'single' && !result.harmonic ? (
        <p className="gl-note" data-testid="harmonic-missing">{harmonicError ?? 'computing the App. B prediction from the final state\'s spectrum…'}</p>
      ) : null}
      {landscape.modesAlongQuench || levels.length > 0 ? <QuenchLandscapePlots rows={levels} large={v.lectureMode} /> : null}
    </section>
  );
}
