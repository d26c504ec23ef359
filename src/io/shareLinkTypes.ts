// What a share link carries (issue 5): the run spec, the job, how it is shown, the engine preference and, when it fits, the
// finished run's curve and β. Plain data only; the limits every link is checked against on its way in.
import { RUN_LIMITS } from '../engine/limits.ts';
import { ENGINE_CHOICES, type EngineChoice } from '../engine/lab/protocol.ts';
import type { RunSpec } from '../engine/runSpec.ts';
import type { BetaInterval } from '../physics/analysis/betaFit.ts';
import type { ColorMode, ViewSettings } from './viewSettings.ts';
import type { LandscapeSettings } from './landscapeSettings.ts';

/** The version this GlassLab writes and reads (the `v1.` of `#v1.…`). */
export const SHARE_LINK_VERSION = 1;

export const SHARE_JOB_KINDS = ['single', 'ensemble', 'sweep', 'compare'] as const;
export type ShareJobKind = (typeof SHARE_JOB_KINDS)[number];

/** The lab job of src/engine/lab/protocol.ts without its spec (compare runs sd, fire and cg, as the page does). */
export type ShareJob =
  | { kind: 'single' }
  | { kind: 'ensemble'; samples: number }
  | { kind: 'sweep'; samples: number; temperatures: number[] }
  | { kind: 'compare' };

/** The colour modes of ./viewSettings.ts (kept equal by the compile-time check below). */
export const SHARE_COLOR_MODES = ['species', 'defects', 'd2min', 'displacement', 'speed', 'hidden', 'kappa'] as const satisfies readonly ColorMode[];
type MissingColorModes = Exclude<ColorMode, (typeof SHARE_COLOR_MODES)[number]>;
const colorModesComplete: [MissingColorModes] extends [never] ? true : never = true;
void colorModesComplete;

/** The shared part of ./viewSettings.ts's ViewSettings (not lecture mode or the live switch: they belong to the viewer). */
export type ShareView = Pick<ViewSettings, 'colorMode' | 'range' | 'logScale' | 'arrows' | 'magnification' | 'showEnergy' | 'showLocalSlope'>;

/** The engine a link asks for: the one EngineChoice of src/engine/lab/protocol.ts. */
export const SHARE_ENGINES = ENGINE_CHOICES;
export type ShareEngine = EngineChoice;

/** The fit a link carries: a BetaInterval (src/physics/analysis/betaFit.ts). */
export type ShareFit = BetaInterval;

/** A finished run's compact result; every number rounded to SHARE_LIMITS.resultDigits significant digits. */
export interface ShareResult {
  t: number[];
  speed: number[];
  fit: ShareFit | null;
  engine: 'gpu' | 'cpu';
}

/** The lab's finite-size scaling set-up (src/ui/panels/ScalingPanel.tsx): sizes N, samples per N and the z slider (null: the fit's z). */
export interface ShareScaling {
  sizes: number[];
  samples: number;
  z: number | null;
}

/** The z slider's range (src/ui/views/plots/ScalingPlot.tsx). */
export const SCALING_Z_RANGE = [0.05, 2] as const;

/** The axes of a D > 3 state's projection (src/ui/views/particles/projection.ts): 2 or 3 shown, one hidden, for the spec's D. */
export interface ShareProjection {
  shown: number[];
  hidden: number;
}

export interface SharePayload {
  v: typeof SHARE_LINK_VERSION;
  spec: RunSpec;
  job: ShareJob;
  view?: ShareView;
  engine?: ShareEngine;
  result?: ShareResult;
  /** The Landscape settings (issue 10); absent in older links and when all are at their defaults. */
  landscape?: LandscapeSettings;
  /** The finite-size scaling set-up; absent in older links and when it is at its defaults. */
  scaling?: ShareScaling;
  /** The projection axes of a D > 3 model; absent in older links, for D ≤ 3 and when the user has not picked any. */
  projection?: ShareProjection;
}

/** Every limit a link is held to. */
export const SHARE_LIMITS = {
  /** A fragment longer than this (characters) is refused before it is decoded. */
  maxFragmentChars: 65_536,
  /** Inflating stops beyond this many bytes of JSON ("the link is too large"). */
  maxInflatedBytes: 262_144,
  /** The finished run's result rides along only while the whole link stays within this many characters. */
  maxLinkCharsWithResult: 8000,
  /** Points of the result curve. */
  maxResultPoints: 1000,
  /** Significant digits of the result's numbers. */
  resultDigits: 5,
  /** N, sweeps, t_max, samples and temperatures: the one table every reader of a run shares (src/engine/limits.ts). */
  maxN: RUN_LIMITS.maxN,
  maxSweeps: RUN_LIMITS.maxSweeps,
  maxTMax: RUN_LIMITS.maxTMax,
  maxSamples: RUN_LIMITS.maxSamples,
  minTemperatures: RUN_LIMITS.minTemperatures,
  maxTemperatures: RUN_LIMITS.maxTemperatures,
  maxMagnification: 1000,
  /** Sizes of a finite-size scaling set-up. */
  maxScalingSizes: 16,
  minNScaling: RUN_LIMITS.minN,
  maxNScaling: RUN_LIMITS.maxNFloat64,
} as const;
