// The nonlinear job: the lowest harmonic mode ψ of an inherent structure, the quartic mode π4 = argmin κ²/χ from ψ and the
// cubic mode π3 = argmin κ³/τ² from π4 (003 App. B), on the float64 engine (src/physics/nonlinear). The CG steps run in
// slices, so the job reports progress and can be paused or stopped between them. When the lab runs on the GPU engine and
// N ≥ GPU_ANALYSIS_MIN_PARTICLES (gpuAnalysis.ts), ψ's Lanczos takes the GPU Hessian product and the CG's sweeps the GPU
// contractions (float32 within their stated bounds); the CG, its line search and the reported κ, τ, χ stay float64. A GPU
// that cannot serve hands the job to the float64 engine with a one-line note; the result's engine says which path ran.
import { GpuHessianProduct } from '../../gpu/hessianProduct.ts';
import { GpuNonlinearContractions, gpuContractionSweeps } from '../../gpu/nonlinearContractions.ts';
import { hessianProblem, modesOfProblem, modesWithProduct, type HessianProblem } from '../../physics/analysis/modes/normalModes.ts';
import { maxParticleForce } from '../../physics/descent/state.ts';
import type { AsyncContractionSweeps } from '../../physics/nonlinear/modeMinimizer.ts';
import { createLandscape, energyAndForces, type Landscape } from '../../physics/forces.ts';
import type { Configuration } from '../../physics/configuration.ts';
import { getModel, type Model } from '../../physics/models.ts';
import {
  assembleNonlinearModes, FLOAT32_STATIONARITY_TOLERANCE, harmonicStartOf, lowestCubic, shearStartFields, startNonlinearMode, startNonlinearModeWith,
  type HarmonicStart,
  type NonlinearModeResult,
} from '../../physics/nonlinear/nonlinearModes.ts';
import { tauShareOfBoundBreakingPairs } from '../../physics/nonlinear/cutoffShare.ts';
import type { GpuContext } from '../../gpu/device.ts';
import type { ModeOrder } from '../../physics/nonlinear/modeCost.ts';
import { JobStopped } from './control.ts';
import { analysisGpu } from './gpuAnalysis.ts';
import { fromConfigurationData } from './configurationData.ts';
import { SLICE_MS, type JobContext } from './context.ts';
import type { NonlinearJob, NonlinearResult } from './protocol.ts';

/** Defaults: the stationarity residual 1e-8 (relative), 20000 CG steps per mode, max|f_i| ≤ 1e-6 for an inherent structure. */
export const NONLINEAR_DEFAULTS = { tolerance: 1e-8, maxIterations: 20000, maxForce: 1e-6 } as const;

export function validateNonlinearJob(job: NonlinearJob): void {
  if (!job.start) throw new Error('a nonlinear job needs its configuration (an inherent structure)');
  validateNonlinearSettings(job);
}

export function validateNonlinearSettings(settings: NonlinearSettings): void {
  const { tolerance, maxIterations, maxForce } = settings;
  if (tolerance !== undefined && !(tolerance > 0 && tolerance < 1)) throw new Error(`the stationarity tolerance must be in (0, 1), got ${tolerance}`);
  if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new Error(`the CG step limit must be an integer ≥ 1, got ${maxIterations}`);
  if (maxForce !== undefined && !(maxForce > 0 && Number.isFinite(maxForce))) throw new Error(`the force threshold must be positive and finite, got ${maxForce}`);
}

const summaryOf = ({ field: _field, ...rest }: NonlinearModeResult) => rest;

/** What the nonlinear analysis of one configuration gives (a NonlinearResult without its job fields), and the engine of its products. */
export type NonlinearAnalysis = Omit<NonlinearResult, 'kind' | 'spec' | 'seconds'>;

/** The GPU's part of the analysis: ψ by Lanczos on its Hessian product, and the contractions for the CG. */
interface GpuNonlinear { h: HarmonicStart; contractions: GpuNonlinearContractions; sweeps: AsyncContractionSweeps }

