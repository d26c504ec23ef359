// The figures of seed 000 that need more than one run, as studies that land in minutes at small N (the cards say what N the
// paper used). Fig. 1: the Mari–Kurchan velocity from T = 0.015 down to 1e-4, a temperature sweep whose per-T decay test
// (src/physics/analysis/decayForm.ts) brackets T_SF. Fig. 2a: β from T = ∞ against the dimension D = 2, 3, 4, 8, one
// ensemble per model (scripts/studyDimensions.ts, npm run study:fig2a).
import type { ModelName } from '../physics/models.ts';
import type { RunSpec } from './runSpec.ts';
import type { ElasticStudyJob, NonlinearStatisticsJob } from './lab/protocol.ts';

export interface TemperatureStudy {
  id: string;
  title: string;
  figure: string;
  /** What the paper found. */
  expect: string;
  /** The paper's N against ours. */
  needs: string;
  spec: RunSpec;
  temperatures: number[];
  samples: number;
  /** The window of the per-T decay test. */
  decayWindow: { tMin: number; tMax: number };
}

/** 000 Fig. 1 (N = 16384 there): power law with β ≈ 0.75 for T ≳ 0.006, exponential decay at T = 1e-4. */
export const MK_STATE_FOLLOWING: TemperatureStudy = {
  id: 'fig1-mk', title: 'Mari–Kurchan, T = 0.015 … 1e-4', figure: '000 Fig. 1',
  expect: 'power law (β ≈ 0.75) above T_SF, exponential below; T_SF between 1e-4 and 0.006',
  needs: 'the paper used N = 16384 (Fig. 1b: up to 16384); here N = 512, 2 samples per T, planted states (exact, no MC)',
  spec: { model: 'mk3d', n: 512, temperature: 0.015, seed: 1, sweeps: 0, algorithm: 'sd', tMax: 100, forceTolerance: 0, fitWindow: { tMin: 1, tMax: 30 } },
  temperatures: [0.015, 0.006, 0.002, 0.0006, 0.0001],
  samples: 2,
  decayWindow: { tMin: 1, tMax: 100 },
};

export interface DimensionPoint {
  dim: number;
  model: ModelName;
  /** β from T = ∞ in 000 Fig. 2a, and the N it was measured at. */
  paperBeta: number;
  paperN: number;
  /** Our small N (8D: the least N whose box side exceeds twice the interaction range at φ = 0.1). */
  n: number;
}

/** 000 Fig. 2a: harmonic spheres from T = ∞; β = 0.92, 0.85, 0.75, 0.75 in D = 2, 3, 4, 8. */
export const DIMENSION_STUDY = {
  id: 'fig2a-dimensions', title: 'β against D from T = ∞', figure: '000 Fig. 2a',
  expect: 'β ≈ 0.92 (2D), 0.85 (3D), 0.75 (4D and 8D: the mean-field value)',
  tMax: 100, fitWindow: { tMin: 1, tMax: 30 }, samples: 4, seed: 2022,
  points: [
    { dim: 2, model: 'harmonic2d', paperBeta: 0.92, paperN: 64000, n: 1024 },
    { dim: 3, model: 'harmonic3d', paperBeta: 0.85, paperN: 65536, n: 2000 },
    { dim: 4, model: 'harmonic4d', paperBeta: 0.75, paperN: 65536, n: 2048 },
    { dim: 8, model: 'harmonic8d', paperBeta: 0.75, paperN: 16384, n: 8192 },
  ] satisfies DimensionPoint[],
} as const;

// The soft-spot studies of seeds 003 and 004 (issue 11): each runs one lab job in its own worker on the float64 engine.
// Defaults land in about a minute on a laptop; `paper` says what the paper used.

export interface SoftStudy<J> {
  id: 'annealing' | 'nonlinear';
  title: string;
  figure: string;
  expect: string;
  /** The paper's scale against ours. */
  needs: string;
  /** The CLI command that runs the same job. */
  command: string;
  job: J;
}

const softSpec = (n: number, temperature: number, seed: number): RunSpec => (
  { model: 'soft2d', n, temperature, seed, sweeps: 1000, algorithm: 'fire', tMax: 1000, forceTolerance: 0, fitWindow: { tMin: 3, tMax: 100 } });

/** 004 Fig. 3: mean κ_ij and G against 1/T_p, relative to the hottest T_p. */
export const ANNEALING_STUDY: SoftStudy<ElasticStudyJob> = {
  id: 'annealing', title: 'annealing: mean κ and G against 1/T_p', figure: '004 Fig. 3',
  expect: 'both stiffen as T_p falls; the mean dipole stiffness κ changes far more than G (004: about 100% against 26%)',
  needs: '004 used N = 8000–32000 in 3D (several models), hundreds of states per T_p and every pair; here soft2d, N = 256, 4 states per T_p, κ_ij on 60 pairs each',
  command: 'glasslab elastic --model soft2d --n 256 --temperatures 1,0.5,0.3,0.2 --samples 4 --dipole-pairs 60',
  job: { kind: 'elasticStudy', spec: softSpec(256, 1, 1), temperatures: [1, 0.5, 0.3, 0.2], samples: 4, settings: { dipolePairs: 60 } },
};

/** 003 §V: κ3/κ4, τ3² against 3κ3χ3 (Eq. 32), χ4 against N e4 over inherent structures of one T_p. */
export const NONLINEAR_STUDY: SoftStudy<NonlinearStatisticsJob> = {
  id: 'nonlinear', title: 'nonlinear statistics: κ3/κ4, τ3² ≤ 3κ3χ3, χ4 against N e4', figure: '003 §V, Figs. 2, 7a, 8',
  expect: 'κ3 ≈ 1.3 κ4 and above κ4 in > 99.5%; τ3² ~ κ3χ3 with the bound broken by 6.6% → 0.5% of modes as T_p falls; χ4 ~ (N e4)⁻¹',
  needs: '003 used 1K–320K inherent structures of N = 2000–8000 (3D POLY, r⁻¹⁰); here soft2d, N = 400, T_p = 0.2, 12 inherent structures',
  command: 'glasslab nonlinear --samples 12 --model soft2d --n 400 --temperature 0.2',
  job: { kind: 'nonlinearStatistics', spec: softSpec(400, 0.2, 1), samples: 12 },
};
