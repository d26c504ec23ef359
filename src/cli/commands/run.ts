// glasslab run: a shared experiment headless — a run spec file or a GlassLab link, run by the lab's own job code (the page's
// numbers; float64 unless --engine says otherwise) as a single run or an ensemble. JSON on stdout, progress on stderr.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { meanCurves } from '../../engine/ensemble.ts';
import { defectStatistics } from '../../physics/analysis/defects.ts';
import { RunControl } from '../../engine/lab/control.ts';
import type { ConfigurationData, EnsembleLabResult, LabEvent, LabJob, LabResult, SingleResult } from '../../engine/lab/protocol.ts';
import { runJob } from '../../engine/lab/runJob.ts';
import { jobLimitProblem } from '../../engine/limits.ts';
import { exitIfHeldOpen } from '../../engine/quenchEngine.ts';
import type { RunSpec } from '../../engine/runSpec.ts';
import { writeTextFileAtomic } from '../../io/atomicFile.ts';
import { serializeResults, type ResultsPayload } from '../../io/runResults.ts';
import { decodeShareLink, type ShareJob } from '../../io/shareLink.ts';
import { FieldProblem } from '../../io/shareLinkCheck.ts';
import { readRunSpec, runSpecToJson } from '../../io/shareLinkSpec.ts';
import type { QuenchSample, QuenchSeries } from '../../physics/descent/quench.ts';
import { parseStartingState } from '../../state/startingState.ts';
import { engineOption, integerOption, parseOptions, UsageError } from '../args.ts';
import { throttledProgress } from '../progress.ts';

export const runHelp = `glasslab run (--spec spec.json | --from-url LINK) [--samples M] [--engine cpu|gpu|auto] [--out results.json] [--json] [--quiet]
  Reproduces an experiment: a run spec file (JSON: model, n, temperature (a number or "inf"); optional seed, sweeps, algorithm,
  dt, tMax, forceTolerance, fitWindow {tMin, tMax}, initialState) or a GlassLab share link (the URL or its #v1.… fragment).
  Runs single and ensemble jobs as the lab does; --samples M runs the spec as an ensemble of M samples. A spec's initialState
  (a single run's start) is read from public/states/. --engine as for quench (default cpu: float64).`;

const STATES_DIR = fileURLToPath(new URL('../../../public/states/', import.meta.url));

interface Source { spec: RunSpec; job: ShareJob; from: 'spec file' | 'link' }

function readSpecFile(path: string): Source {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code)}`);
  }
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

export interface Finished { result: LabResult; engine: string; adapter?: string; notes: string[]; curves: Map<string, QuenchSample[]> }

export async function runLabJob(job: LabJob, engine: 'gpu' | 'cpu' | 'auto', quiet: boolean): Promise<Finished> {
  const progress = throttledProgress(quiet);
  const out: Omit<Finished, 'result'> & { result?: LabResult; error?: string } = { engine: 'cpu', notes: [], curves: new Map() };
  const onEvent = (e: LabEvent) => {
    if (e.type === 'engine') {
      out.engine = e.engine;
      if (e.adapter) out.adapter = e.adapter;
      if (e.note) { out.notes.push(e.note); process.stderr.write(`glasslab run: ${e.note}\n`); }
    } else if (e.type === 'phase') progress(`run: ${e.label}`);
    else if (e.type === 'progress') {
      const eta = e.secondsLeft === null ? '' : ` (about ${Math.round(e.secondsLeft)} s left)`;
      progress(`run: ${Math.round(100 * e.fraction)}% ${e.label}${eta}`);
    } else if (e.type === 'sample') {
      const list = out.curves.get(e.curve) ?? [];
      list.push(e.sample);
      out.curves.set(e.curve, list);
    } else if (e.type === 'result') out.result = e.result;
    else if (e.type === 'error') out.error = e.message;
    else if (e.type === 'stopped') out.error = 'the run was stopped';
  };
  await runJob({ type: 'start', runId: 'cli', job, engine, frameIntervalMs: 0 }, onEvent, new RunControl());
  if (!out.result) throw new Error(out.error ?? 'the run ended without a result');
  return { ...out, result: out.result };
}

interface Series { t: number[]; speed: number[]; energyPerParticle: number[]; meanSquaredForce: number[] }

/** The ensemble's W = ⟨(1/N) Σ|f_i|²⟩ from the samples' streamed curves (the lab's result omits it), on the result's times. */
function ensembleSeries(r: EnsembleLabResult, curves: Map<string, QuenchSample[]>): Series {
  const series: QuenchSeries[] = [];
  for (let k = 1; k <= r.samples; k++) {
    const s = curves.get(`#${k}`) ?? [];
    series.push({ t: s.map((x) => x.t), step: s.map((x) => x.step), speed: s.map((x) => x.speed), energyPerParticle: s.map((x) => x.energyPerParticle), meanSquaredForce: s.map((x) => x.meanSquaredForce) });
  }
  const m = meanCurves(series);
  if (m.t.length !== r.t.length || m.t.some((x, j) => x !== r.t[j])) throw new Error('internal: the streamed sample curves do not match the ensemble\'s times');
  return { t: r.t, speed: r.meanSpeed, energyPerParticle: r.meanEnergyPerParticle, meanSquaredForce: m.meanSquaredForce };
}

