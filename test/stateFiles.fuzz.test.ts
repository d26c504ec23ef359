// Hostile state files cost nothing: extended XYZ and LAMMPS data files with huge declared counts, absurd Properties,
// oversized files, endless tokens, huge boxes and seeded random mutations of valid files each go through `glasslab eval`
// (read, then energy and forces) in a child process (node --max-old-space-size=256). Every child must end cleanly, with the
// configuration or one clear error line quoting at most 40 characters of the file, and within a memory bound; a child
// killed by a heap overflow or a signal fails the test.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeExtendedXyz } from '../src/io/extendedXyz.ts';
import { writeLammpsData } from '../src/io/lammpsData.ts';
import { MAX_STATE_FILE_CHARS } from '../src/io/text.ts';
import { getModel, randomConfiguration } from '../src/physics/models.ts';
import { createRng, Streams } from '../src/physics/rng.ts';

const CHILD_SOURCE = join(__dirname, 'helpers', 'readStateChild.ts');
const HEAP_MIB = 256;
/** Peak resident memory a child may reach (node and tsx alone take about 100 MiB). */
const MAX_RSS_MIB = 450;
const dir = mkdtempSync(join(tmpdir(), 'glasslab-state-fuzz-'));
/** The child, bundled once into plain JavaScript so that each case costs one bare node start. */
const CHILD = join(dir, 'readStateChild.mjs');
beforeAll(async () => {
  await build({ entryPoints: [CHILD_SOURCE], outfile: CHILD, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error' });
});

interface Outcome { code: number | null; signal: NodeJS.Signals | null; result: string; maxRssMiB: number; stderr: string }

function readInChild(path: string): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MIB}`, CHILD, path], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { if (stderr.length < 1e5) stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = stderr.trim().split('\n');
      const rss = /^maxrss (\d+)$/.exec(lines[lines.length - 1] ?? '');
      done({ code, signal, result: lines[lines.length - 2] ?? '', maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN, stderr });
    });
  });
}

/** Runs the cases a few at a time (the machine has 2 cores; each child is mostly start-up). */
async function readAll(paths: string[], parallel = 3): Promise<Outcome[]> {
  const out: Outcome[] = new Array(paths.length);
  let next = 0;
  const worker = async () => { while (next < paths.length) { const k = next++; out[k] = await readInChild(paths[k]); } };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

/** A clean end: exit 0 with "ok N" or "error <one line>", within the memory bound; the error quotes ≤ 40 chars of `junk`. */
function expectClean(name: string, o: Outcome, junk?: string): void {
  const what = `${name}: ${o.stderr.slice(0, 300)}`;
  expect(o.signal, what).toBeNull();
  expect(o.code, what).toBe(0);
  expect(o.result, what).toMatch(/^(ok \d+|error .+)$/);
  expect(o.maxRssMiB, what).toBeLessThan(MAX_RSS_MIB);
  if (o.result.startsWith('error')) expect(o.result.length, what).toBeLessThan(400);
  if (junk) expect(o.result.includes(junk.slice(0, 41)), what).toBe(false);
}

const N = 200; // eval needs a KA box wider than twice its interaction range 2.7: 200 particles make it 5.5
const ka = randomConfiguration(getModel('ka3d'), N, 5);
const validXyz = writeExtendedXyz(ka, { model: 'ka3d', temperature: 0.8, columns: { phi: new Int32Array(N), mode_1: new Float64Array(3 * N).fill(0.25) } });
const validData = writeLammpsData(ka, { atomStyle: 'atomic', model: 'ka3d', temperature: 0.8 });
const [xyzCount, xyzHeader, ...xyzAtoms] = validXyz.trimEnd().split('\n');
const LONG = 'Q'.repeat(5000);

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Hand-made hostile files: each is a way a small file could ask for a great deal of memory or time. */
function hostileCases(): { name: string; path: string; junk?: string; reads?: boolean }[] {
  const huge = join(dir, 'huge.xyz'); // larger than any state may be: a sparse file, no disk used
  const fd = openSync(huge, 'w');
  writeFileSync(fd, `${xyzCount}\n${xyzHeader}\n`);
  ftruncateSync(fd, MAX_STATE_FILE_CHARS + 1024);
  closeSync(fd);
  const twoAtoms = (lattice: string) => `2\nLattice="${lattice}" Properties=species:S:1:pos:R:3:diameter:R:1 pbc="T T T" model=soft3d\nX 1 1 1 1\nX 2 2 2 1.2\n`;
  const oneAtom = (props: string, atom: string) => `1\nLattice="5 0 0 0 5 0 0 0 5" Properties=${props} pbc="T T T"\n${atom}\n`;
  return [
    { name: 'file above the size limit', path: huge },
    { name: 'xyz: a string column of 10^8 components', path: file('strings.xyz', oneAtom('species:S:1:pos:R:3:junk:S:100000000', 'X 1 1 1 a')) },
    { name: 'xyz: a real column of 10^9 components', path: file('reals.xyz', oneAtom('species:S:1:pos:R:3:junk:R:1000000000', 'X 1 1 1 0.5')) },
    { name: 'xyz: 10^15 atoms declared, one given', path: file('count.xyz', `1000000000000000\n${xyzHeader}\n${xyzAtoms[0]}\n`) },
    { name: 'xyz: every atom line 2·10^4 tokens wide', path: file('wide.xyz', [xyzCount, xyzHeader, ...xyzAtoms.map(() => '1 '.repeat(20000))].join('\n')) },
    { name: 'xyz: 10^4 Properties triples', path: file('props.xyz', oneAtom(`species:S:1:pos:R:3${':c:R:1'.repeat(10000)}`, 'X 1 1 1')) },
    { name: 'xyz: a comment line of 10^6 open braces', path: file('braces.xyz', `1\nLattice="5 0 0 0 5 0 0 0 5" a=${'{'.repeat(1000000)}\nX 1 1 1\n`) },
    { name: 'xyz: a 5000-character coordinate', path: file('token.xyz', [xyzCount, xyzHeader, xyzAtoms[0].replace(/^X \S+/, `X ${LONG}`), ...xyzAtoms.slice(1)].join('\n')), junk: LONG },
    { name: 'xyz: a 5000-character key', path: file('key.xyz', oneAtom(`species:S:1:pos:R:3:${LONG}:Q:1`, 'X 1 1 1 1')), junk: LONG },
    { name: 'xyz: soft3d, N = 2 in a 600³ box (was 8.1 GB)', path: file('box600.xyz', twoAtoms('600 0 0 0 600 0 0 0 600')), reads: true },
    { name: 'xyz: soft3d, N = 2 in a box of side 10^300', path: file('box300.xyz', twoAtoms('1e300 0 0 0 1e300 0 0 0 1e300')), reads: true },
    { name: 'data: 10^12 atoms declared', path: file('count.data', validData.replace(`${N} atoms`, '1000000000000 atoms')) },
    { name: 'data: 10^15 atom types declared', path: file('types.data', validData.replace('2 atom types', '1000000000000000 atom types')) },
    { name: 'data: a 5000-character section name', path: file('section.data', validData.replace('Masses', `Masses\n\n${LONG}`)), junk: LONG },
    { name: 'data: 10^5 comment lines in the header (valid LAMMPS)', path: file('header.data', validData.replace(`${N} atoms`, `${N} atoms\n${'# junk\n'.repeat(100000)}`)), reads: true },
  ];
}

/** Seeded mutations of the valid files from the project's Philox generator (src/physics/rng.ts). */
function mutatedCases(count: number): { name: string; path: string }[] {
  const rng = createRng(2026, Streams.bootstrap + 11);
  const int = (n: number) => Math.floor(rng.uniform() * n);
  const numbers = ['0', '-1', '1e308', '999999999999999999999', 'nan', 'inf', '1e-320', '2147483648', '64', '65', '100000000'];
  const mutate = (text: string): string => {
    const lines = text.split('\n');
    for (let m = 1 + int(3); m > 0; m--) {
      const k = int(lines.length);
      const tokens = lines[k].split(' ');
      switch (int(6)) {
        case 0: tokens[int(tokens.length)] = numbers[int(numbers.length)]; lines[k] = tokens.join(' '); break;
        case 1: lines[k] = lines[k].replace(/\d+/, numbers[int(numbers.length)]); break;
        case 2: lines.splice(k, 0, ...Array.from({ length: 1 + int(2000) }, () => lines[int(lines.length)])); break;
        case 3: lines.splice(k, 1 + int(5)); break;
        case 4: lines[k] = lines[k].replace(/:(\d+)(?=[: ])/, `:${numbers[int(numbers.length)]}`); break;
        default: lines[k] = `${lines[k]} ${'x'.repeat(int(100000))}`;
      }
    }
    return lines.join('\n');
  };
  return Array.from({ length: count }, (_, k) => {
    const xyz = k % 2 === 0;
    return { name: `mutation ${k} (${xyz ? 'xyz' : 'data'})`, path: file(`mutation-${k}.${xyz ? 'xyz' : 'data'}`, mutate(xyz ? validXyz : validData)) };
  });
}

describe('hostile state files, each through glasslab eval in a child process with a 256 MiB heap', () => {
  it('the valid files read (the harness sees success)', async () => {
    const [a, b] = await readAll([file('valid.xyz', validXyz), file('valid.data', validData)]);
    expect(a.result).toBe(`ok ${N}`);
    expect(b.result).toBe(`ok ${N}`);
    expectClean('valid xyz', a);
  }, 60_000);

  it('hand-made hostile files end in one clear error, quickly and within the memory bound', async () => {
    const cases = hostileCases();
    const outcomes = await readAll(cases.map((c) => c.path));
    cases.forEach((c, k) => {
      expectClean(c.name, outcomes[k], c.junk);
      expect(outcomes[k].result, c.name).toMatch(c.reads ? new RegExp(`^ok (2|${N})$`) : /^error /);
    });
  }, 120_000);

  it('12 seeded mutations of valid xyz and LAMMPS data files end cleanly', async () => {
    const cases = mutatedCases(12);
    const outcomes = await readAll(cases.map((c) => c.path));
    cases.forEach((c, k) => expectClean(c.name, outcomes[k]));
  }, 120_000);
});
