// Ensembles across machines: `--shard I/K` runs the I-th of K slices of a command's samples (src/engine/lab/samplesJob.ts
// shardSlice) and writes a part file; `glasslab merge` reads the parts back. The file keeps every number bit for bit: plain
// numbers as JSON (shortest round-trip form), −0, ±∞ and NaN as {"$num": …}, typed arrays as base64 of their little-endian bytes.
import type { EngineName, SampleRecord, SamplesResult } from '../engine/lab/protocol.ts';
import { writeTextFileAtomic } from '../io/atomicFile.ts';
import type { JobOutcome } from './labJob.ts';
import { UsageError } from './args.ts';
import { readUserTextFile } from './io.ts';

export const PART_FORMAT = 'glasslab-part';
export const PART_VERSION = 1;

export interface Shard { index: number; count: number }

/** One lab job's slice in a part: the engine that ran it and its raw samples. */
export interface PartRun {
  engine: EngineName;
  adapter?: string;
  notes: string[];
  /** Wall time of the slice (the one number a merge cannot reproduce: the merged `seconds` is the parts' sum). */
  seconds: number;
  records: SampleRecord[];
}

export interface PartFile {
  format: typeof PART_FORMAT;
  version: typeof PART_VERSION;
  /** The command that wrote it (ensemble, run or scaling). */
  command: string;
  /** Everything the unsharded command's output depends on; parts merge only when theirs are identical. */
  request: Record<string, unknown>;
  shard: Shard;
  runs: PartRun[];
}

/** --shard I/K: I from 0 to K − 1. */
export function shardOption(values: Record<string, unknown>): Shard | undefined {
  const v = values.shard;
  if (v === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(String(v).trim());
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index < count)) throw new UsageError(`--shard takes I/K with K ≥ 1 and I from 0 to K − 1 (e.g. 0/4), got "${String(v).slice(0, 40)}"`);
  return { index, count };
}

/** A samples job's outcome as its part stores it. */
export function partRunOf(o: JobOutcome<SamplesResult>): PartRun {
  return { engine: o.engine, ...(o.adapter ? { adapter: o.adapter } : {}), notes: o.notes, seconds: o.result.seconds, records: o.result.records };
}

/** What the merge of one job's slices from all parts holds: every sample once, in order. */
export interface MergedRun {
  records: SampleRecord[];
  engine: EngineName;
  adapter?: string;
  notes: string[];
  /** The parts' wall times summed. */
  seconds: number;
}

/**
 * The slices of one job (`what`: its name in messages) from all parts: each of samples 0 … samples − 1 exactly once. The engine
 * is the one that ran the last sample (as an unsharded job names the engine that ran its end); notes in shard order.
 */
export function mergeRuns(runs: readonly PartRun[], samples: number, what: string): MergedRun {
  const byIndex = new Map<number, { record: SampleRecord; run: PartRun }>();
  for (const run of runs) {
    for (const record of run.records) {
      if (!Number.isInteger(record.index) || record.index < 0 || record.index >= samples) throw new UsageError(`${what}: a part holds sample ${record.index}, outside 0 … ${samples - 1}`);
      if (byIndex.has(record.index)) throw new UsageError(`${what}: sample ${record.index} is in two parts (overlapping shards)`);
      byIndex.set(record.index, { record, run });
    }
  }
  const missing = Array.from({ length: samples }, (_, k) => k).filter((k) => !byIndex.has(k));
  if (missing.length) throw new UsageError(`${what}: samples ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} are in no part`);
  const records = Array.from({ length: samples }, (_, k) => byIndex.get(k)!.record);
  const last = byIndex.get(samples - 1)!.run;
  const adapter = runs.find((r) => r.records.length && r.adapter)?.adapter;
  const notes = [...new Set(runs.flatMap((r) => r.notes))];
  return { records, engine: last.engine, ...(adapter ? { adapter } : {}), notes, seconds: runs.reduce((a, r) => a + r.seconds, 0) };
}

/** The engine fields of a merged job, shaped as an unsharded command's outcome. */
export function mergedOutcome(m: MergedRun): { engine: EngineName; adapter?: string; notes: string[] } {
  return { engine: m.engine, ...(m.adapter ? { adapter: m.adapter } : {}), notes: m.notes };
}

function bytesOf(a: Float64Array | Uint8Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function replacer(_key: string, x: unknown): unknown {
  if (typeof x === 'number' && (!Number.isFinite(x) || Object.is(x, -0))) return { $num: Object.is(x, -0) ? '-0' : String(x) };
  if (x instanceof Float64Array) return { $f64: bytesOf(x) };
  if (x instanceof Uint8Array) return { $u8: bytesOf(x) };
  return x;
}

function reviver(_key: string, x: unknown): unknown {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return x;
  const o = x as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== 1) return x;
  if (typeof o.$num === 'string') return o.$num === '-0' ? -0 : Number(o.$num);
  if (typeof o.$f64 === 'string') {
    const b = Buffer.from(o.$f64, 'base64');
    if (b.length % 8 !== 0) throw new Error('a float64 array has a length that is not a multiple of 8 bytes');
    const out = new Float64Array(b.length / 8);
    new Uint8Array(out.buffer).set(b);
    return out;
  }
  if (typeof o.$u8 === 'string') return Uint8Array.from(Buffer.from(o.$u8, 'base64'));
  return x;
}

/** Any value in the part encoding (also how requests are compared). */
export function encodeExact(value: unknown): string {
  return JSON.stringify(value, replacer);
}

export function writePartFile(path: string | undefined, part: Omit<PartFile, 'format' | 'version'>): void {
  const text = `${encodeExact({ format: PART_FORMAT, version: PART_VERSION, ...part })}\n`;
  if (path) writeTextFileAtomic(path, text);
  else process.stdout.write(text);
}

export function readPartFile(path: string): PartFile {
  const text = readUserTextFile(path);
  let value: unknown;
  try {
    value = JSON.parse(text, reviver);
  } catch (e) {
    throw new UsageError(`${path} is not a part file (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  const p = value as Partial<PartFile> | null;
  if (!p || p.format !== PART_FORMAT) throw new UsageError(`${path} is not a glasslab part file (no "format": "${PART_FORMAT}"; parts come from a command run with --shard I/K)`);
  if (p.version !== PART_VERSION) throw new UsageError(`${path} is part format version ${String(p.version)}; this glasslab reads version ${PART_VERSION}`);
  const s = p.shard;
  if (!s || !Number.isInteger(s.count) || s.count < 1 || !Number.isInteger(s.index) || s.index < 0 || s.index >= s.count) throw new UsageError(`${path} has no valid shard I/K`);
  if (typeof p.command !== 'string' || !p.request || typeof p.request !== 'object' || !Array.isArray(p.runs)) throw new UsageError(`${path} is missing its command, request or runs`);
  return p as PartFile;
}
