// The lab's finite-size scaling set-up (src/ui/panels/ScalingPanel.tsx): the sizes and samples as typed, and the z slider of
// the collapse plot (null: the fitted z). Held here, not in the panel, so that a share link carries and restores it.
import { create } from 'zustand';

export interface ScalingSetup {
  sizesText: string;
  samplesText: string;
  /** The z slider's value; null follows the fit of the result shown. */
  z: number | null;
}

export const DEFAULT_SCALING_SETUP: ScalingSetup = { sizesText: '128, 256, 512', samplesText: '4', z: null };

interface ScalingSetupStore extends ScalingSetup {
  set(patch: Partial<ScalingSetup>): void;
}

export const useScalingSetupStore = create<ScalingSetupStore>()((set) => ({
  ...DEFAULT_SCALING_SETUP,
  set: (patch) => set(patch),
}));