// 003 App. B's ψ with GPU products H v (modesWithProduct: float32 products, float64 Lanczos and Rayleigh–Ritz), and the GPU
// contractions on the same configuration; null (with the engine's fallback note) when the GPU cannot serve.
async function nonlinearOnGpu(ctx: JobContext, gpu: GpuContext, model: Model, c: Configuration, land: Landscape, problem: HessianProblem): Promise<GpuNonlinear | null> {
  const mask = problem.rattlers.excluded ? problem.rattlers.mask : null;
  let contractions: GpuNonlinearContractions | null = null;
  try {
    const product = await GpuHessianProduct.forConfiguration(gpu, model, c, mask);
    let modes;
    try {
      modes = await modesWithProduct(problem, async (v, out) => { await product.apply(v, out); }, { count: 1 });
    } finally {
      product.destroy();
    }
    contractions = await GpuNonlinearContractions.forConfiguration(gpu, model, c, { excluded: mask });
    return { h: harmonicStartOf(land, c.positions, problem, modes), contractions, sweeps: gpuContractionSweeps(contractions) };
  } catch (e) {
    contractions?.destroy();
    if (e instanceof JobStopped) throw e;
    ctx.engine.fallBack('nonlinear contractions', e);
    return null;
  }
}

export interface NonlinearSettings { excludeRattlers?: boolean; tolerance?: number; maxIterations?: number; maxForce?: number; shearStarts?: boolean }

// 003 App. B on one configuration: check it is an inherent structure, ψ, then π4 and π3 in slices (progress, pause, stop).
export async function analyseNonlinearModes(ctx: JobContext, model: Model, c: Configuration, settings: NonlinearSettings, label = ''): Promise<NonlinearAnalysis> {
  const threshold = settings.maxForce ?? NONLINEAR_DEFAULTS.maxForce;
  const land = createLandscape(model, c);
  const forces = new Float64Array(c.positions.length);
  energyAndForces(land, c.positions, forces, false);
  const maxForce = maxParticleForce(forces, model.dim);
  if (!(maxForce <= threshold)) {
    throw new Error(`the configuration is not an inherent structure: max|f_i| = ${maxForce.toExponential(2)} > ${threshold}; quench it first (glasslab quench --in FILE --out is.xyz) and compute its modes there`);
  }
  ctx.phase('analyze', `${label}lowest harmonic mode ψ`);
  const problem = hessianProblem(land, c.positions, settings.excludeRattlers ?? false);
  const gpu = analysisGpu(ctx, c.diameters.length);
  let onGpu = gpu ? await nonlinearOnGpu(ctx, gpu, model, c, land, problem) : null;
  try {
    return await analyseFromHarmonic(ctx, model, onGpu?.h ?? harmonicStartOf(land, c.positions, problem, modesOfProblem(problem, { count: 1 })), maxForce, settings, label,
      () => onGpu?.sweeps ?? null, () => { onGpu?.contractions.destroy(); onGpu = null; });
  } finally {
    onGpu?.contractions.destroy();
  }
}

