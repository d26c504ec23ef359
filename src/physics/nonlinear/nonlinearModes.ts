// The protocol of 003 App. B for one inherent structure: the lowest harmonic mode ψ (H ψ = λ ψ, translations removed), the
// quartic mode π4 = argmin κ²/χ started from ψ, and the cubic mode π3 = argmin κ³/τ² started from π4; for each, κ, τ, χ and
// e = (Σ|z_i|²)²/(N Σ|z_i|⁴) (003 Eqs. 10, 11, 14, 28). Signs: each field is oriented so that τ ≤ 0 (moving along +z lowers
// the cubic term), which fixes the sign that an eigenvector or a minimum of an even cost leaves free.
import type { Landscape } from '../forces.ts';
import { hessianProblem, modesOfProblem, type HessianProblem, type Modes } from '../analysis/modes/normalModes.ts';
import { participationRatio } from '../analysis/modes/participation.ts';
import type { ModeSpace } from '../hessian/modeSpace.ts';
import type { HessianOperator } from '../hessian/pairHessian.ts';
import { expansionOf, type ExpansionCoefficients } from './contractions.ts';
import type { ModeOrder } from './modeCost.ts';
import { float64Residual, nonlinearModeMinimizer, nonlinearModeSteps, runSweepsAsync, type AsyncContractionSweeps, type NonlinearModeState } from './modeMinimizer.ts';
import { shearStrains, strainForceDerivative } from './nonaffineVelocity.ts';
import { solveOnModeSpace } from '../elastic/linearSolve.ts';
import { pairExpansion, type PairExpansion } from './pairExpansion.ts';

export interface NonlinearModeOptions {
  /** Leave rattlers (fewer than D + 1 contacts) out of the modes and their pairs out of the contractions (default false). */
  excludeRattlers?: boolean;
  /** Stop when the relative stationarity residual |M·z − c U|/|M·z| falls below this (default 1e-8). */
  tolerance?: number;
  /** At most this many CG steps per mode (default 20000). */
  maxIterations?: number;
  /** Also start π3 from the non-affine velocities of simple and pure shear in every plane and keep the lowest κ (003 App. B). */
  shearStarts?: boolean;
  /** Called now and then with the mode being minimized, its step and residual. */
  onProgress?: (order: ModeOrder, iteration: number, residual: number) => void;
}

export interface FieldSummary {
  kappa: number;
  tau: number;
  chi: number;
  /** 003 Eq. (14). */
  participation: number;
}

export interface NonlinearModeResult extends FieldSummary {
  field: Float64Array;
  cost: number;
  residual: number;
  iterations: number;
  converged: boolean;
}

export interface NonlinearModes {
  harmonic: FieldSummary & { lambda: number; field: Float64Array; residual: number };
  quartic: NonlinearModeResult & { overlapWithHarmonic: number };
  /** start: the field π3 was found from ('π4' or a shear's name); starts: how many were tried. */
  cubic: NonlinearModeResult & { overlapWithQuartic: number; start: string; starts: number };
  rattlers: { count: number; excluded: boolean };
  pairs: number;
}

function summary(e: ExpansionCoefficients, field: Float64Array, dim: number): FieldSummary {
  return { kappa: e.kappa, tau: e.tau, chi: e.chi, participation: participationRatio(field, dim) };
}

/** Flip z so that τ(z) ≤ 0 (τ is odd in z; κ and χ are even). */
function orient(pe: PairExpansion, z: Float64Array): ExpansionCoefficients {
  const e = expansionOf(pe, z);
  if (e.tau > 0) { for (let k = 0; k < z.length; k++) z[k] = -z[k]; return { ...e, tau: -e.tau, third: -e.third }; }
  return e;
}

function absOverlap(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return Math.abs(s);
}

/** A minimization under way: `advance` takes up to `steps` CG steps and says whether it has ended. */
export interface NonlinearModeRun {
  readonly order: ModeOrder;
  iterations(): number;
  residual(): number;
  advance(steps: number): boolean;
  result(): NonlinearModeResult;
}

/**
 * The common end of a run: whether it is over (a cost flat to `resolution` for 50 steps in a row is its round-off floor), and
 * its result; with `recheck`, the residual of the final field is measured again on the float64 pairs (a float32 engine's own
 * residual has its round-off in it).
 */
