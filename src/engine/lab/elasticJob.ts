// The elastic jobs (004 App. A) on the float64 engine: the shear modulus G with its Born and non-affine parts and the dipole
// stiffness κ_ij of an inherent structure (CG on the Hessian's pair blocks, translations and rattlers removed), and the
// annealing study of 004 Fig. 3: mean κ and G over swap-MC states of each preparation temperature T_p, quenched. When the lab
// runs on the GPU engine and N ≥ GPU_ANALYSIS_MIN_PARTICLES (gpuAnalysis.ts), the CG's products M p are the GPU's (float32,
// src/gpu/hessianProduct.ts) inside float64 iterative refinement (solveOnModeSpaceRefined): the answers meet the same float64
// tolerance. A GPU that cannot serve hands the job to the float64 engine with a one-line note; `engine` says which path ran.
import { bootstrapMean } from '../../physics/analysis/bootstrap.ts';
import type { Configuration } from '../../physics/configuration.ts';
import { quench } from '../../physics/descent/quench.ts';
import { maxParticleForce } from '../../physics/descent/state.ts';
import {
  dipoleResponse, dipoleResponseWith, dipoleStatistics, elasticPairs, samplePairs, shearModulusInPlane, shearModulusInPlaneWith, solveOnModeSpaceRefined,
  type DipoleStiffness, type ElasticPairs, type LinearSolution, type LinearSolveOptions, type ShearPlane,
} from '../../physics/elastic/index.ts';
import { GpuHessianProduct } from '../../gpu/hessianProduct.ts';
import { JobStopped } from './control.ts';
import { analysisGpu } from './gpuAnalysis.ts';
import { createLandscape, energyAndForces } from '../../physics/forces.ts';
import { getModel, type Model } from '../../physics/models.ts';
import { boxVolume } from '../../physics/space.ts';
import type { RunSpec } from '../runSpec.ts';
import { fromConfigurationData } from './configurationData.ts';
import { SLICE_MS, type JobContext } from './context.ts';
import { allSamples, quenchSamples } from './ensembleJob.ts';
import type { ConfigurationData, ElasticResult, ElasticSettings, ElasticStudyPoint, ElasticStudyResult, ElasticSummary } from './protocol.ts';

/** Largest max_i |f_i| accepted as an inherent structure (choice: the non-affine term's error is linear in the residual force; a float64 quench reaches 1e-10). */
export const DEFAULT_MAX_FORCE = 1e-6;
/** CG's relative residual |r|/|b| (choice: κ_ij and G to ~1e-8, far below their sample-to-sample spread). */
export const DEFAULT_CG_TOLERANCE = 1e-8;
/** The float64 polish of a study's quenched states before the analysis (the GPU quench stops at 1e-4). */
const POLISH_FORCE = 1e-10;

export function validateElasticSettings(s: ElasticSettings | undefined): void {
  if (s === undefined) return;
  const { dipolePairs: p, maxForce: f, tolerance: t } = s;
  if (p !== undefined && !(Number.isInteger(p) && p >= 1)) throw new Error(`the number of dipole pairs must be an integer ≥ 1, got ${p}`);
  if (f !== undefined && !(f > 0 && Number.isFinite(f))) throw new Error(`the largest accepted force must be positive, got ${f}`);
  if (t !== undefined && !(t > 0 && t < 1)) throw new Error(`the CG tolerance must lie in (0, 1), got ${t}`);
}

interface MinimumElasticity {
  engine: 'cpu' | 'gpu';
  summary: ElasticSummary;
  dipole: DipoleStiffness;
  first: Int32Array;
  second: Int32Array;
}

