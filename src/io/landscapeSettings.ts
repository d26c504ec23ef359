// The Landscape settings the share link and the library carry next to the run spec (issue 10): normal modes along the quench
// (002 §III A), the App. B harmonic prediction drawn on the velocity plot (000 App. B), the Landscape panel's mode count K, and
// its soft spots (issue 11): computed after the quench, which field is drawn, κ_ij bonds.
export interface LandscapeSettings {
  /** Record f_u and the most unstable mode at each W level during the quench (SD, float64). */
  modesAlongQuench: boolean;
  /** Compute and draw the harmonic prediction of ⟨|v(t)|⟩ after the quench (finite T). */
  harmonicPrediction: boolean;
  /** How many of the lowest modes the Landscape panel computes. */
  modeCount: number;
  /** Compute the soft spots (ψ, π4, π3 and G, κ_ij: seeds 003, 004) when a quench is done. */
  softSpots: boolean;
  /** The soft-spot field the particle view shows as arrows (null: none). */
  softSpotField: SoftSpotFieldName | null;
  /** Draw the measured pairs as bonds coloured by κ_ij. */
  softSpotBonds: boolean;
}

/** ψ (the lowest harmonic mode), π4 and π3 (the quartic and cubic nonlinear modes of 003). */
export const SOFT_SPOT_FIELDS = ['psi', 'pi4', 'pi3'] as const;
export type SoftSpotFieldName = (typeof SOFT_SPOT_FIELDS)[number];

export const DEFAULT_LANDSCAPE: LandscapeSettings = { modesAlongQuench: false, harmonicPrediction: false, modeCount: 10, softSpots: false, softSpotField: null, softSpotBonds: false };

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
    softSpots: typeof o.softSpots === 'boolean' ? o.softSpots : DEFAULT_LANDSCAPE.softSpots,
    softSpotField: (SOFT_SPOT_FIELDS as readonly unknown[]).includes(o.softSpotField) ? (o.softSpotField as SoftSpotFieldName) : DEFAULT_LANDSCAPE.softSpotField,
    softSpotBonds: typeof o.softSpotBonds === 'boolean' ? o.softSpotBonds : DEFAULT_LANDSCAPE.softSpotBonds,
  };
}

export function isDefaultLandscape(s: LandscapeSettings): boolean {
  return (Object.keys(DEFAULT_LANDSCAPE) as (keyof LandscapeSettings)[]).every((k) => s[k] === DEFAULT_LANDSCAPE[k]);
}