function runEnd(pe: PairExpansion, space: ModeSpace, s: NonlinearModeState, options: NonlinearModeOptions, resolution = 1e-15, recheck = false) {
  const tolerance = options.tolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 20000;
  let stalled = 0, bestResidual = Infinity;
  // a float32 engine's own residual errs by ~1e-6: it aims at half the tolerance so that the float64 one meets it
  const target = recheck ? 0.5 * tolerance : tolerance;
  return {
    done: () => s.residual <= target || s.iterations >= maxIterations || stalled >= 50,
    stepped(before: number): void {
      // on a float32 engine (recheck) E's round-off can exceed its gains near the minimum (M:zz is a sum of pair terms far larger
      // than κ), so there only a new lowest residual counts as progress
      const better = recheck ? s.residual < 0.999 * bestResidual : s.cost < before - resolution * Math.abs(before);
      bestResidual = Math.min(bestResidual, s.residual);
      stalled = better ? 0 : stalled + 1;
      if (options.onProgress && s.iterations % 100 === 0) options.onProgress(s.order, s.iterations, s.residual);
    },
    // κ, τ, χ of the final field in float64 on pe, whatever engine found it.
    result(): NonlinearModeResult {
      const z = s.z.slice();
      const residual = recheck ? float64Residual(pe, { order: s.order, space }, z) : s.residual;
      const e = orient(pe, z);
      return { ...summary(e, z, pe.dim), field: z, cost: s.cost, residual, iterations: s.iterations, converged: residual <= tolerance };
    },
  };
}

// 003 App. B: minimize E4 (Eq. 12) or E3 (Eq. 31) from `start` until the stationarity residual is below the tolerance.
export function startNonlinearMode(
  pe: PairExpansion, space: ModeSpace, order: ModeOrder, start: Float64Array, options: NonlinearModeOptions = {},
): NonlinearModeRun {
  const { init, step } = nonlinearModeMinimizer(pe, { order, space });
  const s = init(start);
  const end = runEnd(pe, space, s, options);
  return {
    order,
    iterations: () => s.iterations,
    residual: () => s.residual,
    advance(steps: number): boolean {
      for (let k = 0; k < steps && !end.done(); k++) {
        const before = s.cost;
        step(s);
        end.stepped(before);
      }
      return end.done();
    },
    result: end.result,
  };
}

/** As NonlinearModeRun, with the sweeps answered asynchronously (another engine's contractions). */
export interface AsyncNonlinearModeRun extends Omit<NonlinearModeRun, 'advance'> {
  advance(steps: number): Promise<boolean>;
}

/**
 * A float32 engine's sums carry ~1e-7 of round-off relative to the pair terms, far more relative to a soft mode's E: its CG
 * counts as stalled after 50 steps without a new lowest residual (FLOAT32_COST_RESOLUTION is kept for callers that judge E).
 * Its residual floor is ~1e-6 at N ~ 200 (test/gpu/nonlinearJobGpu.test.ts) and grows as κ falls against the pair
 * stiffnesses, so ask for no less than FLOAT32_STATIONARITY_TOLERANCE; `converged` reports the float64 residual against it.
 */
export const FLOAT32_COST_RESOLUTION = 1e-7;
export const FLOAT32_STATIONARITY_TOLERANCE = 1e-5;

// 003 App. B as startNonlinearMode, the CG's sweeps answered by `sweeps` (the GPU's, float32) while the CG itself, its line
// search on the circle, the final κ, τ, χ and the reported residual (on pe) stay float64.
export async function startNonlinearModeWith(
  sweeps: AsyncContractionSweeps, pe: PairExpansion, space: ModeSpace, order: ModeOrder, start: Float64Array, options: NonlinearModeOptions = {},
): Promise<AsyncNonlinearModeRun> {
  const { init, step } = nonlinearModeSteps(pe.n * pe.dim, { order, space });
  const s = await runSweepsAsync(init(start), sweeps);
  const end = runEnd(pe, space, s, options, FLOAT32_COST_RESOLUTION, true);
  return {
    order,
    iterations: () => s.iterations,
    residual: () => s.residual,
    async advance(steps: number): Promise<boolean> {
      for (let k = 0; k < steps && !end.done(); k++) {
        const before = s.cost;
        await runSweepsAsync(step(s), sweeps);
        end.stepped(before);
      }
      return end.done();
    },
    result: end.result,
  };
}