// 004 Eqs. (A1)–(A4) on one minimum: D(D−1)/2 solves for G, one per measured pair for κ_ij, with checkpoints between them.
async function elasticOfMinimum(ctx: JobContext, model: Model, c: Configuration, settings: ElasticSettings, label: string): Promise<MinimumElasticity> {
  const d = model.dim;
  if (d < 2) throw new Error('a shear modulus needs at least two dimensions');
  if (model.pairShifts) throw new Error(`model ${model.name}: its planted pair shifts have no defined behaviour under strain, so G is not defined here; elastic takes the other models`);
  const land = createLandscape(model, c);
  const x = c.positions.slice();
  const f = new Float64Array(x.length);
  energyAndForces(land, x, f, false);
  const maxForce = maxParticleForce(f, d);
  const limit = settings.maxForce ?? DEFAULT_MAX_FORCE;
  if (!(maxForce <= limit)) {
    throw new Error(`${label} is not an inherent structure: max|f_i| = ${maxForce.toExponential(2)} > ${limit.toExponential(0)}; quench it on the float64 engine first (glasslab quench --in FILE --algorithm fire --engine cpu --out is.xyz)`);
  }
  ctx.phase('analyze', `${label}: Hessian pair blocks and rattlers`);
  await ctx.checkpoint();
  const pairs = elasticPairs(land, x);
  const options = { tolerance: settings.tolerance ?? DEFAULT_CG_TOLERANCE };
  const gpu = analysisGpu(ctx, c.diameters.length);
  let product: GpuHessianProduct | null = null;
  if (gpu) {
    try {
      product = await GpuHessianProduct.forConfiguration(gpu, model, c, pairs.space.excluded);
    } catch (e) {
      ctx.engine.fallBack('Hessian product', e);
    }
  }
  try {
    return await elasticWithProducts(ctx, pairs, c, options, settings, label, maxForce, product);
  } finally {
    product?.destroy();
  }
}

// The solves of one minimum: on the GPU's products while `product` serves (a failure: the note, and float64 from there on).
async function elasticWithProducts(
  ctx: JobContext, pairs: ElasticPairs, c: Configuration, options: { tolerance: number }, settings: ElasticSettings, label: string, maxForce: number,
  gpuProduct: GpuHessianProduct | null,
): Promise<MinimumElasticity> {
  const d = pairs.hessian.dim;
  let product = gpuProduct;
  const refined = (onProgress?: LinearSolveOptions['onProgress']) => (rhs: Float64Array): Promise<LinearSolution> =>
    solveOnModeSpaceRefined(async (v, out) => { await (product as GpuHessianProduct).apply(v, out); }, pairs.operator, pairs.space, rhs,
      { preconditioner: pairs.preconditioner, ...options, onProgress });
  // one solve on the GPU while it serves; a failure that is not physics: the note, and float64 from there on
  const onEngine = async <T>(gpuSolve: () => Promise<T>, cpuSolve: () => T): Promise<T> => {
    if (!product) return cpuSolve();
    try {
      return await gpuSolve();
    } catch (e) {
      if (e instanceof JobStopped || (e instanceof Error && e.name === 'LinearSolveError')) throw e;
      ctx.engine.fallBack('Hessian product', e);
      product = null;
      return cpuSolve();
    }
  };
  const chosen = samplePairs(pairs.hessian.first.length, settings.dipolePairs);
  if (chosen.length === 0) throw new Error(`${label} has no interacting pairs once rattlers are left out`);
  const planeCount = (d * (d - 1)) / 2, solves = planeCount + chosen.length;
  const volume = boxVolume(c.box);
  ctx.phase('analyze', `${label}: shear modulus, ${planeCount} plane(s) by CG`);
  const planes: ShearPlane[] = [];
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      await ctx.checkpoint();
      // within a solve: the fraction of the way from |r|/|b| = 1 to the tolerance, on a log scale
      const done = planes.length;
      const onProgress = (it: number, residual: number) => {
        const within = Math.min(1, Math.log(residual) / Math.log(options.tolerance));
        ctx.progress((done + within) / solves, `${label}: G in plane (${a}, ${b}), CG iteration ${it}, |r|/|b| = ${residual.toExponential(1)}`);
      };
      planes.push(await onEngine(() => shearModulusInPlaneWith(refined(onProgress), pairs, volume, a, b), () => shearModulusInPlane(pairs, volume, a, b, { ...options, onProgress })));
      ctx.progress(planes.length / solves, `${label}: G in plane (${a}, ${b}) after ${planes[planes.length - 1].iterations} CG iterations`, true);
    }
  }
  ctx.phase('analyze', `${label}: dipole stiffness of ${chosen.length} pairs`);
  const kappa = new Float64Array(chosen.length);
  let iterations = 0, sliceStart = performance.now();
  for (let k = 0; k < chosen.length; k++) {
    const r = await onEngine(() => dipoleResponseWith(refined(), pairs, chosen[k]), () => dipoleResponse(pairs, chosen[k], options));
    kappa[k] = r.kappa;
    iterations += r.iterations;
    if (performance.now() - sliceStart > SLICE_MS) {
      ctx.progress((planeCount + k + 1) / solves, `${label}: κ_ij of pair ${k + 1} of ${chosen.length}`);
      await ctx.checkpoint();
      sliceStart = performance.now();
    }
  }
  const dipole = dipoleStatistics(pairs, chosen, kappa, iterations);
  const mean = (g: (p: ShearPlane) => number) => planes.reduce((s, p) => s + g(p), 0) / planes.length;
  return {
    engine: product ? 'gpu' : 'cpu',
    summary: {
      shearModulus: mean((p) => p.shearModulus), born: mean((p) => p.born), nonaffine: mean((p) => p.nonaffine), planes,
      dipole: { mean: dipole.mean, median: dipole.median, count: dipole.count, iterations }, rattlers: pairs.rattlers, maxForce,
    },
    dipole,
    first: Int32Array.from(chosen, (p) => pairs.hessian.first[p]),
    second: Int32Array.from(chosen, (p) => pairs.hessian.second[p]),
  };
}

