// D(λ) for the Landscape panel's spectrum plot (002 Eq. 5): a histogram of every eigenvalue where the dense solver ran, else
// stochastic Lanczos quadrature (src/physics/analysis/modes/spectralDensity.ts) smoothed by a Gaussian, with its error bar.
import { projectModeSpace } from '../../physics/hessian/modeSpace.ts';
import type { HessianProblem } from '../../physics/analysis/modes/normalModes.ts';
import { spectralDensityEstimate, spectralQuadrature, unstableFractionEstimate } from '../../physics/analysis/modes/spectralDensity.ts';
import type { ModeSpectrum } from './protocol.ts';

/** Histogram bins of the exact D(λ); grid points of the stochastic one. */
const BINS = 40;
const GRID = 120;

/**
 * D(λ) as a normalized histogram of every eigenvalue (∫ D dλ = 1), and the exact f_u. An eigenvalue counts as negative below
 * −1e-10 of the spectrum's width: a rattler's zero modes come out of the solver as ±1e-16-sized numbers, not as instabilities.
 */
export function exactSpectrum(values: ArrayLike<number>, bins = BINS): ModeSpectrum {
  const m = values.length;
  let lo = Infinity, hi = -Infinity;
  for (let k = 0; k < m; k++) { lo = Math.min(lo, values[k]); hi = Math.max(hi, values[k]); }
  let negative = 0;
  for (let k = 0; k < m; k++) if (values[k] < -1e-10 * (hi - lo)) negative++;
  const width = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (let k = 0; k < m; k++) counts[Math.min(bins - 1, Math.floor((values[k] - lo) / width))]++;
  return {
    method: 'exact', lambda: counts.map((_, b) => lo + (b + 0.5) * width), density: counts.map((c) => c / (m * width)), error: null,
    width, unstableFraction: negative / m, unstableError: 0,
  };
}

/** D(λ) by SLQ (10 random vectors, 60 Lanczos steps each) on a grid over the Gauss nodes' range; f_u with its error bar. */
export function stochasticSpectrum(problem: HessianProblem, seed = 1, vectors = 10, steps = 60): ModeSpectrum {
  const rows = problem.space.n * problem.space.dim;
  const q = spectralQuadrature(problem.apply, rows, {
    vectors, steps, seed, project: (v) => projectModeSpace(problem.space, v), spaceSize: problem.space.size,
  });
  let lo = Infinity, hi = -Infinity;
  for (const th of q.nodes) for (const x of th) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
  const span = hi > lo ? hi - lo : 1;
  const width = span / 60;
  const lambda = Array.from({ length: GRID }, (_, g) => lo - 2 * width + ((span + 4 * width) * g) / (GRID - 1));
  const { density, error } = spectralDensityEstimate(q, lambda, width);
  const fu = unstableFractionEstimate(q);
  return { method: 'slq', lambda, density, error, width, unstableFraction: fu.value, unstableError: fu.error + fu.quadratureBound };
}
