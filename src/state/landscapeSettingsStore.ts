// The Landscape settings as the page holds them (a share link's, a library record's) (src/io/landscapeSettings.ts): the along-the-quench and App. B toggles that
// the lab controller adds to a single quench's settings, and the mode count K of the Landscape panel.
import { create } from 'zustand';
import { DEFAULT_LANDSCAPE, readLandscapeSettings, type LandscapeSettings } from '../io/landscapeSettings.ts';

export type { LandscapeSettings } from '../io/landscapeSettings.ts';

interface LandscapeSettingsStore extends LandscapeSettings {
  set(patch: Partial<LandscapeSettings>): void;
}

export const useLandscapeSettingsStore = create<LandscapeSettingsStore>()((set) => ({
  ...DEFAULT_LANDSCAPE,
  set: (patch) => set((s) => readLandscapeSettings({ ...plain(s), ...patch })),
}));

/** The plain settings (no setter), for links, records and jobs. */
export function landscapeSettings(): LandscapeSettings {
  return plain(useLandscapeSettingsStore.getState());
}

function plain(s: LandscapeSettings): LandscapeSettings {
  const { modesAlongQuench, harmonicPrediction, modeCount, softSpots, softSpotField, softSpotBonds } = s;
  return { modesAlongQuench, harmonicPrediction, modeCount, softSpots, softSpotField, softSpotBonds };
}
