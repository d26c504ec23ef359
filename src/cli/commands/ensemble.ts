// glasslab ensemble: M samples of equilibrate → quench → analyze — the lab's ensemble job (src/cli/labJob.ts); averaged
// ⟨|v(t)|⟩, β with its bootstrap interval, ⟨φ⟩ and χ. With --out the results file is saved after every sample.
import type { EnsembleLabResult } from '../../engine/lab/protocol.ts';
import { DEFAULT_SPEC, type RunSpec } from '../../engine/runSpec.ts';
import type { Algorithm } from '../../physics/descent/quench.ts';
import { getModel } from '../../physics/models.ts';
import { engineOption, fitWindowOption, integerOption, numberOption, parseOptions, requireString, UsageError } from '../args.ts';
import { summarizeEnsemble } from '../../engine/lab/ensembleJob.ts';
import { quenchedFromRecords, shardSlice } from '../../engine/lab/samplesJob.ts';
import { engineFields, runJobHere, type JobOutcome } from '../labJob.ts';
import { mergedOutcome, mergeRuns, partRunOf, shardOption, writePartFile, type PartRun } from '../shardFile.ts';
import { throttledProgress } from '../progress.ts';
import { defectSummary, writeResultsFile } from '../resultsFile.ts';

export const ensembleHelp = `glasslab ensemble --model M --n N --temperature T --samples M [--sweeps S] [--seed K] [--algorithm sd|fire|cg]
                  [--dt DT] [--t-max T] [--fit-min A --fit-max B] [--engine cpu|gpu|auto] [--out results.json] [--json] [--quiet] [--shard I/K]
  --engine as for quench: swap MC and the quenches run on the GPU; a GPU failure moves the rest to float64.
  --out is rewritten after every sample (meta.complete false until the last), so an interrupted ensemble keeps its samples.
  --shard I/K runs only samples k with k mod K = I (I = 0 … K−1; a sample's seed does not depend on K) and writes a part
  file to --out (or stdout); glasslab merge combines the K parts into this command's unsharded result.`;

type EngineOutcome = Pick<JobOutcome<EnsembleLabResult>, 'engine' | 'adapter' | 'notes'>;

export async function ensembleCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    model: { type: 'string' }, n: { type: 'string' }, temperature: { type: 'string' }, samples: { type: 'string' },
    sweeps: { type: 'string' }, seed: { type: 'string' }, algorithm: { type: 'string' }, dt: { type: 'string' },
    't-max': { type: 'string' }, 'force-tolerance': { type: 'string' }, 'fit-min': { type: 'string' }, 'fit-max': { type: 'string' },
    out: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' }, engine: { type: 'string' }, shard: { type: 'string' },
  });
  const engine = engineOption(v);
  const model = getModel(requireString(v, 'model'));
  const tMax = numberOption(v, 't-max', DEFAULT_SPEC.tMax);
  const spec: RunSpec = {
    model: model.name,
    n: integerOption(v, 'n', undefined, 2),
    temperature: numberOption(v, 'temperature', undefined, true),
    seed: integerOption(v, 'seed', DEFAULT_SPEC.seed, 0),
    sweeps: integerOption(v, 'sweeps', DEFAULT_SPEC.sweeps, 0),
    algorithm: (v.algorithm ?? 'sd') as Algorithm,
    ...(v.dt === undefined ? {} : { dt: numberOption(v, 'dt') }),
    tMax,
    forceTolerance: numberOption(v, 'force-tolerance', DEFAULT_SPEC.forceTolerance),
    fitWindow: fitWindowOption(v, tMax, DEFAULT_SPEC.fitWindow),
  };
  const samples = integerOption(v, 'samples', undefined, 1);
  const out = v.out === undefined ? undefined : String(v.out);
  const shard = shardOption(v);
  if (shard) {
    const indices = shardSlice(samples, shard.index, shard.count);
    if (!indices.length) throw new UsageError(`--shard ${shard.index}/${shard.count} holds no sample of ${samples}: use at most ${samples} shards`);
    const o = await runJobHere('ensemble', { kind: 'samples', spec, samples, indices }, engine, 'samples', { quiet: Boolean(v.quiet) });
    writePartFile(out, { command: 'ensemble', request: { spec, samples }, shard, runs: [partRunOf(o)] });
    return undefined;
  }
  const save = (r: EnsembleLabResult, engineRan: 'gpu' | 'cpu', complete: boolean) => {
    if (out) writeResultsFile(out, r, { engine: engineRan, samplesRequested: samples, complete });
  };
  let engineNow: 'gpu' | 'cpu' = 'cpu';
  const o = await runJobHere('ensemble', { kind: 'ensemble', spec, samples, partialResults: out !== undefined }, engine, 'ensemble', {
    quiet: Boolean(v.quiet),
    onEvent: (e) => { if (e.type === 'engine') engineNow = e.engine; },
    // Saved after every sample (complete: false), so an interrupted ensemble keeps what it did.
    onPartial: (partial) => save(partial, engineNow, false),
  });
  return ensembleOutput(o, spec, samples, { out, json: Boolean(v.json), quiet: Boolean(v.quiet) });
}

interface OutputOptions { out?: string; json: boolean; quiet: boolean }

/** The results file, the summary line and the --json of a finished ensemble (run here, or merged from parts). */
function ensembleOutput(o: EngineOutcome & { result: EnsembleLabResult }, spec: RunSpec, samples: number, options: OutputOptions): unknown {
  const { out } = options;
  const r = o.result;
  if (out) writeResultsFile(out, r, { engine: o.engine, samplesRequested: samples, complete: true });
  const d = defectSummary(r);
  const fit = r.fit ? `β = ${r.fit.beta.toFixed(3)} [${r.fit.low.toFixed(3)}, ${r.fit.high.toFixed(3)}]` : 'no β (fewer than 3 points in the fit window)';
  throttledProgress(options.quiet)(`ensemble: ${fit} over t ∈ [${spec.fitWindow.tMin}, ${spec.fitWindow.tMax}], ⟨φ⟩ = ${d.mean.toFixed(3)}, χ = ${d.chi.toFixed(3)} (${r.seconds.toFixed(0)} s)${out ? `; wrote ${out}` : ''}`, true);
  if (!options.json) return undefined;
  return {
    ...engineFields(o), spec: { ...spec, temperature: Number.isFinite(spec.temperature) ? spec.temperature : 'inf' },
    samples: r.samples, seconds: r.seconds, beta: r.fit?.beta ?? null, betaInterval: r.fit ? [r.fit.low, r.fit.high] : null, fit: r.fit,
    fitWindow: spec.fitWindow, defectConcentration: d.mean, defectSusceptibility: d.chi, defectConcentrations: d.concentrations,
    xCutEq: r.xCutEq, xCutSource: r.xCutSource, finalEnergyPerParticle: r.finalEnergyPerParticle,
    series: { t: r.t, meanSpeed: r.meanSpeed, meanEnergyPerParticle: r.meanEnergyPerParticle, meanSquaredForce: r.meanSquaredForce },
  };
}

/** glasslab merge of ensemble parts: the summary of all samples (summarizeEnsemble, as the ensemble job), then the same output. */
export function mergeEnsembleParts(request: Record<string, unknown>, runs: PartRun[], options: OutputOptions): unknown {
  const spec = request.spec as RunSpec, samples = request.samples as number;
  const merged = mergeRuns(runs, samples, 'ensemble');
  const result = summarizeEnsemble(spec, merged.engine, quenchedFromRecords(merged.records), merged.seconds);
  return ensembleOutput({ ...mergedOutcome(merged), result }, spec, samples, options);
}
