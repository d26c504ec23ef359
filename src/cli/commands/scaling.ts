// glasslab scaling: finite-size scaling of the SD velocity (001 SM II, Fig. S1): the lab's scaling job (an ensemble at each N,
// src/engine/lab/scalingJob.ts, the same job as the lab's "finite-size scaling" run), then the collapse of N^{βz}⟨|v|⟩ against
// t/N^z (src/physics/analysis/finiteSizeScaling.ts). A --shard run takes its slice of the (N, sample) pairs through the
// lab's samples job instead, and glasslab merge gives the same collapse from all slices.
import type { SampleRecord, SamplesResult } from '../../engine/lab/protocol.ts';
import { shardSlice } from '../../engine/lab/samplesJob.ts';
import { writeTextFileAtomic } from '../../io/atomicFile.ts';
import { jobLimitProblem, RUN_LIMITS } from '../../engine/limits.ts';
import { DEFAULT_SPEC, validateRunSpec, type RunSpec } from '../../engine/runSpec.ts';
import { finiteSizeScaling, type FiniteSizeScaling, type SizeEnsemble } from '../../physics/analysis/finiteSizeScaling.ts';
import { getModel, type ModelName } from '../../physics/models.ts';
import { engineOption, integerOption, numberOption, parseOptions, requireString, UsageError } from '../args.ts';
import { throttledProgress } from '../progress.ts';
import { runJobHere, type JobOutcome } from '../labJob.ts';
import { toJson } from '../json.ts';
import { partRunOf, mergeRuns, shardOption, writePartFile, type PartRun } from '../shardFile.ts';

export const scalingHelp = `glasslab scaling --model M --temperature T --n N1,N2,… --samples S [--t-max T] [--beta B] [--seed K]
                 [--sweeps K] [--engine cpu|gpu|auto] [--json] [--quiet] [--shard I/K --out part.json]
  Finite-size scaling (001 SM II): an ensemble of S SD quenches to t_max (default 100) at each N, run by the lab's job code,
  then the collapse of N^(βz)⟨|v|⟩ against t/N^z: z, and β unless --beta holds it fixed, minimize the spread of the
  log-interpolated curves; 68% bootstrap intervals over the samples. Prints {"z","beta","interval":{"z","beta"},"curves",…}.
  --shard I/K runs only the (N, sample) pairs u = (index of N)·S + k with u mod K = I and writes a part file to --out (or
  stdout); glasslab merge combines the K parts into this command's unsharded result.`;

function sizesOption(text: string): number[] {
  const sizes = text.split(',').map((s) => Number(s.trim()));
  const bad = sizes.find((n) => !Number.isInteger(n) || n < RUN_LIMITS.minN || n > RUN_LIMITS.maxNFloat64);
  if (bad !== undefined) throw new UsageError(`--n takes whole numbers from ${RUN_LIMITS.minN} to ${RUN_LIMITS.maxNFloat64} separated by commas, got "${text.slice(0, 40)}"`);
  if (new Set(sizes).size < 2 || new Set(sizes).size !== sizes.length) throw new UsageError(`--n needs at least 2 different sizes, each once, got "${text.slice(0, 40)}"`);
  return sizes;
}

/** The samples `indices` of the ensemble at one N, run by the lab's samples job (every sample's seed as in the ensemble job). */
function samplesAt(spec: RunSpec, samples: number, indices: number[], engine: 'gpu' | 'cpu' | 'auto', quiet: boolean): Promise<JobOutcome<SamplesResult>> {
  return runJobHere('scaling', { kind: 'samples', spec, samples, indices }, engine, 'samples', { quiet });
}

/** The ensemble at one N: its samples' ⟨|v|⟩ on their common SD times, in sample order. */
function ensembleOf(n: number, records: readonly SampleRecord[], engine: string): SizeEnsemble & { engine: string } {
  const t = records[0].series.t;
  if (records.some((r) => r.series.t.length !== t.length || r.series.t.some((x, j) => x !== t[j]))) throw new Error('internal: the samples of an ensemble have different sample times');
  return { n, t, samples: records.map((r) => r.series.speed), engine };
}

