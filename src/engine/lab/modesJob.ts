// The modes job: the lowest K normal modes of a given configuration on the float64 engine (src/physics/analysis/modes/,
// 002 §II), their participation ratios (002 Eq. 11), the rattler count, and D(λ) for the spectrum plot — the one pipeline
// behind the Landscape panel and `glasslab modes`. The solver runs in stages with progress and a stop check between them.
import { landscapeForces, maxParticleForce } from '../../physics/descent/state.ts';
import { createLandscape } from '../../physics/forces.ts';
import { getModel } from '../../physics/models.ts';
import { hessianProblem, modesOfProblem, modesWithProduct, type HessianProblem, type ModeOptions, type Modes } from '../../physics/analysis/modes/normalModes.ts';
import type { Configuration } from '../../physics/configuration.ts';
import type { Model } from '../../physics/models.ts';
import { GpuHessianProduct } from '../../gpu/hessianProduct.ts';
import { JobStopped } from './control.ts';
import { participationRatio } from '../../physics/analysis/modes/participation.ts';
import { fromConfigurationData } from './configurationData.ts';
import type { JobContext } from './context.ts';
import { exactSpectrum, stochasticSpectrum } from './modeSpectrum.ts';
import type { ModesJob, ModesResult } from './protocol.ts';

const METHODS = ['auto', 'dense', 'lanczos'] as const;

/** The count K and the options, checked against the configuration's size; throws one clear line. */
export function validateModesJob(job: ModesJob): void {
  const start = job.start;
  if (!start || !start.diameters) throw new Error('a modes job needs its configuration (a finished quench or a loaded state)');
  const n = start.diameters.length, d = start.dim;
  const k = job.count;
  if (!(typeof k === 'number' && Number.isInteger(k) && k >= 1)) throw new Error(`the number of modes K must be a whole number ≥ 1, got ${String(k).slice(0, 40)}`);
  if (k > d * (n - 1)) throw new Error(`K = ${k} is more than the ${d * (n - 1)} modes of ${n} particles in ${d}D`);
  if (job.method !== undefined && !(METHODS as readonly string[]).includes(job.method)) throw new Error(`the modes' method must be auto, dense or lanczos, got "${String(job.method).slice(0, 40)}"`);
  if (job.seed !== undefined && !(Number.isInteger(job.seed) && job.seed >= 0)) throw new Error(`the modes' seed must be a whole number ≥ 0, got ${job.seed}`);
}

export async function runModesJob(ctx: JobContext, job: ModesJob): Promise<ModesResult> {
  const t0 = performance.now();
  const model = getModel(job.spec.model);
  const c = fromConfigurationData(job.start, model, job.spec.n);
  const n = c.diameters.length, d = model.dim;
  ctx.phase('analyze', 'normal modes');
  ctx.progress(0, 'the Hessian and its rattlers', true);
  await ctx.checkpoint();
  const land = createLandscape(model, c);
  const forces = new Float64Array(c.positions.length);
  landscapeForces(land)(c.positions, forces);
  const maxForce = maxParticleForce(forces, d);
  const problem = hessianProblem(land, c.positions, job.excludeRattlers ?? false);
  ctx.progress(0.1, `the lowest ${job.count} modes`, true);
  await ctx.checkpoint();
  const seed = job.seed ?? 1;
  const options = { count: job.count, method: job.method ?? 'auto', seed } as const;
  const modes = (ctx.engine.gpu && options.method !== 'dense' ? await modesOnGpu(ctx, model, c, problem, options) : null)
    ?? modesOfProblem(problem, options);
  const participation = modes.vectors.map((e) => participationRatio(e, d));
  let density = null;
  if (job.density ?? true) {
    ctx.progress(0.7, modes.spectrum ? 'D(λ) from every eigenvalue' : 'D(λ) by stochastic Lanczos quadrature', true);
    await ctx.checkpoint();
    density = modes.spectrum ? exactSpectrum(modes.spectrum) : stochasticSpectrum(problem, seed);
  }
  ctx.progress(1, 'normal modes done', true);
  ctx.unitDone();
  return {
    kind: 'modes', spec: job.spec, engine: ctx.engine.name, n, dim: d, method: modes.method, eigenvalues: modes.values, participation,
    residuals: modes.residuals, vectors: modes.vectors, rattlers: { ...modes.rattlers }, maxForce,
    ...(modes.products !== undefined ? { products: modes.products, restarts: modes.restarts } : {}),
    density, seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Lanczos with the products H v on the job's GPU (float32, src/gpu/hessianProduct.ts; the Lanczos basis, its
 * reorthogonalization and the final Rayleigh–Ritz step stay float64 here). A GPU that cannot serve (a model it does not run,
 * a lost device) hands the job to the float64 engine with a note, and null says: run on the CPU.
 */
async function modesOnGpu(ctx: JobContext, model: Model, c: Configuration, problem: HessianProblem, options: ModeOptions): Promise<Modes | null> {
  const gpu = ctx.engine.gpu;
  if (!gpu) return null;
  let product: GpuHessianProduct;
  try {
    product = await GpuHessianProduct.forConfiguration(gpu, model, c, problem.rattlers.excluded ? problem.rattlers.mask : null);
  } catch (e) {
    ctx.engine.fallBack('Hessian product', e);
    return null;
  }
  try {
    return await modesWithProduct(problem, async (v, out) => { await product.apply(v, out); }, options);
  } catch (e) {
    if (e instanceof JobStopped) throw e;
    ctx.engine.fallBack('Hessian product', e);
    return null;
  } finally {
    product.destroy();
  }
}
