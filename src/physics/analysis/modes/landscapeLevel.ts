// Instantaneous-normal-mode observables of one configuration (002 §III): the unstable fraction f_u (exact by dense
// diagonalization when D·N is small, stochastic Lanczos quadrature otherwise), and the most unstable mode's participation
// ratio (Eq. 11), decay length ξ (Eq. 12, App. C1) and energy-profile minimum Λ_min (App. C2–C3).
import type { Configuration } from '../../configuration.ts';
import { createLandscape } from '../../forces.ts';
import type { Model } from '../../models.ts';
import { projectModeSpace } from '../../hessian/modeSpace.ts';
import { denseModes, hessianProblem, modesOfProblem } from './normalModes.ts';
import { participationRatio } from './participation.ts';
import { decayProfile, energyProfile, fitDecayLength } from './modeProfiles.ts';
import { spectralQuadrature, unstableFractionEstimate } from './spectralDensity.ts';

export interface LevelOptions {
  /** Exact f_u by dense diagonalization up to this many rows of H (default 600: all eigenpairs of 1500 rows take ~30 s of CPU here). */
  exactLimit?: number;
  /** SLQ random vectors and Lanczos steps (defaults 20 and 80). */
  vectors?: number;
  steps?: number;
  /** Lowest modes whose (λ, P) are kept for the mobility edge when the spectrum is not computed whole (default 20). */
  count?: number;
  seed?: number;
}

export interface LevelObservables {
  readonly fu: number;
  /** 0 when exact; otherwise the SLQ standard error plus its quadrature bound. */
  readonly fuError: number;
  readonly method: 'exact' | 'slq';
  /** Eigenvalues and participation ratios: every unstable mode when exact, else the lowest `count`. */
  readonly eigenvalues: number[];
  readonly participation: number[];
  /** The most unstable (lowest) mode, if it is unstable. */
  readonly mostUnstable: { lambda: number; participation: number; xi: number | null; lambdaMin: number } | null;
}

// 002 Eqs. (5), (11), (12), (C1)–(C3) at one configuration.
export function levelObservables(model: Model, c: Configuration, positions: Float64Array, options: LevelOptions = {}): LevelObservables {
  const land = createLandscape(model, { ...c, positions });
  const problem = hessianProblem(land, positions);
  const d = model.dim, rows = problem.space.n * d;
  let fu: number, fuError: number, method: 'exact' | 'slq';
  let values: number[], vectors: Float64Array[];
  if (rows <= (options.exactLimit ?? 600)) {
    const all = denseModes(problem, true);
    const negative = all.values.filter((l) => l < 0).length;
    fu = negative / all.values.length;
    fuError = 0;
    method = 'exact';
    const keep = Math.max(negative, 1);
    values = Array.from(all.values.subarray(0, keep));
    vectors = all.vectors.slice(0, keep);
  } else {
    const q = spectralQuadrature(problem.apply, rows, {
      vectors: options.vectors, steps: options.steps, seed: options.seed,
      project: (v) => projectModeSpace(problem.space, v), spaceSize: problem.space.size,
    });
    const est = unstableFractionEstimate(q);
    fu = est.value;
    fuError = est.error + est.quadratureBound;
    method = 'slq';
    const modes = modesOfProblem(problem, { count: options.count ?? 20, method: 'lanczos', seed: options.seed });
    values = Array.from(modes.values);
    vectors = modes.vectors;
  }
  const participation = vectors.map((v) => participationRatio(v, d));
  let mostUnstable: LevelObservables['mostUnstable'] = null;
  if (values[0] < 0) {
    const L = Math.min(...Array.from(c.box.lengths));
    let xi: number | null = null;
    try {
      // The fit window scales with the box as in 002 (r ∈ [15, 20] at L ≈ 47, [5, 8] at L ≈ 19): about [0.27 L, 0.43 L].
      const fit = fitDecayLength(decayProfile(c.box, positions, vectors[0], 0.5), 0.27 * L, 0.43 * L);
      xi = Number.isFinite(fit.xi) ? fit.xi : null;
    } catch {
      xi = null; // too few profile points in a small box
    }
    const prof = energyProfile(c.box, positions, problem.hessian, vectors[0]);
    mostUnstable = { lambda: values[0], participation: participation[0], xi, lambdaMin: prof.lambdaMin };
  }
  return { fu, fuError, method, eigenvalues: values, participation, mostUnstable };
}
