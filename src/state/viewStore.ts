// How the run is shown: colour mode and range, arrows, plot panels, lecture mode. Not part of the physics; issue 5 puts it
// in the share link next to the run spec.
import { create } from 'zustand';

export const COLOR_MODES = ['species', 'defects', 'd2min', 'displacement', 'speed'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

export const COLOR_MODE_LABELS: Record<ColorMode, string> = {
  species: 'species / diameter',
  defects: 'defects φ_i',
  d2min: 'D²min',
  displacement: 'displacement |r(0) − r(t)|',
  speed: 'speed |v_i|',
};

export interface ViewSettings {
  colorMode: ColorMode;
  /** Colour range of the continuous modes; null = automatic. */
  range: [number, number] | null;
  logScale: boolean;
  arrows: boolean;
  magnification: number;
  showEnergy: boolean;
  showLocalSlope: boolean;
  lectureMode: boolean;
  /** Draw frames while the engine runs (off: the view keeps its last frame and costs the simulation nothing). */
  liveView: boolean;
}

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
  set: (patch) => set((s) => ({ ...patch, range: patch.colorMode && patch.colorMode !== s.colorMode && patch.range === undefined ? null : patch.range ?? s.range })),
  setAutoRange: (r) => set((s) => (s.autoRange && s.autoRange[0] === r[0] && s.autoRange[1] === r[1] ? s : { autoRange: r })),
}));
