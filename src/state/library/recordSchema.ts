// The library's record schema: every stored summary carries `schemaVersion`. Records written before it existed (no field) are
// version 1 and are migrated as they are read (and once for all when IndexedDB opens at version 2). Every summary read back
// is checked: one that is not a record this GlassLab can show (damaged, edited by hand, or written by a newer GlassLab) is
// skipped and named in one message, so one bad record never blanks the library or the page.
import { validateRunSpec, shortened } from '../../engine/runSpec.ts';
import type { RunSpec } from '../../engine/runSpec.ts';
import { ALGORITHMS } from '../../physics/descent/quench.ts';
import type { JobParams, RecordStatus, RunData, RunSummary } from './runRecord.ts';

/** The version this GlassLab writes. 1: no `schemaVersion` field (until December 2026). 2: the field, and every field present. */
export const RECORD_SCHEMA_VERSION = 2;

const STATUSES: readonly RecordStatus[] = ['running', 'done', 'stopped', 'incomplete', 'error'];
const JOB_KINDS: readonly JobParams['kind'][] = ['single', 'ensemble', 'sweep', 'compare'];
/** Stored specs record runs that happened: sizes are not held to today's limits table, only to sanity. */
const STORED_SIZES = { maxN: 1 << 24, maxSweeps: Number.MAX_SAFE_INTEGER, maxTMax: Number.MAX_VALUE };

export class RecordProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordProblem';
  }
}

type Raw = Record<string, unknown>;

function isObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The schema version of a stored summary: 1 when it has none. */
export function schemaVersionOf(raw: Raw): number {
  return raw.schemaVersion === undefined ? 1 : typeof raw.schemaVersion === 'number' ? raw.schemaVersion : Number.NaN;
}

/** Version 1 → 2: the version stamped; fields that early records could lack filled with "not known". */
function fromV1(r: Raw): Raw {
  const createdAt = typeof r.createdAt === 'number' ? r.createdAt : Number.NaN;
  return {
    error: null, fit: null, defects: null, facts: null, curveOrder: [], hasConfigurations: false, byteSize: 0,
    engine: { requested: 'auto', used: null, adapter: null }, updatedAt: createdAt,
    ...r, schemaVersion: 2,
  };
}

/** A stored summary brought to RECORD_SCHEMA_VERSION (not yet checked); throws RecordProblem for one from a newer GlassLab. */
export function migrateSummary(raw: unknown): Raw {
  if (!isObject(raw)) throw new RecordProblem('it is not a record');
  const version = schemaVersionOf(raw);
  if (!Number.isInteger(version) || version < 1) throw new RecordProblem(`its schema version ${shortened(String(raw.schemaVersion))} is not one GlassLab wrote`);
  if (version > RECORD_SCHEMA_VERSION) throw new RecordProblem(`it was saved by a newer GlassLab (schema version ${version}; this one reads up to ${RECORD_SCHEMA_VERSION}): update the page`);
  return version === 1 ? fromV1(raw) : raw;
}

function need(ok: boolean, what: string): void {
  if (!ok) throw new RecordProblem(what);
}

const finiteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkJob(job: unknown): void {
  need(isObject(job) && JOB_KINDS.includes((job as Raw).kind as JobParams['kind']), 'its job is not single, ensemble, sweep or compare');
  const j = job as Raw;
  if (j.kind === 'ensemble' || j.kind === 'sweep') need(Number.isInteger(j.samples) && (j.samples as number) >= 1, 'its job has no number of samples');
  if (j.kind === 'sweep') need(Array.isArray(j.temperatures) && j.temperatures.every((t) => typeof t === 'number'), 'its sweep has no temperatures');
  if (j.kind === 'compare') need(Array.isArray(j.algorithms) && j.algorithms.every((a) => (ALGORITHMS as readonly unknown[]).includes(a)), 'its comparison names no algorithms');
}

