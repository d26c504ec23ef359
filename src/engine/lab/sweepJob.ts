// The sweep job (001 Fig. 4): at each temperature, `samples` quenches; ⟨φ⟩(T), χ(T) = N(⟨φ²⟩ − ⟨φ⟩²) and β(T).
import { defectStatistics } from '../../physics/analysis/defects.ts';
import { getModel } from '../../physics/models.ts';
import { jobLimitProblem, RUN_LIMITS } from '../limits.ts';
import { meanCurves, sampleDefects } from './sampleStatistics.ts';
import type { RunSpec } from '../runSpec.ts';
import { ensembleBetaFit } from '../../physics/analysis/betaFit.ts';
import type { JobContext } from './context.ts';
import { allSamples, quenchSamples, validateSamples } from './ensembleJob.ts';
import type { SweepPoint, SweepResult } from './protocol.ts';

/** Most temperatures one sweep may hold (the one table, src/engine/limits.ts). */
export const MAX_TEMPERATURES = RUN_LIMITS.maxTemperatures;

/** Temperatures must be positive and finite, or Infinity (uniform random positions), as many as the limits table allows. */
export function validateTemperatures(temperatures: readonly number[]): number[] {
  if (!Array.isArray(temperatures)) throw new Error('a sweep needs a list of temperatures');
  const limit = jobLimitProblem({ temperatures });
  if (limit) throw limit;
  for (const T of temperatures) {
    if (typeof T !== 'number' || Number.isNaN(T) || !(T > 0)) throw new Error(`sweep temperatures must be positive numbers (or inf), got ${T}`);
  }
  return [...temperatures];
}

// 001 SM III / Fig. 4: per T, ⟨φ⟩ and χ over samples (one x_cut^EQ per T from its equilibrium states), β of the mean curve.
export async function runSweepJob(ctx: JobContext, spec: RunSpec, temperatures: readonly number[], samples: number): Promise<SweepResult> {
  const t0 = performance.now();
  const model = getModel(spec.model);
  const points: SweepPoint[] = [];
  for (const temperature of temperatures) {
    const name = Number.isFinite(temperature) ? `T=${temperature}` : 'T=inf';
    const done = await quenchSamples(ctx, spec, temperature, allSamples(samples), (k) => `${name} #${k + 1}`, (k) => `${name}, sample ${k + 1} of ${samples}`);
    ctx.phase('analyze', `${name}: defects and β`);
    await ctx.checkpoint();
    const curves = meanCurves(done.series);
    const stats = defectStatistics(sampleDefects(model, done.initials, done.finals).concentrations, spec.n);
    points.push({
      temperature, samples, meanDefects: stats.mean, susceptibility: stats.chi,
      fit: ensembleBetaFit(curves.t, curves.speeds, spec.fitWindow), t: curves.t, meanSpeed: curves.meanSpeed,
    });
  }
  return { kind: 'sweep', spec, engine: ctx.engine.name, points, seconds: (performance.now() - t0) / 1000 };
}
