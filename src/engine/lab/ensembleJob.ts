// The ensemble job: M independent samples at spec.temperature (seeds sampleSeed(spec.seed, k), as src/engine/ensemble.ts),
// curves '#1' … '#M', the mean ⟨|v(t)|⟩ (000 Eq. 2), β with its bootstrap interval and each sample's defect concentration.
import type { Configuration } from '../../physics/configuration.ts';
import type { QuenchSeries } from '../../physics/descent/quench.ts';
import { getModel } from '../../physics/models.ts';
import { jobLimitProblem, RUN_LIMITS } from '../limits.ts';
import { meanCurves, sampleDefects, sampleSeed } from '../ensemble.ts';
import type { RunSpec } from '../runSpec.ts';
import { ensembleBetaFit } from '../../physics/analysis/betaFit.ts';
import { toConfigurationData, transferablesOf } from './configurationData.ts';
import type { JobContext } from './context.ts';
import { equilibrateOnEngine } from './equilibration.ts';
import type { EnsembleLabResult } from './protocol.ts';
import { labQuenchOptions, quenchOnEngine } from './quenchStage.ts';

/** Most samples one job may ask for (the one table, src/engine/limits.ts). */
export const MAX_SAMPLES = RUN_LIMITS.maxSamples;

export function validateSamples(samples: number): number {
  const limit = jobLimitProblem({ samples });
  if (limit) throw limit;
  return samples;
}

export interface QuenchedSamples {
  initials: Configuration[];
  finals: Configuration[];
  series: QuenchSeries[];
  finalEnergies: number[];
}

/** `samples` equilibrate → quench runs at `temperature`, sample k seeded by sampleSeed(spec.seed, k); curve names from `curveOf`. */
export async function quenchSamples(
  ctx: JobContext, spec: RunSpec, temperature: number, samples: number, curveOf: (k: number) => string, labelOf: (k: number) => string,
): Promise<QuenchedSamples> {
  const model = getModel(spec.model);
  const out: QuenchedSamples = { initials: [], finals: [], series: [], finalEnergies: [] };
  for (let k = 0; k < samples; k++) {
    const seed = sampleSeed(spec.seed, k);
    const label = labelOf(k);
    const eq = await equilibrateOnEngine(ctx, model, { n: spec.n, temperature, sweeps: spec.sweeps, seed }, label);
    const system = toConfigurationData(eq.configuration);
    ctx.emit({ type: 'system', runId: ctx.runId, system, label }, transferablesOf(system));
    await ctx.checkpoint();
    const q = await quenchOnEngine(ctx, model, eq.configuration, labQuenchOptions(spec), curveOf(k), label);
    out.initials.push(eq.configuration);
    out.finals.push(q.final);
    out.series.push(q.series);
    out.finalEnergies.push(q.energyPerParticle);
    ctx.unitDone();
  }
  return out;
}

export async function runEnsembleJob(ctx: JobContext, spec: RunSpec, samples: number): Promise<EnsembleLabResult> {
  const t0 = performance.now();
  const done = await quenchSamples(ctx, spec, spec.temperature, samples, (k) => `#${k + 1}`, (k) => `sample ${k + 1} of ${samples}`);
  ctx.phase('analyze', 'mean curve, β and defects');
  await ctx.checkpoint();
  const curves = meanCurves(done.series);
  const defects = sampleDefects(getModel(spec.model), done.initials, done.finals);
  return {
    kind: 'ensemble', spec, engine: ctx.engine.name, samples, t: curves.t, meanSpeed: curves.meanSpeed,
    meanEnergyPerParticle: curves.meanEnergyPerParticle, fit: ensembleBetaFit(curves.t, curves.speeds, spec.fitWindow),
    defectConcentrations: defects.concentrations, seconds: (performance.now() - t0) / 1000,
  };
}
