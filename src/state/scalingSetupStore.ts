// The lab's finite-size scaling set-up (src/ui/panels/ScalingPanel.tsx): the sizes and samples as typed, and the z slider of
// the collapse plot (null: the fitted z). Held here, not in the panel, so that a share link carries and restores it.
import { create } from 'zustand';

export interface ScalingSetup {
  sizesText: string;
  samplesText: string;
  /** The z slider's value; null follows the fit of the result shown. */
  z: number | null;
  /** z came from a share link: the next scaling run keeps it (the link's view); any other run starts at its fit. */
  zFromLink?: boolean;
}

export const DEFAULT_SCALING_SETUP: ScalingSetup = { sizesText: '128, 256, 512', samplesText: '4', z: null, zFromLink: false };

interface ScalingSetupStore extends ScalingSetup {
  set(patch: Partial<ScalingSetup>): void;
  /** A scaling run starts: its plot opens at its fitted z, unless a link just set z (then once at the link's). */
  runStarts(): void;
}

export const useScalingSetupStore = create<ScalingSetupStore>()((set) => ({
  ...DEFAULT_SCALING_SETUP,
  set: (patch) => set(patch),
  runStarts: () => set((s) => (s.zFromLink ? { zFromLink: false } : { z: null })),
}));
