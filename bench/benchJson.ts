// BENCH_JSON=path: a benchmark also writes its rows there as JSON (scripts/device-bench.sh collects them). Printing stays as is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `{ bench, date, ...data }` to $BENCH_JSON when it is set; returns the path written, or null. */
export function writeBenchJson(bench: string, data: Record<string, unknown>): string | null {
  const path = process.env.BENCH_JSON;
  if (!path) return null;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ bench, date: new Date().toISOString(), ...data }, null, 2)}\n`);
  return path;
}
