// Every --out is written atomically: a temporary file in the same directory, renamed over the target. A write that fails
// (here: the file-size limit of `ulimit -f`, which makes write() fail with EFBIG part way through) leaves no half file
// and leaves an existing file untouched, for state files (.xyz, .data) and results JSON alike.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTextFileAtomic } from '../src/io/atomicFile.ts';

const bin = join(__dirname, '..', 'bin', 'glasslab.mjs');
const OLD = 'the previous results, which a failed run must not touch\n';

/** Runs glasslab under a file-size limit of `kib` KiB (bash's ulimit -f); tsx's cache goes to a directory of its own. */
function glasslabLimited(dir: string, kib: number, args: string[]) {
  const r = spawnSync('bash', ['-c', `ulimit -f ${kib}; exec node "$0" "$@"`, bin, ...args], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, GLASSLAB_DEBUG: '' },
  });
  return { status: r.status, signal: r.signal, stderr: r.stderr.trim() };
}

describe('atomic --out', () => {
  it('writeTextFileAtomic replaces a file whole, and a failed rename leaves nothing behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glasslab-atomic-'));
    const path = join(dir, 'out.json');
    writeFileSync(path, OLD);
    writeTextFileAtomic(path, '{"new": true}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"new": true}\n');
    mkdirSync(join(dir, 'taken.json'));
    expect(() => writeTextFileAtomic(join(dir, 'taken.json'), 'x')).toThrow(/^cannot write .*taken\.json \(.*\); nothing was written$/);
    expect(() => writeTextFileAtomic(join(dir, 'missing', 'x.json'), 'x')).toThrow(/no such directory/);
    expect(readdirSync(dir).sort()).toEqual(['out.json', 'taken.json']);
  });

  it.each([
    ['equilibrate → .xyz', 'state.xyz', ['equilibrate', '--model', 'soft2d', '--n', '200', '--temperature', 'inf', '--out', 'state.xyz', '--quiet']],
    ['equilibrate → .data', 'state.data', ['equilibrate', '--model', 'ka3d', '--n', '200', '--temperature', 'inf', '--out', 'state.data', '--quiet']],
    ['ensemble → results JSON', 'results.json', ['ensemble', '--model', 'harmonic2d', '--n', '40', '--temperature', 'inf', '--samples', '1', '--t-max', '20', '--fit-min', '1', '--fit-max', '20', '--out', 'results.json', '--quiet']],
  ])('%s: a write that fails part way leaves the old file as it was and no half file', (_name, out, args) => {
    const dir = mkdtempSync(join(tmpdir(), 'glasslab-atomic-cli-'));
    writeFileSync(join(dir, out), OLD);
    const r = glasslabLimited(dir, 1, args); // the output is larger than 1 KiB: EFBIG proves the write failed part way
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^glasslab \\w+: cannot write ${out.replace('.', '\\.')} \\(EFBIG\\); nothing was written$`));
    expect(readFileSync(join(dir, out), 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual([out]);
  });
});
