// glasslab merge: the K part files of a sharded ensemble, scaling or run (--shard I/K) combined into the unsharded command's
// result: the same summary code on the same samples in the same order, so the same bytes (the wall time `seconds` is the
// parts' sum, the one field that cannot be the same).
import { parseArgs } from 'node:util';
import { UsageError } from '../args.ts';
import { encodeExact, readPartFile, type PartFile } from '../shardFile.ts';
import { mergeEnsembleParts } from './ensemble.ts';
import { mergeRunParts } from './run.ts';
import { mergeScalingParts } from './scaling.ts';

export const mergeHelp = `glasslab merge PART.json… [--out F] [--json] [--quiet]
  Combines the part files of one sharded command (glasslab ensemble|scaling|run … --shard I/K, every I from 0 to K−1 once)
  into the result of the same command run unsharded: --json prints its --json, --out F writes its --out file (the results
  file of ensemble and run; for scaling the JSON). Parts from different commands, options or shard counts, and missing or
  repeated shards, are refused.`;

/** Which request field differs between two parts (for the message). */
function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.find((k) => encodeExact(a[k]) !== encodeExact(b[k])) ?? 'its options';
}

/** The parts, one per shard 0 … K−1, all of the same command and request; in shard order. */
export function checkParts(paths: readonly string[], parts: readonly PartFile[]): PartFile[] {
  const first = parts[0];
  const count = first.shard.count;
  const byIndex = new Map<number, number>();
  parts.forEach((p, j) => {
    if (p.command !== first.command) throw new UsageError(`${paths[j]} is a part of glasslab ${p.command} but ${paths[0]} of glasslab ${first.command}`);
    if (encodeExact(p.request) !== encodeExact(first.request)) throw new UsageError(`${paths[j]} and ${paths[0]} come from different runs (their ${firstDifference(p.request, first.request)} differ)`);
    if (p.shard.count !== count) throw new UsageError(`${paths[j]} is shard ${p.shard.index}/${p.shard.count} but ${paths[0]} is of ${count} shards: parts of different splits overlap`);
    const twin = byIndex.get(p.shard.index);
    if (twin !== undefined) throw new UsageError(`shard ${p.shard.index}/${count} is given twice (${paths[twin]} and ${paths[j]})`);
    byIndex.set(p.shard.index, j);
  });
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length) throw new UsageError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.slice(0, 10).map((i) => `${i}/${count}`).join(', ')}${missing.length > 10 ? ', …' : ''}`);
  return Array.from({ length: count }, (_, i) => parts[byIndex.get(i)!]);
}

export async function mergeCommand(argv: string[]): Promise<unknown> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { out: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' } }, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  const paths = parsed.positionals;
  if (paths.length === 0) throw new UsageError('give the part files to merge (glasslab merge parts/*.json)');
  const parts = checkParts(paths, paths.map(readPartFile));
  const options = { json: Boolean(parsed.values.json), quiet: Boolean(parsed.values.quiet), ...(parsed.values.out ? { out: parsed.values.out } : {}) };
  const { command, request } = parts[0];
  const single = (p: PartFile) => {
    if (p.runs.length !== 1) throw new UsageError(`a part of glasslab ${command} holds one job, this one ${p.runs.length}`);
    return p.runs[0];
  };
  switch (command) {
    case 'ensemble': return mergeEnsembleParts(request, parts.map(single), options);
    case 'run': return mergeRunParts(request, parts.map(single), options);
    case 'scaling': {
      const sizes = (request as { sizes: number[] }).sizes;
      if (parts.some((p) => p.runs.length !== sizes.length)) throw new UsageError(`a part of glasslab scaling holds one job per N (${sizes.length})`);
      return mergeScalingParts(request, parts.map((p) => p.runs), options);
    }
    default: throw new UsageError(`glasslab merge combines parts of ensemble, scaling and run, not "${command.slice(0, 40)}"`);
  }
}