/** Checks a summary of the current version field by field; returns it typed, or throws one RecordProblem. */
export function checkSummary(r: Raw): RunSummary {
  need(typeof r.id === 'string' && r.id.length > 0, 'it has no id');
  need(typeof r.name === 'string', 'it has no name');
  need(finiteNumber(r.createdAt) && finiteNumber(r.updatedAt), 'its dates are missing');
  need(STATUSES.includes(r.status as RecordStatus), `its status ${shortened(String(r.status))} is unknown`);
  need(r.error === null || typeof r.error === 'string', 'its error is not text');
  need(isObject(r.spec), 'it has no run spec');
  try {
    validateRunSpec(r.spec as unknown as RunSpec, STORED_SIZES);
  } catch (e) {
    throw new RecordProblem(`its run spec is not valid (${shortened((e as Error).message, 80)})`);
  }
  checkJob(r.job);
  need(isObject(r.engine), 'it has no engine');
  need(r.fit === null || (isObject(r.fit) && typeof r.fit.beta === 'number'), 'its fit has no β');
  need(r.defects === null || isObject(r.defects), 'its defect statistics are damaged');
  need(r.facts === null || isObject(r.facts), 'its facts are damaged');
  need(Array.isArray(r.curveOrder) && r.curveOrder.every((n) => typeof n === 'string'), 'its curve names are damaged');
  need(typeof r.hasConfigurations === 'boolean', 'it does not say whether it keeps configurations');
  need(finiteNumber(r.byteSize) && r.byteSize >= 0, 'its size is damaged');
  need(r.landscape === undefined || (isObject(r.landscape) && Array.isArray(r.landscape.levels) && r.landscape.levels.every(isObject)
    && (r.landscape.harmonic === null || (isObject(r.landscape.harmonic) && numbers(r.landscape.harmonic.t) && numbers(r.landscape.harmonic.speed)))
    && (r.landscape.modes === undefined || (isObject(r.landscape.modes) && numbers(r.landscape.modes.eigenvalues) && numbers(r.landscape.modes.participation)))), 'its landscape results are damaged');
  need(r.softSpotFacts === undefined || (isObject(r.softSpotFacts) && ['shearModulus', 'meanKappa', 'kappa4', 'kappa3']
    .every((k) => (r.softSpotFacts as Raw)[k] === null || typeof (r.softSpotFacts as Raw)[k] === 'number')), 'its soft-spot facts are damaged');
  need(r.scaling === undefined || scalingIntact(r.scaling), 'its finite-size scaling result is damaged');
  return r as unknown as RunSummary;
}

/** A kept scaling result: ≥ 2 sizes, samples, finite z and β with intervals, one raw and collapsed curve per size. */
function scalingIntact(v: unknown): boolean {
  if (!isObject(v) || !isObject(v.fit) || !Array.isArray(v.sizes) || v.sizes.length < 2 || !v.sizes.every((n) => Number.isInteger(n) && n >= 2)) return false;
  const f = v.fit as Raw;
  const pair = (p: unknown) => Array.isArray(p) && p.length === 2 && p.every(finiteNumber);
  const curveOk = (c: unknown) => isObject(c) && finiteNumber(c.n) && numbers(c.t) && numbers(c.speed) && numbers(c.x) && numbers(c.y)
    && [c.speed, c.x, c.y].every((a) => (a as number[]).length === (c.t as number[]).length);
  return Number.isInteger(v.samples) && (v.samples as number) >= 1 && finiteNumber(v.seconds)
    && finiteNumber(f.z) && finiteNumber(f.beta) && typeof f.spread === 'number' && typeof f.betaFixed === 'boolean'
    && isObject(f.interval) && pair(f.interval.z) && pair(f.interval.beta)
    && Array.isArray(f.curves) && f.curves.length === v.sizes.length && f.curves.every(curveOk);
}

/** A stored summary migrated and checked; throws RecordProblem. */
export function readSummary(raw: unknown): RunSummary {
  return checkSummary(migrateSummary(raw));
}

