// glasslab run: a shared experiment headless — a run spec file or a GlassLab link, run by the lab's own job code (the page's
// numbers; float64 unless --engine says otherwise) as a single run or an ensemble. JSON on stdout, progress on stderr.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readUserTextFile } from '../io.ts';
import type { ConfigurationData, EnsembleLabResult, LabJob, SingleResult } from '../../engine/lab/protocol.ts';
import { jobLimitProblem } from '../../engine/limits.ts';
import type { RunSpec } from '../../engine/runSpec.ts';
import { decodeShareLink, type ShareJob } from '../../io/shareLink.ts';
import { FieldProblem } from '../../io/shareLinkCheck.ts';
import { readRunSpec, runSpecToJson } from '../../io/shareLinkSpec.ts';
import { parseStartingState } from '../../state/startingState.ts';
import { engineOption, integerOption, parseOptions, UsageError } from '../args.ts';
import { summarizeEnsemble } from '../../engine/lab/ensembleJob.ts';
import { quenchedFromRecords, shardSlice } from '../../engine/lab/samplesJob.ts';
import { engineFields, runJobHere, type JobOutcome } from '../labJob.ts';
import { mergedOutcome, mergeRuns, partRunOf, shardOption, writePartFile, type PartRun } from '../shardFile.ts';
import { throttledProgress } from '../progress.ts';
import { defectSummary, writeResultsFile } from '../resultsFile.ts';

export const runHelp = `glasslab run (--spec spec.json | --from-url LINK) [--samples M] [--engine cpu|gpu|auto] [--out results.json] [--json] [--quiet]
               [--shard I/K]
  Reproduces an experiment: a run spec file (JSON: model, n, temperature (a number or "inf"); optional seed, sweeps, algorithm,
  dt, tMax, forceTolerance, fitWindow {tMin, tMax}, initialState) or a GlassLab share link (the URL or its #v1.… fragment).
  Runs single and ensemble jobs as the lab does; --samples M runs the spec as an ensemble of M samples. A spec's initialState
  (a single run's start) is read from public/states/. --engine as for quench (default cpu: float64).
  --shard I/K (ensembles) runs only samples k with k mod K = I and writes a part file to --out (or stdout); glasslab merge
  combines the K parts into this command's unsharded result.`;

const STATES_DIR = fileURLToPath(new URL('../../../public/states/', import.meta.url));

interface Source { spec: RunSpec; job: ShareJob; from: 'spec file' | 'link' }

