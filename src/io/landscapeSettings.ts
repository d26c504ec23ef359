// The Landscape settings the share link and the library carry next to the run spec (issue 10): normal modes along the quench
// (002 §III A), the App. B harmonic prediction drawn on the velocity plot (000 App. B), and the Landscape panel's mode count K.
export interface LandscapeSettings {
  /** Record f_u and the most unstable mode at each W level during the quench (SD, float64). */
  modesAlongQuench: boolean;
  /** Compute and draw the harmonic prediction of ⟨|v(t)|⟩ after the quench (finite T). */
  harmonicPrediction: boolean;
  /** How many of the lowest modes the Landscape panel computes. */
  modeCount: number;
}

export const DEFAULT_LANDSCAPE: LandscapeSettings = { modesAlongQuench: false, harmonicPrediction: false, modeCount: 10 };

/** The Landscape panel computes at most this many modes. */
export const MAX_MODE_COUNT = 100;

/** The settings of `value` where valid, else the defaults field by field (an old link or record has none). */
export function readLandscapeSettings(value: unknown): LandscapeSettings {
  const o = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const k = o.modeCount;
  return {
    modesAlongQuench: typeof o.modesAlongQuench === 'boolean' ? o.modesAlongQuench : DEFAULT_LANDSCAPE.modesAlongQuench,
    harmonicPrediction: typeof o.harmonicPrediction === 'boolean' ? o.harmonicPrediction : DEFAULT_LANDSCAPE.harmonicPrediction,
    modeCount: typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= MAX_MODE_COUNT ? k : DEFAULT_LANDSCAPE.modeCount,
  };
}

export function isDefaultLandscape(s: LandscapeSettings): boolean {
  return s.modesAlongQuench === DEFAULT_LANDSCAPE.modesAlongQuench && s.harmonicPrediction === DEFAULT_LANDSCAPE.harmonicPrediction && s.modeCount === DEFAULT_LANDSCAPE.modeCount;
}