export async function runElasticJob(ctx: JobContext, spec: RunSpec, startData: ConfigurationData, settings: ElasticSettings = {}): Promise<ElasticResult> {
  const t0 = performance.now();
  const model = getModel(spec.model);
  const c = fromConfigurationData(startData, model, spec.n);
  const m = await elasticOfMinimum(ctx, model, c, settings, 'the configuration');
  ctx.unitDone();
  return {
    kind: 'elastic', spec, engine: m.engine, ...m.summary, pairFirst: m.first, pairSecond: m.second, pairKappa: m.dipole.kappa,
    localKappa: m.dipole.local, seconds: (performance.now() - t0) / 1000,
  };
}

// 004 Fig. 3: per T_p the sample means of G and κ with percentile-bootstrap intervals, and their change relative to the first T_p.
export async function runElasticStudyJob(
  ctx: JobContext, spec: RunSpec, temperatures: readonly number[], samples: number, settings: ElasticSettings = {},
): Promise<ElasticStudyResult> {
  const t0 = performance.now();
  const model = getModel(spec.model);
  const points: ElasticStudyPoint[] = [];
  for (const temperature of temperatures) {
    const name = Number.isFinite(temperature) ? `T_p=${temperature}` : 'T_p=inf';
    const done = await quenchSamples(ctx, spec, temperature, allSamples(samples), (k) => `${name} #${k + 1}`, (k) => `${name}, sample ${k + 1} of ${samples}`);
    const g: number[] = [], kappa: number[] = [];
    for (let k = 0; k < done.finals.length; k++) {
      let c = done.finals[k];
      const f = new Float64Array(c.positions.length);
      energyAndForces(createLandscape(model, c), c.positions.slice(), f, false);
      if (maxParticleForce(f, model.dim) > POLISH_FORCE) c = quench(model, c, { algorithm: 'cg', forceTolerance: POLISH_FORCE }).final;
      const m = await elasticOfMinimum(ctx, model, c, settings, `${name}, sample ${k + 1} of ${samples}`);
      g.push(m.summary.shearModulus);
      kappa.push(m.summary.dipole.mean);
    }
    const G = bootstrapMean(g), K = bootstrapMean(kappa);
    const ref = points[0];
    points.push({
      temperature, samples, shearModulus: G, kappa: K,
      relativeShearModulus: ref ? G.mean / ref.shearModulus.mean - 1 : 0, relativeKappa: ref ? K.mean / ref.kappa.mean - 1 : 0,
      perSample: { shearModulus: g, kappa, energyPerParticle: [...done.finalEnergies] },
    });
  }
  return { kind: 'elasticStudy', spec, engine: ctx.engine.name, points, seconds: (performance.now() - t0) / 1000 };
}