function readSpecFile(path: string): Source {
  const text = readUserTextFile(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  try {
    return { spec: readRunSpec(value, 'spec', { defaults: true }), job: { kind: 'single' }, from: 'spec file' };
  } catch (e) {
    if (e instanceof FieldProblem) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
}

function readSource(v: Record<string, string | boolean | undefined>): Source {
  const file = v.spec, link = v['from-url'];
  if ((file === undefined) === (link === undefined)) throw new UsageError('give one of --spec spec.json or --from-url LINK');
  if (typeof file === 'string') return readSpecFile(file);
  const decoded = decodeShareLink(String(link));
  if (!decoded.ok) throw new UsageError(decoded.error);
  return { spec: decoded.payload.spec, job: decoded.payload.job, from: 'link' };
}

/** The lab job: the source's single or ensemble job, or an ensemble of --samples M; a single run from initialState gets its start. */
function labJobOf(source: Source, samples: number | undefined): LabJob {
  const { spec, job } = source;
  if (samples !== undefined) return { kind: 'ensemble', spec, samples };
  if (job.kind === 'ensemble') return { kind: 'ensemble', spec, samples: job.samples };
  if (job.kind !== 'single') throw new UsageError(`glasslab run reproduces single and ensemble jobs, not a ${job.kind} (pass --samples M to run its spec as an ensemble)`);
  if (!spec.initialState) return { kind: 'single', spec };
  return { kind: 'single', spec, start: shippedState(spec, spec.initialState) };
}

function shippedState(spec: RunSpec, file: string): ConfigurationData {
  let text: string;
  try {
    text = readFileSync(`${STATES_DIR}${file}`, 'utf8');
  } catch {
    throw new UsageError(`the spec's initial state ${file} is not among the shipped states (public/states/)`);
  }
  try {
    return parseStartingState(text, spec, file);
  } catch (e) {
    throw new UsageError(`the spec's initial state: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function runCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    spec: { type: 'string' }, 'from-url': { type: 'string' }, samples: { type: 'string' }, engine: { type: 'string' },
    out: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' }, shard: { type: 'string' },
  });
  const engine = engineOption(v);
  const samples = v.samples === undefined ? undefined : integerOption(v, 'samples', undefined, 1);
  const tooMany = jobLimitProblem({ samples }); // the table the page and links use (src/engine/limits.ts)
  if (tooMany) throw new UsageError(`--${tooMany.message}`);
  const source = readSource(v);
  const job = labJobOf(source, samples);
  const { spec } = source;
  if (job.kind === 'ensemble' && spec.initialState && !v.quiet) {
    process.stderr.write(`glasslab run: each ensemble sample is equilibrated from its own seed, as in the lab (${spec.initialState} starts single runs only)\n`);
  }
  const shard = shardOption(v);
  if (shard) {
    if (job.kind !== 'ensemble') throw new UsageError('--shard splits an ensemble\'s samples: pass --samples M (or a link to an ensemble)');
    const indices = shardSlice(job.samples, shard.index, shard.count);
    if (!indices.length) throw new UsageError(`--shard ${shard.index}/${shard.count} holds no sample of ${job.samples}: use at most ${job.samples} shards`);
    const o = await runJobHere('run', { kind: 'samples', spec, samples: job.samples, indices }, engine, 'samples', { quiet: Boolean(v.quiet) });
    writePartFile(v.out === undefined ? undefined : String(v.out), { command: 'run', request: { from: source.from, spec, samples: job.samples }, shard, runs: [partRunOf(o)] });
    return undefined;
  }
  const o = await runJobHere('run', job, engine, job.kind, { quiet: Boolean(v.quiet) });
  return runOutput(o as RunOutcome, source.from, spec, { json: Boolean(v.json), quiet: Boolean(v.quiet), ...(v.out ? { out: String(v.out) } : {}) });
}

type RunOutcome = Pick<JobOutcome<SingleResult | EnsembleLabResult>, 'engine' | 'adapter' | 'notes' | 'result'>;

/** The results file, the summary line and the --json of a finished run (run here, or an ensemble merged from parts). */
function runOutput(o: RunOutcome, from: Source['from'], spec: RunSpec, options: { out?: string; json: boolean; quiet: boolean }): unknown {
  const r = o.result;
  const m = r.kind === 'single' ? 1 : r.samples;
  const d = defectSummary(r);
  if (options.out) {
    const extra = { source: from, ...(spec.initialState && r.kind === 'single' ? { initialState: spec.initialState } : {}) };
    writeResultsFile(options.out, r, { engine: o.engine, samplesRequested: m, complete: true, extra });
  }
  const fit = r.fit ? `β = ${r.fit.beta.toFixed(3)} [${r.fit.low.toFixed(3)}, ${r.fit.high.toFixed(3)}] over t ∈ [${r.fit.tMin}, ${r.fit.tMax}]` : 'no β (fewer than 3 points in the fit window)';
  throttledProgress(options.quiet)(`run: ${r.kind}${m > 1 ? ` of ${m} samples` : ''} on ${o.engine === 'gpu' ? `the GPU (${o.adapter})` : 'float64'}: ${fit} (${r.seconds.toFixed(1)} s)${options.out ? `; wrote ${options.out}` : ''}`, true);
  if (!options.json) return undefined;
  const series = r.kind === 'single'
    ? { t: r.series.t, speed: r.series.speed, energyPerParticle: r.series.energyPerParticle, meanSquaredForce: r.series.meanSquaredForce }
    : { t: r.t, speed: r.meanSpeed, energyPerParticle: r.meanEnergyPerParticle, meanSquaredForce: r.meanSquaredForce };
  return {
    ...engineFields(o), source: from,
    job: r.kind === 'single' ? { kind: 'single' } : { kind: 'ensemble', samples: m }, spec: runSpecToJson(spec), samples: m, seconds: r.seconds,
    beta: r.fit?.beta ?? null, betaInterval: r.fit ? [r.fit.low, r.fit.high] : null, fit: r.fit,
    ...(r.kind === 'single' ? { stopReason: r.reason, steps: r.steps, energyPerParticle: r.energyPerParticle } : {}),
    defectConcentration: d.mean, defectSusceptibility: d.chi, defectConcentrations: d.concentrations, series,
  };
}

/** glasslab merge of run parts (an ensemble): the summary of all samples (summarizeEnsemble, as the ensemble job), then the same output. */
export function mergeRunParts(request: Record<string, unknown>, runs: PartRun[], options: { out?: string; json: boolean; quiet: boolean }): unknown {
  const spec = request.spec as RunSpec, samples = request.samples as number;
  const merged = mergeRuns(runs, samples, 'run');
  const result = summarizeEnsemble(spec, merged.engine, quenchedFromRecords(merged.records), merged.seconds);
  return runOutput({ ...mergedOutcome(merged), result }, request.from as Source['from'], spec, options);
}