const numbers = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'number');

/** A record's heavy part checked: curves of three equal-length number arrays; throws RecordProblem. Absent data reads as none. */
export function checkedData(data: unknown): RunData | undefined {
  if (data === undefined) return undefined;
  need(isObject(data) && isObject(data.curves), 'its curves are missing');
  const d = data as Raw & { curves: Raw };
  for (const [name, c] of Object.entries(d.curves)) {
    const ok = isObject(c) && numbers(c.t) && numbers(c.speed) && numbers(c.energyPerParticle)
      && (c.t as number[]).length === (c.speed as number[]).length;
    need(ok, `its curve ${shortened(name)} is damaged`);
  }
  need(d.configurations === null || d.configurations === undefined || (isObject(d.configurations) && Array.isArray(d.configurations.finals)), 'its configurations are damaged');
  need(d.softSpots === null || d.softSpots === undefined || softSpotsIntact(d.softSpots), 'its soft spots are damaged');
  return d as unknown as RunData;
}

const numeric = (v: unknown, length: number): boolean => (ArrayBuffer.isView(v) || Array.isArray(v)) && (v as ArrayLike<unknown>).length === length;

/** Soft spots (issue 11): the state, and ψ, π4, π3 of N·D and κ_i of N values, and κ_ij pairs of equal lengths, where present. */
function softSpotsIntact(v: unknown): boolean {
  if (!isObject(v) || !isObject(v.state) || !Array.isArray(v.state.box)) return false;
  const n = (v.state.diameters as ArrayLike<number> | undefined)?.length ?? -1;
  const nd = n * (v.state.box as unknown[]).length;
  const nl = v.nonlinear, el = v.elastic;
  const nonlinearOk = nl === null || (isObject(nl) && isObject(nl.fields) && ['psi', 'pi4', 'pi3'].every((k) => numeric((nl.fields as Raw)[k], nd)));
  const pairs = isObject(el) ? (el.pairKappa as ArrayLike<number> | undefined)?.length ?? -1 : -1;
  const elasticOk = el === null || (isObject(el) && finiteNumber(el.shearModulus) && numeric(el.localKappa, n) && pairs >= 0 && numeric(el.pairFirst, pairs) && numeric(el.pairSecond, pairs));
  return n > 0 && numeric(v.state.positions, nd) && nonlinearOk && elasticOk;
}

export interface ReadSummaries {
  summaries: RunSummary[];
  /** One line per skipped record: which one, and why. */
  skipped: string[];
  /** The ids of skipped records that have one (what "delete all" also removes). */
  skippedIds: string[];
}

/** Every stored summary that can be read; the others skipped, each with its reason. */
export function readSummaries(raw: readonly unknown[]): ReadSummaries {
  const summaries: RunSummary[] = [];
  const skipped: string[] = [];
  const skippedIds: string[] = [];
  for (const r of raw) {
    try {
      summaries.push(readSummary(r));
    } catch (e) {
      const name = isObject(r) && typeof r.name === 'string' ? `“${shortened(r.name)}”` : isObject(r) && typeof r.id === 'string' ? `id ${shortened(r.id)}` : 'a record';
      skipped.push(`${name}: ${e instanceof RecordProblem ? e.message : String(e)}`);
      if (isObject(r) && typeof r.id === 'string') skippedIds.push(r.id);
    }
  }
  return { summaries, skipped, skippedIds };
}

/** The library's message for skipped records (null when none were). */
export function skippedMessage(skipped: readonly string[]): string | null {
  if (skipped.length === 0) return null;
  const more = skipped.length > 1 ? ` (and ${skipped.length - 1} more)` : '';
  return `${skipped.length} stored run${skipped.length === 1 ? '' : 's'} could not be read and ${skipped.length === 1 ? 'is' : 'are'} hidden: ${skipped[0]}${more}. The others are shown; delete all to clear them.`;
}
