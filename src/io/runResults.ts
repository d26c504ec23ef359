// The versioned JSON results file: { format: 'glasslab-results', version: 1, meta, results: [payload, …] }.
// Every payload has a `kind`; parseResults checks the whole shape and names the first bad field by its path.
import type { BetaInterval } from '../physics/analysis/betaFit.ts';
import type { QuenchSeries } from '../physics/descent/quench.ts';
import { quote } from './text.ts';

export const RESULTS_FORMAT = 'glasslab-results';
export const RESULTS_VERSION = 1;

export type MetaValue = string | number | boolean | null;

/**
 * A quench series (QuenchSeries of src/physics/descent/quench.ts, its one definition: ⟨|v(t)|⟩, E/N and W = (1/N) Σ|f_i|² on the
 * sample times, docs/PHYSICS.md §3) as this file stores it: `speed` under the name `v`, `meanSquaredForce` under `W` (the names
 * of format version 1), without the step numbers. Times strictly increasing and > 0; v, W ≥ 0.
 */
export interface QuenchSeriesRecord {
  readonly kind: 'quenchSeries';
  readonly t: Readonly<QuenchSeries['t']>;
  readonly v: Readonly<QuenchSeries['speed']>;
  readonly energyPerParticle: Readonly<QuenchSeries['energyPerParticle']>;
  readonly W: Readonly<QuenchSeries['meanSquaredForce']>;
  /** Number of initial configurations averaged over, when known. */
  readonly samples?: number;
}

/** The record of a series (its t > 0 points: the format has no t = 0). */
export function quenchSeriesRecord(series: Omit<QuenchSeries, 'step'>, samples?: number): QuenchSeriesRecord {
  const keep = series.t.map((_, j) => j).filter((j) => series.t[j] > 0);
  const pick = (a: readonly number[]) => keep.map((j) => a[j]);
  return {
    kind: 'quenchSeries', t: pick(series.t), v: pick(series.speed), energyPerParticle: pick(series.energyPerParticle),
    W: pick(series.meanSquaredForce), ...(samples !== undefined ? { samples } : {}),
  };
}

/** β of ⟨|v|⟩ ~ t^(−β) on [tMin, tMax] with its interval [low, high]: a BetaFit (src/physics/analysis/betaFit.ts) as stored. */
export interface BetaFitRecord extends Readonly<BetaInterval> {
  readonly kind: 'powerLawFit';
}

/** Defect statistics over samples (docs/PHYSICS.md §4): per-sample concentrations φ, their mean and χ = N(⟨φ²⟩ − ⟨φ⟩²). */
export interface DefectStats {
  readonly kind: 'defectStats';
  /** Particles per sample. */
  readonly N: number;
  readonly samples: number;
  /** x_cut^EQ used for the equilibrium neighbor lists. */
  readonly xCutEq: number;
  readonly phiMean: number;
  readonly chi: number;
  /** Per-sample concentrations φ (length = samples), when kept. */
  readonly concentrations?: readonly number[];
}

export type ResultsPayload = QuenchSeriesRecord | BetaFitRecord | DefectStats;
export const PAYLOAD_KINDS = ['quenchSeries', 'powerLawFit', 'defectStats'] as const;

export interface ResultsDocument {
  readonly format: typeof RESULTS_FORMAT;
  readonly version: typeof RESULTS_VERSION;
  /** Flat run description: model, N, T, seed, protocol, software version, … */
  readonly meta: Readonly<Record<string, MetaValue>>;
  readonly results: readonly ResultsPayload[];
}

export interface ResultsInput {
  readonly meta?: Readonly<Record<string, MetaValue>>;
  readonly results: readonly ResultsPayload[];
}

