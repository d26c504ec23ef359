// The zustand store of the running job (runReducer.ts) and of finished runs kept for overlay on the plot.
import { create } from 'zustand';
import type { HarmonicResult, LabEvent, ScalingResult } from '../engine/lab/protocol.ts';
import type { BetaInterval } from '../physics/analysis/betaFit.ts';
import { IDLE_RUN, reduceLabEvent, startedRun, type RunState } from './runReducer.ts';

/** A finished curve kept on the plot after its run (several runs overlay with a legend). */
export interface Overlay {
  id: string;
  label: string;
  dim: number;
  t: number[];
  speed: number[];
  energyPerParticle: number[];
  /** β as the run itself reported it (a shared link's result), shown by the readout while no run of this page has a fit. */
  fit?: BetaInterval;
}

/** Kept runs on the plot at most (the oldest goes first): more made an unreadable tangle and legend. */
export const MAX_OVERLAYS = 5;

interface RunStore extends RunState {
  overlays: Overlay[];
  begin(runId: string, scalingRun?: boolean): void;
  apply(e: LabEvent): void;
  /** Forget the current job (Reset). */
  clear(): void;
  keepAsOverlay(o: Overlay): void;
  clearOverlays(): void;
  /** The App. B prediction computed after the run (a harmonic job), or why it could not be; null while none was asked for. */
  harmonicError: string | null;
  /** Adds the App. B prediction to the finished single run `runId` (ignored when another run is current). */
  attachHarmonic(runId: string, harmonic: HarmonicResult): void;
  setHarmonicError(message: string | null): void;
  /** Shows a finite-size scaling result kept in the library (the scaling panel redraws it); the current run is left alone. */
  showScaling(result: ScalingResult): void;
}

export const useRunStore = create<RunStore>()((set) => ({
  ...IDLE_RUN,
  overlays: [],
  begin: (runId, scalingRun) => set({ ...startedRun(runId, scalingRun), harmonicError: null }),
  apply: (e) => set((s) => reduceLabEvent(s, e)),
  clear: () => set({ ...IDLE_RUN }),
  keepAsOverlay: (o) => set((s) => ({ overlays: [...s.overlays.filter((x) => x.id !== o.id), o].slice(-MAX_OVERLAYS) })),
  clearOverlays: () => set({ overlays: [] }),
  harmonicError: null,
  attachHarmonic: (runId, harmonic) => set((s) => (s.runId === runId && s.result?.kind === 'single' ? { result: { ...s.result, harmonic }, harmonicError: null } : s)),
  setHarmonicError: (message) => set({ harmonicError: message }),
  showScaling: (result) => set({ scaling: result }),
}));
