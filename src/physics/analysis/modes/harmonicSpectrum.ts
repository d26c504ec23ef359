// The spectrum that the harmonic prediction of 000 App. B sums over, and the prediction itself as a time series.
// Exact: every eigenvalue of the inherent structure's Hessian in the mode space (dense float64) up to `exactLimit` rows.
// Above it, a documented approximation: the lowest K modes exactly (Lanczos), which carry the late times, plus the rest of
// the spectrum by stochastic Lanczos quadrature on the deflated operator (H on the complement of those K modes):
//   Σ_a f(λ_a) ≈ Σ_{a≤K} f(λ_a) + ((S − K)/M) Σ_s Σ_k τ_{s,k}² f(θ_{s,k})   (S the mode-space size, M random vectors),
// unbiased for every f (spectralDensity.ts), so ⟨E(t)⟩ − E_∞ and ⟨W(t)⟩ inherit a small statistical error at early t only.
import type { Landscape } from '../../forces.ts';
import { projectModeSpace } from '../../hessian/modeSpace.ts';
import { harmonicEnergyExcess, harmonicSpeed, type WeightedSpectrum } from './harmonicRelaxation.ts';
import { allEigenvalues, hessianProblem, modesOfProblem } from './normalModes.ts';
import { spectralQuadrature } from './spectralDensity.ts';
import { dot } from './vectors.ts';
import { fitLowFrequencyDos } from './vdosFit.ts';

export interface HarmonicSpectrum extends WeightedSpectrum {
  readonly method: 'exact' | 'deflated-slq';
  /** Modes in the space (D·(N − 1)). */
  readonly modes: number;
  /** The lowest eigenvalues, exact in both methods (all of them when exact). */
  readonly lowest: Float64Array;
}

export interface HarmonicSpectrumOptions {
  /** Dense diagonalization up to this many rows of H (default 1200: ~10 s of CPU). */
  exactLimit?: number;
  /** Above it: exact lowest modes (default 20), SLQ vectors and steps (defaults 20 and 80). */
  lowestCount?: number;
  vectors?: number;
  steps?: number;
  seed?: number;
}

// 000 App. B: the λ_a of the inherent structure.
export function harmonicSpectrum(land: Landscape, positions: Float64Array, options: HarmonicSpectrumOptions = {}): HarmonicSpectrum {
  const problem = hessianProblem(land, positions);
  const { space } = problem;
  const rows = space.n * space.dim;
  if (rows <= (options.exactLimit ?? 1200)) {
    const values = allEigenvalues(problem);
    return { values, method: 'exact', modes: space.size, lowest: values };
  }
  const k = Math.min(options.lowestCount ?? 20, space.size - 1);
  const low = modesOfProblem(problem, { count: k, method: 'lanczos', seed: options.seed });
  const deflate = (v: Float64Array) => {
    projectModeSpace(space, v);
    for (const e of low.vectors) { const c = dot(e, v); for (let j = 0; j < v.length; j++) v[j] -= c * e[j]; }
  };
  const q = spectralQuadrature(problem.apply, rows, { vectors: options.vectors, steps: options.steps, seed: options.seed, project: deflate, spaceSize: space.size - k });
  const scale = (space.size - k) / q.nodes.length;
  const values: number[] = Array.from(low.values), weights: number[] = values.map(() => 1);
  q.nodes.forEach((nodes, s) => nodes.forEach((theta, j) => { values.push(theta); weights.push(scale * q.weights[s][j]); }));
  return { values, weights, method: 'deflated-slq', modes: space.size, lowest: low.values };
}

export interface HarmonicPrediction {
  readonly t: number[];
  /** (⟨E(t)⟩ − E_∞)/N (000 Eq. B3, per particle). */
  readonly energyExcessPerParticle: number[];
  /** ⟨|v(t)|⟩ ≈ √⟨W(t)⟩ (harmonicRelaxation.ts). */
  readonly speed: number[];
}

// 000 Eq. (B3) and the matching ⟨|v(t)|⟩ on the times `t`.
export function harmonicPrediction(s: WeightedSpectrum, temperature: number, n: number, t: readonly number[]): HarmonicPrediction {
  if (!(temperature > 0 && Number.isFinite(temperature))) throw new Error(`the harmonic prediction needs a finite temperature > 0, got ${temperature}`);
  return {
    t: [...t],
    energyExcessPerParticle: t.map((x) => harmonicEnergyExcess(s, temperature, x) / n),
    speed: t.map((x) => harmonicSpeed(s, temperature, n, x)),
  };
}

/** Log-spaced times from t0 to t1, `perDecade` a decade (both ends included). */
export function logTimes(t0: number, t1: number, perDecade = 20): number[] {
  if (!(t0 > 0 && t1 > t0)) throw new Error(`times must satisfy 0 < t0 < t1, got ${t0}, ${t1}`);
  const count = Math.max(2, Math.ceil(Math.log10(t1 / t0) * perDecade) + 1);
  return Array.from({ length: count }, (_, k) => t0 * Math.pow(t1 / t0, k / (count - 1)));
}

/**
 * The g(ω) = A0 ω^{D−1} + A4 ω⁴ fit of 000 App. B over the lowest `fraction` of the frequencies (default 5%, at least 8
 * modes); it needs the whole spectrum (the fit is on the cumulative fraction), so null for an approximate one.
 */
export function lowFrequencyFit(s: HarmonicSpectrum, dim: number, fraction = 0.05): { a0: number; a4: number; points: number; omegaMax: number } | null {
  if (s.method !== 'exact') return null;
  const omegas = Array.from(s.values).filter((l) => l > 0).map(Math.sqrt).sort((a, b) => a - b);
  const k = Math.min(omegas.length - 1, Math.max(8, Math.round(fraction * omegas.length)));
  if (k < 3) return null;
  const omegaMax = omegas[k - 1];
  return { ...fitLowFrequencyDos(s.values, dim, omegaMax), omegaMax };
}
