// Conjugate gradient for M z = b on the mode space (translations and rattlers removed, hessian/modeSpace.ts), where the
// Hessian M of a stable minimum is positive definite (Hestenes–Stiefel 1952; 004 App. A solves M z = d̂ this way), with an
// optional preconditioner C (y = C r; plain CG when absent, y = r):
//   α = r·y / p·Mp,  z ← z + α p,  r ← r − α Mp,  y′ = C r′,  β = r′·y′ / r·y,  p ← y′ + β p.
// float64 throughout; the product may be any HessianOperator (a GPU one too).
import { projectedOperator, projectModeSpace, type HessianOperator, type ModeSpace } from '../hessian/index.ts';
import type { Preconditioner } from './blockJacobi.ts';
import type { AsyncHessianOperator } from '../analysis/modes/productSteps.ts';

/** CG met a direction of non-positive curvature: the configuration is not a stable minimum (or M is not its Hessian). */
export class LinearSolveError extends Error {
  override readonly name = 'LinearSolveError';
}

export interface LinearSolveState {
  readonly solution: Float64Array;
  readonly residual: Float64Array;
  readonly direction: Float64Array;
  readonly product: Float64Array;
  /** C r (r itself without a preconditioner). */
  readonly preconditioned: Float64Array;
  /** r·C r, the quantity β is built from. */
  rho: number;
  /** r·r now, and b·b of the right-hand side (for the relative residual). */
  residualNorm2: number;
  readonly rhsNorm2: number;
  iteration: number;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
};

// Hestenes–Stiefel (preconditioned) CG on P M P (P: the mode-space projector), from z = 0.
export function projectedConjugateGradient(op: HessianOperator, space: ModeSpace, precondition?: Preconditioner) {
  const apply = projectedOperator(space, op);
  const condition = (r: Float64Array, y: Float64Array) => { if (precondition) precondition(r, y); else y.set(r); };
  const init = (rhs: Float64Array): LinearSolveState => {
    const r = projectModeSpace(space, rhs.slice());
    const y = new Float64Array(r.length);
    condition(r, y);
    const rr = dot(r, r);
    return {
      solution: new Float64Array(r.length), residual: r, direction: y.slice(), product: new Float64Array(r.length), preconditioned: y,
      rho: dot(r, y), residualNorm2: rr, rhsNorm2: rr, iteration: 0,
    };
  };
  // One CG update once s.product holds P M P of s.direction (computed by `step`, or outside by another engine).
  const advance = (s: LinearSolveState): LinearSolveState => {
    const { solution: z, residual: r, direction: p, product: mp, preconditioned: y } = s;
    const curvature = dot(p, mp);
    if (!(curvature > 0)) throw new LinearSolveError(`the Hessian has a direction of curvature ${curvature.toExponential(2)} ≤ 0 at CG iteration ${s.iteration}: not a stable minimum (quench it to an inherent structure first)`);
    const alpha = s.rho / curvature;
    for (let k = 0; k < z.length; k++) { z[k] += alpha * p[k]; r[k] -= alpha * mp[k]; }
    condition(r, y);
    const rho = dot(r, y);
    const beta = rho / s.rho;
    for (let k = 0; k < p.length; k++) p[k] = y[k] + beta * p[k];
    s.rho = rho;
    s.residualNorm2 = dot(r, r);
    s.iteration++;
    return s;
  };
  const step = (s: LinearSolveState): LinearSolveState => { apply(s.direction, s.product); return advance(s); };
  return { init, step, advance };
}

export interface LinearSolveOptions {
  /** Stop when |r| ≤ tolerance·|b| (default 1e-8). */
  tolerance?: number;
  /** Give up after this many iterations (default 20 × the space's dimension, which exact arithmetic never needs). */
  maxIterations?: number;
  /** Preconditioner C (SPD on the mode space, e.g. blockJacobiPreconditioner); plain CG when absent. */
  preconditioner?: Preconditioner;
  /** Called every PROGRESS_EVERY iterations with the iteration and |r|/|b| (a long solve's progress). */
  onProgress?: (iteration: number, relativeResidual: number) => void;
}

/** Iterations between two onProgress calls (choice: ~0.1 s of products at N = 10⁴ in 3D). */
export const PROGRESS_EVERY = 100;

export interface LinearSolution {
  readonly solution: Float64Array;
  readonly iterations: number;
  /** |r|/|b| at the end. */
  readonly relativeResidual: number;
}