/** Validates and writes a results document (one payload per line; numbers round-trip exactly). */
export function serializeResults(input: ResultsInput): string {
  const doc = { format: RESULTS_FORMAT, version: RESULTS_VERSION, meta: jsonMeta(input.meta ?? {}), results: input.results };
  checkDocument(doc);
  const results = doc.results.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  return [
    '{',
    `  "format": ${JSON.stringify(doc.format)},`,
    `  "version": ${doc.version},`,
    `  "meta": ${JSON.stringify(doc.meta)},`,
    `  "results": [${results === '' ? ']' : `\n${results}\n  ]`}`,
    '}',
    '',
  ].join('\n');
}

/** JSON has no ∞: a meta value of ±Infinity (T = ∞) is written as the string "inf" or "-inf"; NaN stays and is refused. */
function jsonMeta(meta: Readonly<Record<string, MetaValue>>): Record<string, MetaValue> {
  const out: Record<string, MetaValue> = {};
  for (const [k, v] of Object.entries(meta)) out[k] = v === Infinity ? 'inf' : v === -Infinity ? '-inf' : v;
  return out;
}

/** meta.temperature as a number: T = ∞ comes back as Infinity (written as "inf"); undefined when absent. */
export function readMetaTemperature(meta: Readonly<Record<string, MetaValue>>): number | undefined {
  const T = meta.temperature;
  if (T === undefined || T === null) return undefined;
  if (typeof T === 'number') return T;
  if (typeof T === 'string' && /^(inf|infinity)$/i.test(T)) return Infinity;
  return fail('meta.temperature', `expected a number or "inf", found ${describe(T)}`);
}

