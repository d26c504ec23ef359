// The ensemble job: M independent samples at spec.temperature (seeds sampleSeed(spec.seed, k)), curves '#1' … '#M', the mean
// ⟨|v(t)|⟩, E/N and W (000 Eq. 2), β with its bootstrap interval and each sample's defect concentration (001 SM III).
import type { Configuration } from '../../physics/configuration.ts';
import type { QuenchSeries } from '../../physics/descent/quench.ts';
import { getModel } from '../../physics/models.ts';
import { jobLimitProblem, RUN_LIMITS } from '../limits.ts';
import type { RunSpec } from '../runSpec.ts';
import { ensembleBetaFit } from '../../physics/analysis/betaFit.ts';
import { toConfigurationData, transferablesOf } from './configurationData.ts';
import type { JobContext } from './context.ts';
import { equilibrateOnEngine } from './equilibration.ts';
import type { EngineName, EnsembleLabResult } from './protocol.ts';
import { labQuenchOptions, quenchOnEngine } from './quenchStage.ts';
import { meanCurves, sampleDefects, sampleSeed } from './sampleStatistics.ts';

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

/** 0, 1, …, samples − 1: every sample of an ensemble. */
export function allSamples(samples: number): number[] {
  return Array.from({ length: samples }, (_, k) => k);
}

/**
 * Equilibrate → quench runs at `temperature` for the samples k of `indices` (in that order), sample k seeded by
 * sampleSeed(spec.seed, k) whatever else runs; curve names from `curveOf`. `afterSample` runs after each sample with those done so far.
 */
export async function quenchSamples(
  ctx: JobContext, spec: RunSpec, temperature: number, indices: readonly number[], curveOf: (k: number) => string, labelOf: (k: number) => string,
  afterSample?: (done: QuenchedSamples) => void,
): Promise<QuenchedSamples> {
  const model = getModel(spec.model);
  const out: QuenchedSamples = { initials: [], finals: [], series: [], finalEnergies: [] };
  for (const k of indices) {
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
    afterSample?.(out);
  }
  return out;
}

/**
 * The ensemble's summary from the samples done, in sample order (all of them, or the first few for a partial result). The one
 * summary: the ensemble job and the merge of an ensemble's shards (src/cli/commands/merge.ts) both call it.
 */
export function summarizeEnsemble(spec: RunSpec, engine: EngineName, done: QuenchedSamples, seconds: number): EnsembleLabResult {
  const curves = meanCurves(done.series);
  const defects = sampleDefects(getModel(spec.model), done.initials, done.finals);
  return {
    kind: 'ensemble', spec, engine, samples: done.series.length, t: curves.t, meanSpeed: curves.meanSpeed,
    meanEnergyPerParticle: curves.meanEnergyPerParticle, meanSquaredForce: curves.meanSquaredForce,
    fit: ensembleBetaFit(curves.t, curves.speeds, spec.fitWindow), defectConcentrations: defects.concentrations,
    xCutEq: defects.xCutEq, xCutSource: defects.xCutSource, finalEnergyPerParticle: [...done.finalEnergies], seconds,
  };
}

export async function runEnsembleJob(ctx: JobContext, spec: RunSpec, samples: number, partialResults = false): Promise<EnsembleLabResult> {
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  // A partial summary after each sample but the last, so a caller can save what is done (the CLI's --out).
  const partial = partialResults
    ? (done: QuenchedSamples) => { if (done.series.length < samples) ctx.emit({ type: 'partial', runId: ctx.runId, result: summarizeEnsemble(spec, ctx.engine.name, done, seconds()) }); }
    : undefined;
  const done = await quenchSamples(ctx, spec, spec.temperature, allSamples(samples), (k) => `#${k + 1}`, (k) => `sample ${k + 1} of ${samples}`, partial);
  ctx.phase('analyze', 'mean curve, β and defects');
  await ctx.checkpoint();
  return summarizeEnsemble(spec, ctx.engine.name, done, seconds());
}