/** z = M⁺ b on the mode space by CG to the relative residual asked for; throws LinearSolveError if it does not get there. */
export function solveOnModeSpace(op: HessianOperator, space: ModeSpace, rhs: Float64Array, options: LinearSolveOptions = {}): LinearSolution {
  const tol = options.tolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 20 * space.size;
  const cg = projectedConjugateGradient(op, space, options.preconditioner);
  const s = cg.init(rhs);
  if (s.rhsNorm2 === 0) return { solution: s.solution, iterations: 0, relativeResidual: 0 };
  const target = tol * tol * s.rhsNorm2;
  while (s.residualNorm2 > target) {
    if (s.iteration >= maxIterations) throw new LinearSolveError(`CG reached |r|/|b| = ${Math.sqrt(s.residualNorm2 / s.rhsNorm2).toExponential(2)} after ${s.iteration} iterations, not ${tol}`);
    cg.step(s);
    if (options.onProgress && s.iteration % PROGRESS_EVERY === 0) options.onProgress(s.iteration, Math.sqrt(s.residualNorm2 / s.rhsNorm2));
  }
  return { solution: s.solution, iterations: s.iteration, relativeResidual: Math.sqrt(s.residualNorm2 / s.rhsNorm2) };
}

/**
 * The relative residual one round of CG on float32 products is asked for: their error (~1e-6 of |M|·|x|, the stated bound of
 * src/gpu/hessianProductBound.ts) limits what the products can resolve, so a round aims at this and refinement does the rest.
 */
export const FLOAT32_CG_TOLERANCE = 1e-5;
/** Refinement rounds before giving up (each gains ~FLOAT32_CG_TOLERANCE; 1e-8 needs two or three). */
export const MAX_REFINEMENTS = 12;

export interface RefinedSolution extends LinearSolution {
  /** Rounds of CG on the outside product (each followed by a float64 residual). */
  readonly rounds: number;
}

// Mixed-precision iterative refinement (Wilkinson 1963; Moler 1967) around preconditioned CG: x ← x + M⁺r with M⁺r from CG on
// the float32 `product` (a GPU's), then r = P(b − M x) with the float64 operator `exact`, until |r| ≤ tolerance·|b|. The
// answer, its residual and the stopping test are float64; the products inside each round are the outside engine's.
export async function solveOnModeSpaceRefined(
  product: AsyncHessianOperator, exact: HessianOperator, space: ModeSpace, rhs: Float64Array, options: LinearSolveOptions = {},
): Promise<RefinedSolution> {
  const tol = options.tolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 20 * space.size;
  const b = projectModeSpace(space, rhs.slice());
  const bb = dot(b, b);
  const x = new Float64Array(b.length);
  if (bb === 0) return { solution: x, iterations: 0, relativeResidual: 0, rounds: 0 };
  const cg = projectedConjugateGradient(exact, space, options.preconditioner);
  const onSpace: AsyncHessianOperator = async (v, out) => { await product(v, out); projectModeSpace(space, out); };
  const mx = new Float64Array(b.length);
  const r: Float64Array = b.slice();
  let rr = bb, iterations = 0, rounds = 0;
  while (rr > tol * tol * bb) {
    if (rounds >= MAX_REFINEMENTS || iterations >= maxIterations) {
      throw new LinearSolveError(`CG on float32 products with float64 refinement reached |r|/|b| = ${Math.sqrt(rr / bb).toExponential(2)} after ${rounds} rounds (${iterations} iterations), not ${tol}`);
    }
    // this round: CG for M δ = r to max(what is left of the tolerance, what float32 products resolve)
    const inner = Math.max(tol * Math.sqrt(bb / rr), FLOAT32_CG_TOLERANCE);
    const s = cg.init(r);
    while (s.residualNorm2 > inner * inner * s.rhsNorm2 && iterations < maxIterations) {
      await onSpace(s.direction, s.product);
      cg.advance(s);
      iterations++;
      if (options.onProgress && iterations % PROGRESS_EVERY === 0) options.onProgress(iterations, Math.sqrt((s.residualNorm2 / s.rhsNorm2) * (rr / bb)));
    }
    for (let k = 0; k < x.length; k++) x[k] += s.solution[k];
    rounds++;
    exact(x, mx);
    for (let k = 0; k < x.length; k++) r[k] = b[k] - mx[k];
    projectModeSpace(space, r);
    rr = dot(r, r);
  }
  return { solution: x, iterations, relativeResidual: Math.sqrt(rr / bb), rounds };
}
