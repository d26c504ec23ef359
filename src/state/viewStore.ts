// How the run is shown: colour mode and range, arrows, plot panels, lecture mode. Not part of the physics; issue 5 puts it
// in the share link next to the run spec.
// The plain types live in src/io/viewSettings.ts (the share link carries them); re-exported here for the UI.
import { create } from 'zustand';
import type { ColorMode, ViewSettings } from '../io/viewSettings.ts';

export { COLOR_MODES } from '../io/viewSettings.ts';
export type { ColorMode, ViewSettings } from '../io/viewSettings.ts';

export const COLOR_MODE_LABELS: Record<ColorMode, string> = {
  species: 'species / diameter',
  defects: 'defects φ_i',
  d2min: 'D²min',
  displacement: 'displacement |r(0) − r(t)|',
  speed: 'speed |v_i|',
  hidden: 'hidden coordinate (D > 3)',
  kappa: 'local stiffness κ_i',
};

export const DEFAULT_VIEW: ViewSettings = {
  colorMode: 'species', range: null, logScale: false, arrows: false, magnification: 5, showEnergy: false, showLocalSlope: false, lectureMode: false, liveView: true,
};

interface ViewStore extends ViewSettings {
  /** The range the view chose automatically (shown in the range inputs while range is null). */
  autoRange: [number, number] | null;
  set(patch: Partial<ViewSettings>): void;
  setAutoRange(r: [number, number]): void;
}

export const useViewStore = create<ViewStore>()((set) => ({
  ...DEFAULT_VIEW,
  autoRange: null,
  // A new colour mode or scale forgets the range of the last one, typed and automatic (D²min showed a stale range before it existed).
  set: (patch) => set((s) => {
    const modeChanged = (patch.colorMode !== undefined && patch.colorMode !== s.colorMode) || (patch.logScale !== undefined && patch.logScale !== s.logScale);
    return { ...patch, range: modeChanged && patch.range === undefined ? null : patch.range ?? s.range, ...(modeChanged ? { autoRange: null } : {}) };
  }),
  setAutoRange: (r) => set((s) => (s.autoRange && s.autoRange[0] === r[0] && s.autoRange[1] === r[1] ? s : { autoRange: r })),
}));