/** Parses and validates a results document; throws an Error naming the bad field on any deviation. */
export function parseResults(text: string): ResultsDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`results file is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return checkDocument(value);
}

// ---------------------------------------------------------------- validation

type Obj = Record<string, unknown>;

function fail(path: string, problem: string): never {
  throw new Error(`results file: ${path}: ${problem}`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${quote(v)}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function asObject(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, `expected an object, found ${describe(v)}`);
  return v as Obj;
}

function onlyKeys(o: Obj, path: string, required: readonly string[], optional: readonly string[] = []): void {
  for (const k of required) if (!(k in o)) fail(path, `missing field '${k}'`);
  for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) fail(path, `unknown field '${quote(k)}'`);
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, `expected a finite number, found ${describe(v)}`);
  return v;
}

function positiveInt(v: unknown, path: string): number {
  const n = num(v, path);
  if (!Number.isInteger(n) || n < 1) fail(path, `expected a positive integer, found ${n}`);
  return n;
}

function numbers(v: unknown, path: string): number[] {
  if (!Array.isArray(v)) fail(path, `expected an array of numbers, found ${describe(v)}`);
  return v.map((x, i) => num(x, `${path}[${i}]`));
}

function checkDocument(value: unknown): ResultsDocument {
  const o = asObject(value, 'document');
  if (o.format !== RESULTS_FORMAT) fail('format', `expected "${RESULTS_FORMAT}", found ${describe(o.format)}`);
  if (o.version !== RESULTS_VERSION) fail('version', `unsupported version ${describe(o.version)} (this GlassLab reads version ${RESULTS_VERSION})`);
  onlyKeys(o, 'document', ['format', 'version', 'meta', 'results']);
  const meta = asObject(o.meta, 'meta');
  for (const [k, v] of Object.entries(meta)) {
    if (v !== null && typeof v !== 'string' && typeof v !== 'boolean') num(v, `meta.${quote(k)}`);
  }
  if (!Array.isArray(o.results)) fail('results', `expected an array, found ${describe(o.results)}`);
  const results = o.results.map((r, i) => checkPayload(r, `results[${i}]`));
  return { format: RESULTS_FORMAT, version: RESULTS_VERSION, meta: meta as Record<string, MetaValue>, results };
}

function checkPayload(value: unknown, path: string): ResultsPayload {
  const o = asObject(value, path);
  switch (o.kind) {
    case 'quenchSeries': return checkQuenchSeries(o, path);
    case 'powerLawFit': return checkFit(o, path);
    case 'defectStats': return checkDefects(o, path);
    default: return fail(`${path}.kind`, `unknown kind ${describe(o.kind)} (expected one of ${PAYLOAD_KINDS.join(', ')})`);
  }
}

function checkQuenchSeries(o: Obj, path: string): QuenchSeriesRecord {
  onlyKeys(o, path, ['kind', 't', 'v', 'energyPerParticle', 'W'], ['samples']);
  const t = numbers(o.t, `${path}.t`), v = numbers(o.v, `${path}.v`);
  const energyPerParticle = numbers(o.energyPerParticle, `${path}.energyPerParticle`), W = numbers(o.W, `${path}.W`);
  if (t.length === 0) fail(`${path}.t`, 'is empty');
  for (const [name, arr] of [['v', v], ['energyPerParticle', energyPerParticle], ['W', W]] as const) {
    if (arr.length !== t.length) fail(`${path}.${name}`, `has ${arr.length} values but t has ${t.length}`);
  }
  t.forEach((x, i) => {
    if (x < 0) fail(`${path}.t[${i}]`, `time ${x} is negative`);
    if (i > 0 && !(x > t[i - 1])) fail(`${path}.t[${i}]`, `times must increase strictly (${t[i - 1]} then ${x})`);
  });
  v.forEach((x, i) => { if (x < 0) fail(`${path}.v[${i}]`, `|v| = ${x} is negative`); });
  W.forEach((x, i) => { if (x < 0) fail(`${path}.W[${i}]`, `W = ${x} is negative`); });
  const samples = o.samples === undefined ? undefined : positiveInt(o.samples, `${path}.samples`);
  return { kind: 'quenchSeries', t, v, energyPerParticle, W, ...(samples !== undefined ? { samples } : {}) };
}

function checkFit(o: Obj, path: string): BetaFitRecord {
  onlyKeys(o, path, ['kind', 'beta', 'low', 'high', 'tMin', 'tMax']);
  const beta = num(o.beta, `${path}.beta`), low = num(o.low, `${path}.low`), high = num(o.high, `${path}.high`);
  const tMin = num(o.tMin, `${path}.tMin`), tMax = num(o.tMax, `${path}.tMax`);
  if (!(low <= beta && beta <= high)) fail(path, `beta = ${beta} lies outside its interval [low, high] = [${low}, ${high}]`);
  if (!(tMin >= 0 && tMin < tMax)) fail(path, `the fit window [tMin, tMax] = [${tMin}, ${tMax}] must satisfy 0 ≤ tMin < tMax`);
  return { kind: 'powerLawFit', beta, low, high, tMin, tMax };
}

function checkDefects(o: Obj, path: string): DefectStats {
  onlyKeys(o, path, ['kind', 'N', 'samples', 'xCutEq', 'phiMean', 'chi'], ['concentrations']);
  const N = positiveInt(o.N, `${path}.N`), samples = positiveInt(o.samples, `${path}.samples`);
  const xCutEq = num(o.xCutEq, `${path}.xCutEq`), phiMean = num(o.phiMean, `${path}.phiMean`), chi = num(o.chi, `${path}.chi`);
  if (!(xCutEq > 0)) fail(`${path}.xCutEq`, `must be positive, found ${xCutEq}`);
  if (phiMean < 0 || phiMean > 1) fail(`${path}.phiMean`, `a concentration must lie in [0, 1], found ${phiMean}`);
  if (chi < 0) fail(`${path}.chi`, `a susceptibility cannot be negative, found ${chi}`);
  let concentrations: number[] | undefined;
  if (o.concentrations !== undefined) {
    concentrations = numbers(o.concentrations, `${path}.concentrations`);
    if (concentrations.length !== samples) fail(`${path}.concentrations`, `has ${concentrations.length} values but samples = ${samples}`);
    concentrations.forEach((x, i) => { if (x < 0 || x > 1) fail(`${path}.concentrations[${i}]`, `a concentration must lie in [0, 1], found ${x}`); });
  }
  return { kind: 'defectStats', N, samples, xCutEq, phiMean, chi, ...(concentrations ? { concentrations } : {}) };
}