export async function scalingCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    model: { type: 'string' }, temperature: { type: 'string' }, n: { type: 'string' }, samples: { type: 'string' },
    't-max': { type: 'string' }, beta: { type: 'string' }, seed: { type: 'string' }, sweeps: { type: 'string' },
    engine: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' }, shard: { type: 'string' }, out: { type: 'string' },
  });
  const model = getModel(requireString(v, 'model'));
  const temperature = numberOption(v, 'temperature', undefined, true);
  const sizes = sizesOption(requireString(v, 'n'));
  const samples = integerOption(v, 'samples', undefined, 1);
  const tooMany = jobLimitProblem({ samples });
  if (tooMany) throw new UsageError(`--${tooMany.message}`);
  const tMax = numberOption(v, 't-max', 100);
  const beta = v.beta === undefined ? undefined : numberOption(v, 'beta');
  const engine = engineOption(v);
  const quiet = Boolean(v.quiet);
  const base: RunSpec = {
    ...DEFAULT_SPEC, model: model.name as ModelName, n: sizes[0], temperature, tMax,
    seed: integerOption(v, 'seed', DEFAULT_SPEC.seed), sweeps: integerOption(v, 'sweeps', DEFAULT_SPEC.sweeps), algorithm: 'sd',
    forceTolerance: 0, fitWindow: { tMin: tMax / 100, tMax },
  };
  const request = { base, sizes, samples, ...(beta !== undefined ? { beta } : {}) };
  const shard = shardOption(v);
  if (shard) {
    const units = shardSlice(sizes.length * samples, shard.index, shard.count);
    if (!units.length) throw new UsageError(`--shard ${shard.index}/${shard.count} holds no sample of ${sizes.length * samples}: use at most ${sizes.length * samples} shards`);
    const runs: PartRun[] = [];
    for (const [i, n] of sizes.entries()) {
      const indices = units.filter((u) => Math.floor(u / samples) === i).map((u) => u % samples);
      runs.push(indices.length ? partRunOf(await samplesAt(validateRunSpec({ ...base, n }), samples, indices, engine, quiet)) : { engine: 'cpu', notes: [], seconds: 0, records: [] });
    }
    writePartFile(v.out === undefined ? undefined : String(v.out), { command: 'scaling', request, shard, runs });
    return undefined;
  }
  if (v.out !== undefined) throw new UsageError('--out names the part file of a --shard run; without --shard the result is printed (--json)');
  const o = await runJobHere('scaling', { kind: 'scaling', spec: validateRunSpec(base), sizes, samples, ...(beta !== undefined ? { beta } : {}) }, engine, 'scaling', { quiet });
  const ensembles = o.result.ensembles.map((e) => ({ n: e.n, t: e.t, samples: e.samples, engine: o.engine }));
  return scalingOutput(request, ensembles, { json: Boolean(v.json), quiet }, o.result.fit);
}

interface ScalingRequest { base: RunSpec; sizes: number[]; samples: number; beta?: number }

/** The collapse of the ensembles at every N (given, or made here from them), its summary line and its --json (run here, or merged from parts; --out F writes that JSON to F). */
function scalingOutput(
  request: ScalingRequest, ensembles: (SizeEnsemble & { engine: string })[], options: { json: boolean; quiet: boolean; out?: string },
  collapsed?: FiniteSizeScaling,
): unknown {
  const { base, sizes, samples, beta } = request;
  const { quiet } = options;
  const { temperature, tMax } = base;
  const fit = collapsed ?? finiteSizeScaling(ensembles, { ...(beta !== undefined ? { beta } : {}), seed: base.seed });
  throttledProgress(quiet)(`scaling: z = ${fit.z.toFixed(3)} [${fit.interval.z.map((x) => x.toFixed(3)).join(', ')}], β = ${fit.beta.toFixed(3)}${fit.betaFixed ? ' (fixed)' : ` [${fit.interval.beta.map((x) => x.toFixed(3)).join(', ')}]`}`, true);
  const json = {
    model: base.model, temperature: Number.isFinite(temperature) ? temperature : 'inf', n: sizes, samples, tMax,
    engines: ensembles.map((e) => e.engine), z: fit.z, beta: fit.beta, betaFixed: fit.betaFixed, spread: fit.spread,
    interval: { z: fit.interval.z, beta: fit.interval.beta }, resamples: fit.resamples, curves: fit.curves,
  };
  if (options.out) writeTextFileAtomic(options.out, `${toJson(json)}\n`);
  return options.json ? json : undefined;
}

/** glasslab merge of scaling parts: each N's samples from all parts, then the same collapse and output. */
export function mergeScalingParts(request: Record<string, unknown>, partRuns: PartRun[][], options: { json: boolean; quiet: boolean; out?: string }): unknown {
  const r = request as unknown as ScalingRequest;
  const ensembles = r.sizes.map((n, i) => {
    const merged = mergeRuns(partRuns.map((runs) => runs[i]), r.samples, `scaling at N = ${n}`);
    return ensembleOf(n, merged.records, merged.engine);
  });
  return scalingOutput(r, ensembles, options);
}
