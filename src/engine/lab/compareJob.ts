// The compare job (001 SM IV A, Fig. 5): one equilibrium state quenched by each algorithm; the inherent structures' pairwise
// distances sqrt((1/N) Σ|r_i^A − r_i^B|²) and their energies. CG runs on float64 whatever the engine.
import { inherentStructureDistance } from '../../physics/analysis/distance.ts';
import { ALGORITHMS, type Algorithm, type QuenchSeries } from '../../physics/descent/quench.ts';
import type { Configuration } from '../../physics/configuration.ts';
import { getModel } from '../../physics/models.ts';
import type { RunSpec } from '../runSpec.ts';
import { fromConfigurationData, toConfigurationData, transferablesOf } from './configurationData.ts';
import type { JobContext } from './context.ts';
import { equilibrateOnEngine } from './equilibration.ts';
import type { CompareResult, ConfigurationData } from './protocol.ts';
import { labQuenchOptions, quenchOnEngine } from './quenchStage.ts';

/** At least one algorithm, each of sd, fire, cg, none twice. */
export function validateAlgorithms(algorithms: readonly string[]): Algorithm[] {
  if (!Array.isArray(algorithms) || algorithms.length === 0) throw new Error('compare needs at least one algorithm (sd, fire, cg)');
  for (const a of algorithms) if (!(ALGORITHMS as readonly string[]).includes(a)) throw new Error(`unknown algorithm "${a}"; choose sd, fire or cg`);
  if (new Set(algorithms).size !== algorithms.length) throw new Error(`each algorithm may appear once, got ${algorithms.join(', ')}`);
  return algorithms as Algorithm[];
}

// 001 SM IV A: distance matrix between the inherent structures of the algorithms from one start.
export function distanceMatrix(finals: readonly Configuration[]): number[][] {
  return finals.map((a, i) => finals.map((b, j) => (i === j ? 0 : inherentStructureDistance(a, b))));
}

export async function runCompareJob(ctx: JobContext, spec: RunSpec, algorithms: readonly Algorithm[], startData?: ConfigurationData): Promise<CompareResult> {
  const t0 = performance.now();
  const model = getModel(spec.model);
  const start = startData
    ? fromConfigurationData(startData, model, spec.n)
    : (await equilibrateOnEngine(ctx, model, spec, 'equilibrium state')).configuration;
  const system = toConfigurationData(start);
  ctx.emit({ type: 'system', runId: ctx.runId, system, label: startData ? 'given start' : `T = ${spec.temperature}, seed ${spec.seed}` }, transferablesOf(system));
  await ctx.checkpoint();
  const series: Record<string, QuenchSeries> = {};
  const finals: Configuration[] = [];
  const energyPerParticle: number[] = [];
  for (const algorithm of algorithms) {
    const q = await quenchOnEngine(ctx, model, start, labQuenchOptions(spec, algorithm), algorithm, algorithm);
    series[algorithm] = q.series;
    finals.push(q.final);
    energyPerParticle.push(q.energyPerParticle);
    ctx.unitDone();
  }
  ctx.phase('analyze', 'distances between the inherent structures');
  await ctx.checkpoint();
  return {
    kind: 'compare', spec, engine: ctx.engine.name, algorithms: [...algorithms], series, initial: toConfigurationData(start),
    finals: finals.map(toConfigurationData), distances: distanceMatrix(finals), energyPerParticle, seconds: (performance.now() - t0) / 1000,
  };
}
