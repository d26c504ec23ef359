// A slice of an ensemble (one shard of a cluster run): the samples k of a list, each equilibrated and quenched exactly as the
// ensemble job does (seed sampleSeed(spec.seed, k), curve '#k+1'), returned raw; summarizeEnsemble of all slices' records in
// sample order is the ensemble job's result, bit for bit.
import { periodicBox } from '../../physics/space.ts';
import type { Configuration } from '../../physics/configuration.ts';
import { toConfigurationData } from './configurationData.ts';
import type { JobContext } from './context.ts';
import { quenchSamples, validateSamples, type QuenchedSamples } from './ensembleJob.ts';
import type { ConfigurationData, SampleRecord, SamplesResult } from './protocol.ts';
import type { RunSpec } from '../runSpec.ts';

/**
 * The units of shard `index` of `count` among `units` (0 … units − 1): u with u mod count = index. A unit keeps its index (and
 * so its seed) whatever the count; round robin spreads costly units (a scaling run's large N) over the shards.
 */
export function shardSlice(units: number, index: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`a shard count must be a whole number ≥ 1, got ${count}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new Error(`shard index must be a whole number from 0 to ${count - 1}, got ${index}`);
  const out: number[] = [];
  for (let u = index; u < units; u += count) out.push(u);
  return out;
}

/** Indices distinct whole numbers in [0, samples), at least one; samples within the limits table. */
export function validateSampleIndices(samples: number, indices: readonly number[]): number {
  validateSamples(samples);
  if (!Array.isArray(indices) || indices.length === 0) throw new Error('a samples job needs at least one sample index');
  const seen = new Set<number>();
  for (const k of indices) {
    if (!Number.isInteger(k) || k < 0 || k >= samples) throw new Error(`sample indices must be whole numbers from 0 to ${samples - 1}, got ${k}`);
    if (seen.has(k)) throw new Error(`sample index ${k} is listed twice`);
    seen.add(k);
  }
  return indices.length;
}

export async function runSamplesJob(ctx: JobContext, spec: RunSpec, samples: number, indices: readonly number[]): Promise<SamplesResult> {
  const t0 = performance.now();
  const done = await quenchSamples(ctx, spec, spec.temperature, indices, (k) => `#${k + 1}`, (k) => `sample ${k + 1} of ${samples}`);
  const records: SampleRecord[] = indices.map((index, j) => ({
    index, series: done.series[j], finalEnergyPerParticle: done.finalEnergies[j],
    initial: toConfigurationData(done.initials[j]), final: toConfigurationData(done.finals[j]),
  }));
  return { kind: 'samples', spec, engine: ctx.engine.name, samples, records, seconds: (performance.now() - t0) / 1000 };
}

/** The configuration a record holds, as the quench left it (no wrapping or copying that could change a bit). */
function configurationOf(data: ConfigurationData): Configuration {
  return {
    box: periodicBox(data.dim, data.box), positions: data.positions, diameters: data.diameters, species: data.species,
    ...(data.shifts ? { shifts: { seed: data.shifts.seed, temperature: data.shifts.temperature, planted: data.shifts.planted } } : {}),
  };
}

/** Records (any order, each sample once) as the samples summarizeEnsemble reads, in sample order. */
export function quenchedFromRecords(records: readonly SampleRecord[]): QuenchedSamples {
  const sorted = [...records].sort((a, b) => a.index - b.index);
  return {
    initials: sorted.map((r) => configurationOf(r.initial)), finals: sorted.map((r) => configurationOf(r.final)),
    series: sorted.map((r) => r.series), finalEnergies: sorted.map((r) => r.finalEnergyPerParticle),
  };
}