function writeResults(path: string, f: Finished, series: Series, meta: Record<string, string | number | boolean>): void {
  const r = f.result as SingleResult | EnsembleLabResult;
  const keep = series.t.map((t, j) => j).filter((j) => series.t[j] > 0); // as glasslab ensemble: the t = 0 point is left out
  const pick = (a: number[]) => keep.map((j) => a[j]);
  const results: ResultsPayload[] = [{ kind: 'quenchSeries', t: pick(series.t), v: pick(series.speed), energyPerParticle: pick(series.energyPerParticle), W: pick(series.meanSquaredForce), samples: r.kind === 'single' ? 1 : r.samples }];
  if (r.fit) results.push({ kind: 'powerLawFit', beta: r.fit.beta, low: r.fit.low, high: r.fit.high, tMin: r.fit.tMin, tMax: r.fit.tMax });
  if (r.kind === 'single') {
    const p = r.particles;
    results.push({ kind: 'defectStats', N: r.spec.n, samples: 1, xCutEq: p.xCutEq, phiMean: p.defectConcentration, chi: 0, concentrations: [p.defectConcentration] });
  }
  writeTextFileAtomic(path, serializeResults({ meta, results })); // a reader never sees a half-written file
}

export async function runCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    spec: { type: 'string' }, 'from-url': { type: 'string' }, samples: { type: 'string' }, engine: { type: 'string' },
    out: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' },
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
  try {
    const f = await runLabJob(job, engine, Boolean(v.quiet));
    const r = f.result as SingleResult | EnsembleLabResult;
    const series: Series = r.kind === 'single'
      ? { t: r.series.t, speed: r.series.speed, energyPerParticle: r.series.energyPerParticle, meanSquaredForce: r.series.meanSquaredForce }
      : ensembleSeries(r, f.curves);
    const m = r.kind === 'single' ? 1 : r.samples;
    const phi = r.kind === 'single' ? [r.particles.defectConcentration] : r.defectConcentrations;
    const { mean: phiMean, chi } = defectStatistics(phi, spec.n);
    const meta = {
      source: source.from, job: r.kind, model: spec.model, n: spec.n, temperature: Number.isFinite(spec.temperature) ? spec.temperature : 'inf',
      seed: spec.seed, algorithm: spec.algorithm, samples: m, engine: f.engine, complete: true, defectConcentration: phiMean, defectSusceptibility: chi,
      ...(spec.initialState && r.kind === 'single' ? { initialState: spec.initialState } : {}),
    };
    if (v.out) writeResults(String(v.out), f, series, meta);
    const fit = r.fit ? `β = ${r.fit.beta.toFixed(3)} [${r.fit.low.toFixed(3)}, ${r.fit.high.toFixed(3)}] over t ∈ [${r.fit.tMin}, ${r.fit.tMax}]` : 'no β (fewer than 3 points in the fit window)';
    throttledProgress(Boolean(v.quiet))(`run: ${r.kind}${m > 1 ? ` of ${m} samples` : ''} on ${f.engine === 'gpu' ? `the GPU (${f.adapter})` : 'float64'}: ${fit} (${r.seconds.toFixed(1)} s)${v.out ? `; wrote ${String(v.out)}` : ''}`, true);
    if (!v.json) return undefined;
    return {
      engine: f.engine, ...(f.adapter ? { adapter: f.adapter } : {}), ...(f.notes.length ? { engineNotes: f.notes } : {}), source: source.from,
      job: r.kind === 'single' ? { kind: 'single' } : { kind: 'ensemble', samples: m }, spec: runSpecToJson(spec), samples: m, seconds: r.seconds,
      beta: r.fit?.beta ?? null, betaInterval: r.fit ? [r.fit.low, r.fit.high] : null, fit: r.fit,
      ...(r.kind === 'single' ? { stopReason: r.reason, steps: r.steps, energyPerParticle: r.energyPerParticle } : {}),
      defectConcentration: phiMean, defectSusceptibility: chi, defectConcentrations: phi, series,
    };
  } finally {
    if (engine !== 'cpu') exitIfHeldOpen(); // a Dawn device may keep Node alive: exit soon after this command is done
  }
}
