// The Landscape panel's state: the modes job's settings as typed, its progress and result (src/engine/lab/modesJob.ts), the
// configuration the modes belong to, and how the picked mode is shown in the particle view (colour by |e_i|, arrows, animation).
import { create } from 'zustand';
import type { ConfigurationData, ModesResult } from '../engine/lab/protocol.ts';
import { DEFAULT_LANDSCAPE, MAX_MODE_COUNT } from '../io/landscapeSettings.ts';

export type LandscapeStatus = 'idle' | 'running' | 'done' | 'error';

/** The configuration whose modes were computed: a finished quench's final state or a loaded state. */
export interface ModesSource {
  label: string;
  configuration: ConfigurationData;
  /** The run it came from (null: a loaded state): a new run makes the modes stale. */
  runId: string | null;
}

export interface ModeDisplay {
  /** Show the picked mode in the particle view (off: the normal view comes back). */
  show: boolean;
  arrows: boolean;
  playing: boolean;
  /** Animation amplitude: the largest particle displacement, in units of the mean diameter. */
  amplitude: number;
}

interface LandscapeState extends ModeDisplay {
  /** K as typed. */
  countText: string;
  excludeRattlers: boolean;
  status: LandscapeStatus;
  jobId: string | null;
  progress: { fraction: number; label: string } | null;
  error: string | null;
  source: ModesSource | null;
  result: ModesResult | null;
  /** Index of the picked mode in result (0 = lowest). */
  picked: number | null;
  /** Set by a landscape preset: compute modes as soon as the quench it started is done. */
  computeWhenDone: boolean;
  /** Which mode a new result picks: the lowest, or the one with the smallest participation ratio. */
  autoPick: 'lowest' | 'most-localized';
}

interface LandscapeStore extends LandscapeState {
  set(patch: Partial<LandscapeState>): void;
  pick(index: number): void;
}

export const DEFAULT_MODE_COUNT = DEFAULT_LANDSCAPE.modeCount;
/** K the panel accepts (the job accepts up to D·(N − 1); the dense/Lanczos solvers are sized for the lowest tens). */
export const MAX_PANEL_MODES = MAX_MODE_COUNT;

export const IDLE_LANDSCAPE: LandscapeState = {
  countText: String(DEFAULT_MODE_COUNT), excludeRattlers: false, status: 'idle', jobId: null, progress: null, error: null, source: null,
  result: null, picked: null, computeWhenDone: false, autoPick: 'lowest', show: true, arrows: true, playing: true, amplitude: 0.3,
};

export const useLandscapeStore = create<LandscapeStore>()((set) => ({
  ...IDLE_LANDSCAPE,
  set: (patch) => set(patch),
  pick: (index) => set({ picked: index, show: true }),
}));

/** The index a new result picks by `rule`. */
export function pickedBy(rule: 'lowest' | 'most-localized', participation: number[]): number {
  if (rule === 'lowest' || participation.length === 0) return 0;
  return participation.reduce((best, p, k) => (p < participation[best] ? k : best), 0);
}

/** K from its text: a whole number in [1, min(MAX_PANEL_MODES, D·(N − 1))], or the message that says what is allowed. */
export function parseModeCount(text: string, modes: number | null): { count: number } | { error: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { error: 'K must be a whole number ≥ 1' };
  const k = Number(t);
  if (k < 1) return { error: 'K must be at least 1' };
  const limit = modes === null ? MAX_PANEL_MODES : Math.min(MAX_PANEL_MODES, modes);
  if (k > limit) return { error: modes !== null && modes < MAX_PANEL_MODES ? `K is at most ${modes}: the modes of this system` : `K is at most ${MAX_PANEL_MODES} here (glasslab modes --count computes more)` };
  return { count: k };
}