export function minimizeNonlinearMode(
  pe: PairExpansion, space: ModeSpace, order: ModeOrder, start: Float64Array, options: NonlinearModeOptions = {},
): NonlinearModeResult {
  const run = startNonlinearMode(pe, space, order, start, options);
  run.advance(Infinity);
  return run.result();
}

/** The harmonic part of the protocol: the Hessian problem, ψ with its λ, and the pairs for the contractions. */
export interface HarmonicStart {
  readonly pe: PairExpansion;
  readonly space: ModeSpace;
  /** P H P on the mode space (for the non-affine velocities). */
  readonly apply: HessianOperator;
  readonly harmonic: NonlinearModes['harmonic'];
  readonly rattlers: NonlinearModes['rattlers'];
}

// 003 App. B: the lowest eigenmode of the Hessian, translations (and optionally rattlers) excluded.
export function harmonicStart(land: Landscape, positions: Float64Array, excludeRattlers = false): HarmonicStart {
  const problem = hessianProblem(land, positions, excludeRattlers);
  return harmonicStartOf(land, positions, problem, modesOfProblem(problem, { count: 1 }));
}

/** harmonicStart from the lowest mode found by any solver (e.g. Lanczos on a GPU product, modesWithProduct). */
export function harmonicStartOf(land: Landscape, positions: Float64Array, problem: HessianProblem, modes: Modes): HarmonicStart {
  const pe = pairExpansion(land, positions, problem.rattlers.excluded ? problem.rattlers.mask : null);
  const psi = modes.vectors[0];
  const e = orient(pe, psi);
  return {
    pe, space: problem.space, apply: problem.apply,
    harmonic: { ...summary(e, psi, pe.dim), lambda: modes.values[0], field: psi, residual: modes.residuals[0] },
    rattlers: { count: problem.rattlers.count, excluded: problem.rattlers.excluded },
  };
}

/** A start for π3 other than π4: the non-affine velocity of one shear, with its linear solve's residual and steps. */
export interface ShearStart { name: string; field: Float64Array; residual: number; steps: number }

// 003 App. B: v = H⁻¹ Ξ for simple and pure shear in every plane a < b (nonaffineVelocity.ts).
export function shearStartFields(h: HarmonicStart, tolerance = 1e-10): ShearStart[] {
  return shearStrains(h.pe.dim).map((strain) => {
    const r = solveOnModeSpace(h.apply, h.space, strainForceDerivative(h.pe, strain), { tolerance });
    return { name: strain.name, field: r.solution, residual: r.relativeResidual, steps: r.iterations };
  });
}

/** 003 App. B: of the cubic modes found from several starts, the one of lowest κ (converged ones preferred). */
export function lowestCubic(found: readonly (NonlinearModeResult & { start: string })[]): NonlinearModeResult & { start: string; starts: number } {
  const pool = found.some((c) => c.converged) ? found.filter((c) => c.converged) : found;
  const best = pool.reduce((a, b) => (b.kappa < a.kappa ? b : a));
  return { ...best, starts: found.length };
}

/** The three fields with their overlaps, once π4 and π3 are found. */
export function assembleNonlinearModes(
  h: HarmonicStart, quartic: NonlinearModeResult, cubic: NonlinearModeResult & { start?: string; starts?: number },
): NonlinearModes {
  return {
    harmonic: h.harmonic,
    quartic: { ...quartic, overlapWithHarmonic: absOverlap(quartic.field, h.harmonic.field) },
    cubic: { ...cubic, start: cubic.start ?? 'π4', starts: cubic.starts ?? 1, overlapWithQuartic: absOverlap(cubic.field, quartic.field) },
    rattlers: h.rattlers,
    pairs: h.pe.first.length,
  };
}

// 003 App. B: ψ, then π4 from ψ, then π3 from π4.
export function nonlinearModes(land: Landscape, positions: Float64Array, options: NonlinearModeOptions = {}): NonlinearModes {
  const h = harmonicStart(land, positions, options.excludeRattlers ?? false);
  const quartic = minimizeNonlinearMode(h.pe, h.space, 'quartic', h.harmonic.field, options);
  const found = [{ ...minimizeNonlinearMode(h.pe, h.space, 'cubic', quartic.field, options), start: 'π4' }];
  if (options.shearStarts) {
    for (const s of shearStartFields(h)) found.push({ ...minimizeNonlinearMode(h.pe, h.space, 'cubic', s.field, options), start: s.name });
  }
  return assembleNonlinearModes(h, quartic, lowestCubic(found));
}
