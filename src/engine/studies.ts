// The figures of seed 000 that need more than one run, as studies that land in minutes at small N (the cards say what N the
// paper used). Fig. 1: the Mari–Kurchan velocity from T = 0.015 down to 1e-4, a temperature sweep whose per-T decay test
// (src/physics/analysis/decayForm.ts) brackets T_SF. Fig. 2a: β from T = ∞ against the dimension D = 2, 3, 4, 8, one
// ensemble per model (scripts/studyDimensions.ts, npm run study:fig2a).
import type { ModelName } from '../physics/models.ts';
import type { RunSpec } from './runSpec.ts';

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
