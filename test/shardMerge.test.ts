// Ensembles across machines: K shards (--shard I/K) run concurrently and merged (glasslab merge) give the unsharded
// command's output byte for byte (the wall time `seconds` aside, the one field that cannot agree); bad sets of parts are refused.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.ts';
import { encodeExact, readPartFile } from '../src/cli/shardFile.ts';
import { shardSlice } from '../src/engine/lab/samplesJob.ts';

/** glasslab in this process, its stdout and stderr captured (calls may run concurrently when only the last reads stdout). */
async function glasslab(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { stdout += String(s); return true; });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr += String(s); return true; });
  try {
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => { vi.restoreAllMocks(); });

/** The --json line without the wall time. */
function withoutSeconds(stdout: string): string {
  const o = JSON.parse(stdout) as Record<string, unknown>;
  expect(typeof o.seconds).toBe('number');
  delete o.seconds;
  return JSON.stringify(o);
}

/** K shards run concurrently in this process (their parts to files), then merged. */
async function shardsThenMerge(command: string, args: string[], count: number, dir: string, mergeArgs: string[] = []) {
  const parts = Array.from({ length: count }, (_, i) => join(dir, `${command}-part${i}.json`));
  const runs = await Promise.all(parts.map((p, i) => main([command, ...args, '--shard', `${i}/${count}`, '--out', p])));
  expect(runs).toEqual(parts.map(() => 0));
  const merged = await glasslab('merge', ...parts, '--json', '--quiet', ...mergeArgs);
  expect(merged.status, merged.stderr).toBe(0);
  return { parts, merged };
}

describe('shardSlice', () => {
  it('deals every unit to exactly one shard, the same unit index whatever the count', () => {
    for (const count of [1, 2, 3, 7]) {
      const all = Array.from({ length: count }, (_, i) => shardSlice(10, i, count)).flat().sort((a, b) => a - b);
      expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    expect(shardSlice(10, 1, 3)).toEqual([1, 4, 7]);
    expect(() => shardSlice(10, 3, 3)).toThrow(/0 to 2/);
  });
});

describe('glasslab ensemble|scaling --shard I/K and glasslab merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasslab-shards-'));

  it('an ensemble of 4 samples from 3 parallel shards: the same results file and --json as one run', async () => {
    const args = ['--model', 'soft2d', '--n', '32', '--temperature', '0.5', '--samples', '4', '--sweeps', '10', '--t-max', '3', '--quiet'];
    const whole = join(dir, 'whole.json');
    const full = await glasslab('ensemble', ...args, '--json', '--out', whole);
    const sharded = await shardsThenMerge('ensemble', args, 3, dir, ['--out', join(dir, 'merged.json')]);
    expect(full.status, full.stderr).toBe(0);
    // The results file (no wall time in it) byte for byte; the --json line byte for byte but its `seconds`.
    expect(readFileSync(join(dir, 'merged.json'), 'utf8')).toBe(readFileSync(whole, 'utf8'));
    expect(withoutSeconds(sharded.merged.stdout)).toBe(withoutSeconds(full.stdout));
    const out = JSON.parse(full.stdout);
    expect(out.samples).toBe(4);
    expect(out.finalEnergyPerParticle).toHaveLength(4);
    // Shard 1 of 3 ran exactly samples 1 (not 0, 2, 3).
    expect(readPartFile(sharded.parts[1]).runs[0].records.map((r) => r.index)).toEqual([1]);

    // Bad sets of parts, each refused in one line.
    const [p0, p1, p2] = sharded.parts;
    const missing = await glasslab('merge', p0, p2);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('glasslab merge: missing shard 1/3');
    const twice = await glasslab('merge', p0, p1, p2, p1);
    expect(twice.stderr).toMatch(/shard 1\/3 is given twice/);
    const other = join(dir, 'other.json');
    const edited = readFileSync(p1, 'utf8').replace('"samples":4', '"samples":5');
    writeFileSync(other, edited);
    const different = await glasslab('merge', p0, other, p2);
    expect(different.stderr).toMatch(/come from different runs \(their samples differ\)/);
    const split = join(dir, 'split.json');
    writeFileSync(split, readFileSync(p1, 'utf8').replace('"shard":{"index":1,"count":3}', '"shard":{"index":1,"count":2}'));
    expect((await glasslab('merge', p0, split)).stderr).toMatch(/parts of different splits overlap/);
  }, 120_000);

  it('a scaling run at two N from 4 parallel shards: the same --json as one run', async () => {
    const args = ['scaling', '--model', 'harmonic2d', '--temperature', 'inf', '--n', '32,64', '--samples', '3', '--t-max', '5', '--quiet'];
    const full = await glasslab(...args, '--json');
    const sharded = await shardsThenMerge('scaling', args.slice(1), 4, dir);
    expect(full.status, full.stderr).toBe(0);
    expect(sharded.merged.stdout).toBe(full.stdout);
    expect(JSON.parse(full.stdout).curves).toHaveLength(2);
  }, 120_000);

  it('keeps −0, ±∞, NaN and typed arrays bit for bit in a part', () => {
    const value = { a: [-0, Infinity, -Infinity, NaN, 0.1 + 0.2], f: Float64Array.of(-0, 1e-320, Math.PI), s: Uint8Array.of(0, 1, 255) };
    const path = join(dir, 'exact.json');
    writeFileSync(path, encodeExact({ format: 'glasslab-part', version: 1, command: 'x', request: value, shard: { index: 0, count: 1 }, runs: [] }));
    const back = readPartFile(path).request as typeof value;
    expect(Object.is(back.a[0], -0)).toBe(true);
    expect(back.a.slice(1)).toEqual([Infinity, -Infinity, NaN, 0.1 + 0.2]);
    expect(back.f).toBeInstanceOf(Float64Array);
    expect(Object.is(back.f[0], -0) && back.f[1] === 1e-320 && back.f[2] === Math.PI).toBe(true);
    expect(Array.from(back.s)).toEqual([0, 1, 255]);
  });
});
