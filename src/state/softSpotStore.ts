// The soft spots of a finished quench (seeds 003, 004): the nonlinear job's ψ, π4, π3 (src/engine/lab/nonlinearJob.ts) and the
// elastic job's G, κ_ij and κ_i (src/engine/lab/elasticJob.ts), the configuration they belong to, and how the particle view shows
// them. The Landscape panel runs the jobs; the particle view, the run facts, the library and the exports read this store.
import { create } from 'zustand';
import type { ElasticResult, NonlinearResult } from '../engine/lab/protocol.ts';
import type { ModesSource } from './landscapeStore.ts';

/** ψ: the lowest harmonic mode; π4, π3: the quartic and cubic nonlinear modes (003 Eqs. 8, 26). */
export type SoftSpotField = 'psi' | 'pi4' | 'pi3';
export type SoftSpotStatus = 'idle' | 'running' | 'done' | 'error';

/** One job's progress and result. */
export interface SoftSpotJob<R> {
  status: SoftSpotStatus;
  jobId: string | null;
  progress: { fraction: number; label: string } | null;
  error: string | null;
  result: R | null;
}

export interface SoftSpotState {
  /** The inherent structure the results belong to (a new run makes them stale, as for the modes). */
  source: ModesSource | null;
  nonlinear: SoftSpotJob<NonlinearResult>;
  elastic: SoftSpotJob<ElasticResult>;
  /** The nonlinear field the particle view shows as arrows coloured by |z_i| (null: none). */
  shownField: SoftSpotField | null;
  /** Draw the measured pairs as bonds coloured by κ_ij (004 Fig. 2). */
  bonds: boolean;
  /** How the shown field is drawn: arrows along z_i, animated as x + A·sin(ωt)·z, particles coloured by |z_i| (else the view's colour mode). */
  arrows: boolean;
  playing: boolean;
  /** The animation's largest particle displacement, in mean diameters. */
  amplitude: number;
  colorByField: boolean;
  /** Jobs to start when the next quench is done (the "where will it break?" preset, a link's soft-spot flag). */
  computeWhenDone: SoftSpotJobKind[];
}

export type SoftSpotJobKind = 'nonlinear' | 'elastic';

interface SoftSpotStore extends SoftSpotState {
  set(patch: Partial<SoftSpotState>): void;
  setNonlinear(patch: Partial<SoftSpotJob<NonlinearResult>>): void;
  setElastic(patch: Partial<SoftSpotJob<ElasticResult>>): void;
  clear(): void;
}

const IDLE_JOB = { status: 'idle', jobId: null, progress: null, error: null, result: null } as const;

export const IDLE_SOFT_SPOTS: SoftSpotState = {
  source: null, nonlinear: { ...IDLE_JOB }, elastic: { ...IDLE_JOB }, shownField: null, bonds: false, arrows: true, playing: false, amplitude: 0.3, colorByField: true, computeWhenDone: [],
};

export const useSoftSpotStore = create<SoftSpotStore>()((set) => ({
  ...IDLE_SOFT_SPOTS,
  set: (patch) => set(patch),
  setNonlinear: (patch) => set((s) => ({ nonlinear: { ...s.nonlinear, ...patch } })),
  setElastic: (patch) => set((s) => ({ elastic: { ...s.elastic, ...patch } })),
  clear: () => set({ ...IDLE_SOFT_SPOTS, nonlinear: { ...IDLE_JOB }, elastic: { ...IDLE_JOB } }),
}));
