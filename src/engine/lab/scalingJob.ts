// The finite-size scaling job (001 SM II, Fig. S1): the ensemble job's samples (same seeds, sampleSeed(spec.seed, k)) at each
// system size, then the collapse of N^{βz}⟨|v|⟩ against t/N^z with bootstrap intervals (src/physics/analysis/finiteSizeScaling.ts).
// The lab's "finite-size scaling" run and `glasslab scaling` both run this job.
import { finiteSizeScaling } from '../../physics/analysis/finiteSizeScaling.ts';
import { RUN_LIMITS } from '../limits.ts';
import { validateRunSpec, type RunSpec } from '../runSpec.ts';
import type { JobContext } from './context.ts';
import { allSamples, quenchSamples, validateSamples } from './ensembleJob.ts';
import type { ScalingJob, ScalingResult } from './protocol.ts';
import { meanCurves } from './sampleStatistics.ts';

/** At least 2 distinct whole sizes within the float64 engine's limits; the spec at each size must be valid. */
export function validateScalingJob(job: ScalingJob): number {
  const sizes = job.sizes;
  if (!Array.isArray(sizes) || sizes.length < 2 || new Set(sizes).size !== sizes.length) throw new Error(`finite-size scaling needs at least 2 different sizes N, each once, got ${Array.isArray(sizes) ? sizes.join(', ') : String(sizes)}`);
  const bad = sizes.find((n) => !Number.isInteger(n) || n < RUN_LIMITS.minN || n > RUN_LIMITS.maxNFloat64);
  if (bad !== undefined) throw new Error(`each size N must be a whole number from ${RUN_LIMITS.minN} to ${RUN_LIMITS.maxNFloat64}, got ${bad}`);
  if (job.spec.algorithm !== 'sd') throw new Error(`finite-size scaling follows the SD velocity: the algorithm must be sd, got ${job.spec.algorithm}`);
  if (job.beta !== undefined && !(job.beta > 0 && Number.isFinite(job.beta))) throw new Error(`a fixed β must be a positive number, got ${job.beta}`);
  for (const n of sizes) validateRunSpec({ ...job.spec, n });
  return sizes.length * validateSamples(job.samples);
}

/** The spec at size n (a shipped starting state belongs to one N only). */
function specAt(spec: RunSpec, n: number): RunSpec {
  return { ...spec, n, initialState: undefined };
}

export async function runScalingJob(ctx: JobContext, job: ScalingJob): Promise<ScalingResult> {
  const t0 = performance.now();
  const ensembles: ScalingResult['ensembles'] = [];
  for (const n of job.sizes) {
    const spec = specAt(job.spec, n);
    const done = await quenchSamples(ctx, spec, spec.temperature, allSamples(job.samples), (k) => `N=${n} #${k + 1}`, (k) => `N = ${n}: sample ${k + 1} of ${job.samples}`);
    const curves = meanCurves(done.series);
    ensembles.push({ n, t: curves.t, samples: curves.speeds });
  }
  ctx.phase('analyze', 'collapse of N^(βz)⟨|v|⟩ against t/N^z');
  await ctx.checkpoint();
  const fit = finiteSizeScaling(ensembles, { ...(job.beta !== undefined ? { beta: job.beta } : {}), seed: job.spec.seed });
  return { kind: 'scaling', spec: job.spec, engine: ctx.engine.name, samples: job.samples, ensembles, fit, seconds: (performance.now() - t0) / 1000 };
}