// The minimizations of π4 and π3 from ψ; `sweeps` gives the GPU's while it serves, and `dropGpu` ends it after a failure.
async function analyseFromHarmonic(
  ctx: JobContext, model: Model, h: HarmonicStart, maxForce: number, settings: NonlinearSettings, label: string,
  sweeps: () => AsyncContractionSweeps | null, dropGpu: () => void,
): Promise<NonlinearAnalysis> {
  const asked = settings.tolerance ?? NONLINEAR_DEFAULTS.tolerance;
  const maxIterations = settings.maxIterations ?? NONLINEAR_DEFAULTS.maxIterations;
  let engine: 'cpu' | 'gpu' = sweeps() ? 'gpu' : 'cpu';
  // float32 sweeps cannot resolve a residual below their floor: the GPU path asks for no less (and reports the tolerance it used)
  let tolerance = engine === 'gpu' ? Math.max(asked, FLOAT32_STATIONARITY_TOLERANCE) : asked;
  if (!(h.harmonic.lambda > 0)) {
    throw new Error(`the lowest eigenvalue of the Hessian is λ = ${h.harmonic.lambda.toExponential(3)} ≤ 0: not a stable minimum (quench to a tighter force tolerance${h.rattlers.count > 0 && !h.rattlers.excluded ? `, or leave its ${h.rattlers.count} rattlers out` : ''})`);
  }
  const onEngine = async (order: ModeOrder, start: Float64Array, name: string, base: number): Promise<NonlinearModeResult> => {
    const gpuSweeps = sweeps();
    const options = { tolerance, maxIterations };
    const run = gpuSweeps ? await startNonlinearModeWith(gpuSweeps, h.pe, h.space, order, start, options) : startNonlinearMode(h.pe, h.space, order, start, options);
    for (;;) {
      const sliceStart = performance.now();
      let done = false;
      while (!done && performance.now() - sliceStart < SLICE_MS) done = await run.advance(5);
      // progress: the residual's decades from 1 down to the tolerance
      const decades = Math.log10(Math.max(run.residual(), tolerance)) / Math.log10(tolerance);
      ctx.progress(base + 0.5 * Math.min(1, Math.max(0, decades)), `${label}${name}: step ${run.iterations()}, residual ${run.residual().toExponential(1)}`);
      if (done) return run.result();
      await ctx.checkpoint();
    }
  };
  // A GPU that fails mid-way: the engine's note, and this mode again from its start on the float64 engine.
  const minimize = async (order: ModeOrder, start: Float64Array, name: string, base: number): Promise<NonlinearModeResult> => {
    try {
      return await onEngine(order, start, name, base);
    } catch (e) {
      if (e instanceof JobStopped || !sweeps()) throw e;
      ctx.engine.fallBack('nonlinear contractions', e);
      dropGpu();
      engine = 'cpu';
      tolerance = asked;
      return onEngine(order, start, name, base);
    }
  };
  ctx.phase('analyze', `${label}quartic mode π4 = argmin κ²/χ`);
  const quartic = await minimize('quartic', h.harmonic.field, 'π4', 0);
  ctx.phase('analyze', `${label}cubic mode π3 = argmin κ³/τ²`);
  const found = [{ ...(await minimize('cubic', quartic.field, 'π3', 0.5)), start: 'π4' }];
  if (settings.shearStarts) {
    ctx.phase('analyze', `${label}non-affine velocities of simple and pure shear`);
    for (const s of shearStartFields(h)) {
      ctx.phase('analyze', `${label}cubic mode from the ${s.name} velocity`);
      found.push({ ...(await minimize('cubic', s.field, `π3 (${s.name})`, 0.5)), start: s.name });
    }
  }
  const r = assembleNonlinearModes(h, quartic, lowestCubic(found));
  const { field: psi, ...harmonic } = r.harmonic;
  return {
    harmonic,
    quartic: { ...summaryOf(r.quartic), overlapWithHarmonic: r.quartic.overlapWithHarmonic },
    cubic: {
      ...summaryOf(r.cubic), overlapWithQuartic: r.cubic.overlapWithQuartic, start: r.cubic.start, starts: r.cubic.starts,
      cutoffShare: tauShareOfBoundBreakingPairs(h.pe, r.cubic.field, model.potential),
    },
    fields: { psi, pi4: r.quartic.field, pi3: r.cubic.field },
    maxForce, rattlers: r.rattlers, pairs: r.pairs, tolerance, engine,
  };
}

export async function runNonlinearJob(ctx: JobContext, job: NonlinearJob): Promise<NonlinearResult> {
  const t0 = performance.now();
  const model = getModel(job.spec.model);
  const c = fromConfigurationData(job.start, model, job.spec.n);
  const a = await analyseNonlinearModes(ctx, model, c, job);
  ctx.unitDone();
  return { kind: 'nonlinear', spec: job.spec, ...a, seconds: (performance.now() - t0) / 1000 };
}
