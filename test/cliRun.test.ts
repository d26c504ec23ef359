// glasslab run end to end: a link made by the encoder, or a spec file, run headless reproduces bit for bit the float64 series
// of the same job run in this process by the lab's runner; bad files and links are one line each.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EnsembleLabResult, LabJob, SingleResult } from '../src/engine/lab/protocol.ts';
import type { RunSpec } from '../src/engine/runSpec.ts';
import { parseResults } from '../src/io/runResults.ts';
import { encodeShareLink } from '../src/io/shareLink.ts';
import { parseStartingState } from '../src/state/startingState.ts';
import { resultOf, runToEnd, smallSpec, startCommand } from './lab/labHarness.ts';

const bin = join(__dirname, '..', 'bin', 'glasslab.mjs');
const dir = mkdtempSync(join(tmpdir(), 'glasslab-run-'));
const run = (args: string[]) => JSON.parse(execFileSync('node', [bin, 'run', ...args, '--json', '--quiet'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
const fail = (args: string[]) => {
  const r = spawnSync('node', [bin, 'run', ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr.trim() };
};
const direct = async (job: LabJob) => resultOf(await runToEnd(startCommand(job, 'cpu')));
const link = (spec: RunSpec, job: { kind: 'single' } | { kind: 'ensemble'; samples: number } | { kind: 'sweep'; samples: number; temperatures: number[] }) =>
  encodeShareLink({ v: 1, spec, job, engine: 'gpu' }, { baseUrl: 'https://glasslab.example/lab/' }).link;

describe('glasslab run', () => {
  it('a shared link reproduces, bit for bit, the float64 series and β of the same single job run directly', async () => {
    const spec = smallSpec({ temperature: Infinity, sweeps: 0, model: 'harmonic2d' });
    const r = run(['--from-url', link(spec, { kind: 'single' })]);
    const d = await direct({ kind: 'single', spec }) as SingleResult;
    expect(r.engine).toBe('cpu'); // the link asked for the GPU; the command runs float64 unless told
    expect(r.spec.temperature).toBe('inf');
    expect(r.series.t).toStrictEqual(d.series.t);
    expect(r.series.speed).toStrictEqual(d.series.speed);
    expect(r.series.energyPerParticle).toStrictEqual(d.series.energyPerParticle);
    expect(r.series.meanSquaredForce).toStrictEqual(d.series.meanSquaredForce);
    expect(r.fit).toStrictEqual(d.fit);
    expect(r.betaInterval).toStrictEqual([d.fit!.low, d.fit!.high]);
  });

  it('--samples M turns a shared single run into an ensemble, the same as the lab\'s ensemble job; --out writes a results file', async () => {
    const spec = smallSpec();
    const r = run(['--from-url', link(spec, { kind: 'single' }), '--samples', '2', '--out', 'ens.json']);
    const d = await direct({ kind: 'ensemble', spec, samples: 2 }) as EnsembleLabResult;
    expect(r.job).toStrictEqual({ kind: 'ensemble', samples: 2 });
    expect(r.series.t).toStrictEqual(d.t);
    expect(r.series.speed).toStrictEqual(d.meanSpeed);
    expect(r.fit).toStrictEqual(d.fit);
    expect(r.defectConcentrations).toStrictEqual(d.defectConcentrations);
    const saved = parseResults(readFileSync(join(dir, 'ens.json'), 'utf8'));
    expect(saved.meta).toMatchObject({ source: 'link', job: 'ensemble', samples: 2, engine: 'cpu', complete: true });
    const series = saved.results.find((x) => x.kind === 'quenchSeries');
    expect(series && series.kind === 'quenchSeries' && series.v).toStrictEqual(d.meanSpeed.filter((_, j) => d.t[j] > 0));
    expect(series && series.kind === 'quenchSeries' && series.W.length).toBe(d.t.filter((t) => t > 0).length);
  });

  it('a spec file with a shipped initialState starts from public/states/, as the page does', async () => {
    const spec: RunSpec = { model: 'ka3d', n: 1000, temperature: 2, seed: 1, sweeps: 5000, algorithm: 'sd', tMax: 0.05, forceTolerance: 0, fitWindow: { tMin: 0.01, tMax: 0.05 }, initialState: 'ka3d-T2-N1000.xyz' };
    writeFileSync(join(dir, 'ka.json'), JSON.stringify(spec));
    const r = run(['--spec', 'ka.json']);
    const file = join(__dirname, '..', 'public', 'states', 'ka3d-T2-N1000.xyz');
    const d = await direct({ kind: 'single', spec, start: parseStartingState(readFileSync(file, 'utf8'), spec, spec.initialState!) }) as SingleResult;
    expect(r.source).toBe('spec file');
    expect(r.series.speed).toStrictEqual(d.series.speed);
    expect(r.energyPerParticle).toBe(d.energyPerParticle);
  });

  it('bad files and links are one clear line each', () => {
    writeFileSync(join(dir, 'broken.json'), '{"model": "soft2d",');
    writeFileSync(join(dir, 'small-n.json'), JSON.stringify({ model: 'soft2d', n: 1, temperature: 0.5 }));
    writeFileSync(join(dir, 'no-state.json'), JSON.stringify({ model: 'soft2d', n: 64, temperature: 0.8, initialState: 'soft2d-T0.8-N64.xyz' }));
    writeFileSync(join(dir, 'wrong-state.json'), JSON.stringify({ model: 'soft2d', n: 64, temperature: 0.8, initialState: 'soft2d-T0.8-N1024.xyz' }));
    const good = link(smallSpec(), { kind: 'single' });
    const cases: [string[], RegExp][] = [
      [[], /^glasslab run: give one of --spec spec\.json or --from-url LINK$/],
      [['--spec', 'x.json', '--from-url', good], /give one of --spec/],
      [['--spec', 'missing.json'], /^glasslab run: cannot read missing\.json: no such file$/],
      [['--spec', 'broken.json'], /^glasslab run: broken\.json is not valid JSON/],
      [['--spec', 'small-n.json'], /^glasslab run: small-n\.json: spec\.n: expected an integer from 2 to/],
      [['--spec', 'no-state.json'], /initial state soft2d-T0\.8-N64\.xyz is not among the shipped states/],
      [['--spec', 'wrong-state.json'], /holds 1024 particles, not N = 64/],
      [['--from-url', good.slice(0, -9)], /^glasslab run: the link is damaged/],
      [['--from-url', good.replace('#v1.', '#v3.')], /^glasslab run: this link was made by a newer GlassLab \(v3\); this version reads v1$/],
      [['--from-url', link(smallSpec(), { kind: 'sweep', samples: 2, temperatures: [0.2, 0.5] })], /reproduces single and ensemble jobs, not a sweep/],
      [['--from-url', good, '--samples', '0'], /--samples must be an integer ≥ 1/],
      [['--from-url', good, '--engine', 'tpu'], /--engine must be gpu, cpu or auto/],
    ];
    for (const [args, message] of cases) {
      const r = fail(args);
      expect(r.status, args.join(" ")).toBe(1);
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});
