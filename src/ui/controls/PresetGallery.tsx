// The preset gallery: one click loads a figure's run spec (and its shipped equilibrated state) and runs it. Each card shows
// how long it takes on this machine (the calibration's estimate); one estimated above about a minute runs shortened, and says so.
import { PRESETS, presetSpec, type Preset } from '../../engine/presets.ts';
import { fitToBudget, formatEstimate, LECTURE_BUDGET_SECONDS, type FittedPreset } from '../../engine/presetEstimate.ts';
import { useCalibrationStore } from '../../state/calibration.ts';
import type { LabController } from '../../state/labController.ts';
import { useSpecStore } from '../../state/specStore.ts';
import { useViewStore } from '../../state/viewStore.ts';
import { useLandscapeStore } from '../../state/landscapeStore.ts';
import { useLandscapeSettingsStore } from '../../state/landscapeSettingsStore.ts';
import { useSoftSpotStore } from '../../state/softSpotStore.ts';
import { SuperscriptPowers } from './SuperscriptPowers.tsx';

/** The preset's spec for this engine, shortened to the lecture budget when the calibration says it would take longer. */
export function fittedPreset(p: Preset, engineClass: 'gpu' | 'cpu'): FittedPreset | null {
  const c = useCalibrationStore.getState().presets[p.id];
  if (!c || c.engine !== engineClass) return null;
  return fitToBudget(presetSpec(p, engineClass), c);
}

export function applyPreset(p: Preset): void {
  const { engineClass, loadSpec, setField } = useSpecStore.getState();
  loadSpec(fittedPreset(p, engineClass)?.spec ?? presetSpec(p, engineClass), p.id);
  setField('job', 'single');
  useSpecStore.setState({ presetId: p.id });
  useViewStore.getState().set({ colorMode: p.colorMode, range: null });
  useLandscapeSettingsStore.getState().set({ modesAlongQuench: Boolean(p.modesAlongQuench), ...(p.landscape ? { modeCount: p.landscape.count } : {}) });
  // A landscape preset computes normal modes when its quench is done (src/state/landscapeController.ts).
  useLandscapeStore.getState().set(p.landscape
    ? { computeWhenDone: true, countText: String(p.landscape.count), autoPick: p.landscape.pick, show: true, playing: true }
    : { computeWhenDone: false, autoPick: 'lowest' });
  // A soft-spot preset computes the nonlinear modes when its quench is done and draws its field over the colour mode.
  useSoftSpotStore.getState().set(p.softSpots
    ? { computeWhenDone: ['nonlinear'], shownField: p.softSpots.field, colorByField: false, arrows: true, playing: false }
    : { computeWhenDone: [], colorByField: true });
  if (p.softSpots) useLandscapeSettingsStore.getState().set({ softSpotField: p.softSpots.field });
}

function Estimate({ p, engineClass }: { p: Preset; engineClass: 'gpu' | 'cpu' }) {
  useCalibrationStore((s) => s.presets[p.id]); // re-render as the calibration reaches this preset
  const state = useCalibrationStore((s) => s.state);
  const fitted = fittedPreset(p, engineClass);
  if (!fitted) {
    return <span className="preset-estimate" data-testid={`preset-estimate-${p.id}`}>{state === 'failed' ? 'no time estimate (calibration failed)' : 'timing on this machine…'}</span>;
  }
  const w = fitted.spec.fitWindow;
  const resized = fitted.shortenedFrom !== null || fitted.shrunkFrom !== null;
  const tail = fitted.seconds > 1.2 * LECTURE_BUDGET_SECONDS ? ', as small as a meaningful β allows' : ' to land in about a minute';
  // The card says what changed in a few words; the title says why.
  const why = fitted.shrunkFrom !== null
    ? `shrunk to N = ${fitted.spec.n} from ${fitted.shrunkFrom}, t_max = ${fitted.spec.tMax} (fit [${w.tMin}, ${w.tMax}]): the window's end scaled with the finite-size cut-off t ~ Nᶻ${tail}`
    : fitted.shortenedFrom !== null ? `shortened to t_max = ${fitted.spec.tMax} (fit [${w.tMin}, ${w.tMax}]) from ${fitted.shortenedFrom}${tail}` : undefined;
  return (
    <span className="preset-estimate" data-testid={`preset-estimate-${p.id}`} data-seconds={fitted.seconds.toFixed(1)}
      data-shortened={resized ? 'yes' : 'no'} data-n={fitted.spec.n} title={why}>
      {formatEstimate(fitted.seconds)} here
      {fitted.shrunkFrom !== null ? ` · shrunk to N = ${fitted.spec.n} from ${fitted.shrunkFrom}, t_max = ${fitted.spec.tMax} (fit [${w.tMin}, ${w.tMax}])` : ''}
      {fitted.shrunkFrom === null && fitted.shortenedFrom !== null ? ` · shortened to t_max = ${fitted.spec.tMax} (fit [${w.tMin}, ${w.tMax}]) from ${fitted.shortenedFrom}` : ''}
      {resized && fitted.seconds > 1.2 * LECTURE_BUDGET_SECONDS ? ' (still over a minute: as small as a meaningful β allows)' : ''}
    </span>
  );
}

export function PresetGallery({ controller }: { controller: LabController }) {
  const active = useSpecStore((s) => s.presetId);
  const engineClass = useSpecStore((s) => s.engineClass);
  return (
    <nav className="presets" aria-label="Presets">
      {PRESETS.map((p) => (
        <button key={p.id} type="button" data-testid={`preset-${p.id}`} className={active === p.id ? 'preset active' : 'preset'}
          title={`${p.figure} · N = ${engineClass === 'gpu' ? p.nGpu : p.nCpu}`}
          onClick={() => { applyPreset(p); void controller.run(); }}>
          <span className="preset-title">{p.title}</span>
          <span className="preset-expect"><SuperscriptPowers text={p.expect} /></span>
          <span className="preset-needs" data-testid={`preset-needs-${p.id}`}>{p.needs}</span>
          <Estimate p={p} engineClass={engineClass} />
        </button>
      ))}
    </nav>
  );
}
