// The glasslab command end to end: real processes, real files, JSON on stdout, one-line errors.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfigurationText } from '../src/io/format.ts';
import { createLandscape, energyAndForces } from '../src/physics/forces.ts';
import { MODELS } from '../src/physics/models.ts';

const bin = join(__dirname, '..', 'bin', 'glasslab.mjs');
const dir = mkdtempSync(join(tmpdir(), 'glasslab-cli-'));
const run = (args: string[]) => JSON.parse(execFileSync('node', [bin, ...args, '--json'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
const fail = (args: string[]) => {
  const r = spawnSync('node', [bin, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr.trim() };
};

describe('glasslab CLI', () => {
  beforeAll(() => {
    run(['equilibrate', '--model', 'soft2d', '--n', '200', '--temperature', '0.8', '--sweeps', '100', '--seed', '4', '--out', 'eq.xyz', '--quiet']);
  });

  it('equilibrate reports energy and acceptance rates and writes a readable state', () => {
    const r = run(['equilibrate', '--model', 'ka3d', '--n', '300', '--temperature', '1.0', '--sweeps', '20', '--seed', '2', '--out', 'ka.data', '--quiet']);
    expect(r.acceptance.displacement).toBeGreaterThan(0);
    expect(r.acceptance.displacement).toBeLessThan(1);
    const c = readConfigurationText(readFileSync(join(dir, 'ka.data'), 'utf8'), 'ka.data').configuration;
    expect(c.diameters.length).toBe(300);
  });

  it('eval prints the energy and forces of the file exactly as the engine computes them', () => {
    const r = run(['eval', '--in', 'eq.xyz']);
    const loaded = readConfigurationText(readFileSync(join(dir, 'eq.xyz'), 'utf8'), 'eq.xyz');
    const f = new Float64Array(loaded.configuration.positions.length);
    const e = energyAndForces(createLandscape(MODELS.soft2d, loaded.configuration), loaded.configuration.positions.slice(), f);
    expect(r.n).toBe(200);
    expect(r.energy).toBe(e);
    expect(r.energyPerParticle).toBe(e / 200);
    expect(r.forces[7]).toEqual([f[14], f[15]]);
    expect(r.maxForce).toBeGreaterThan(0);
  });

  it('quench prints the series and the fit, and its final state is a lower-energy state of the same system', () => {
    const r = run(['quench', '--in', 'eq.xyz', '--algorithm', 'sd', '--t-max', '5', '--fit-min', '0.5', '--fit-max', '5', '--out', 'is.xyz', '--quiet']);
    expect(r.series.t.length).toBe(r.series.speed.length);
    expect(r.series.t.length).toBeGreaterThan(30);
    expect(r.fit.beta).toBeGreaterThan(0.3);
    expect(r.fit.beta).toBeLessThan(2);
    const after = run(['eval', '--in', 'is.xyz']);
    expect(after.energyPerParticle).toBeCloseTo(r.energyPerParticle, 10);
    expect(after.energyPerParticle).toBeLessThan(r.series.energyPerParticle[0]);
  });

  it('FIRE and CG reach the force tolerance; analyze gives φ, D²min and the distance', () => {
    const fire = run(['quench', '--in', 'eq.xyz', '--algorithm', 'fire', '--out', 'fire.xyz', '--quiet']);
    const cg = run(['quench', '--in', 'eq.xyz', '--algorithm', 'cg', '--out', 'cg.xyz', '--quiet']);
    expect(fire.stopReason).toBe('force-tolerance');
    expect(cg.stopReason).toBe('force-tolerance');
    const a = run(['analyze', '--initial', 'eq.xyz', '--final', 'fire.xyz']);
    expect(a.phi.length).toBe(200);
    expect(a.d2min.length).toBe(200);
    expect(a.concentration).toBe(a.phi.reduce((s: number, x: number) => s + x, 0) / 200);
    const same = run(['analyze', '--initial', 'fire.xyz', '--final', 'fire.xyz', '--x-cut-eq', '1.4']);
    expect(same.distance).toBe(0);
    expect(same.concentration).toBe(0);
    const between = run(['analyze', '--initial', 'fire.xyz', '--final', 'cg.xyz', '--x-cut-eq', '1.4']);
    expect(between.distance).toBeGreaterThanOrEqual(0);
  });

  it('ensemble averages samples and reports β with an interval, ⟨φ⟩ and χ', () => {
    const r = run(['ensemble', '--model', 'harmonic2d', '--n', '200', '--temperature', 'inf', '--samples', '3', '--t-max', '20', '--fit-min', '1', '--fit-max', '20', '--out', 'ens.json', '--quiet']);
    expect(r.samples).toBe(3);
    expect(r.betaInterval[0]).toBeLessThanOrEqual(r.beta);
    expect(r.betaInterval[1]).toBeGreaterThanOrEqual(r.beta);
    expect(r.defectConcentration).toBeGreaterThanOrEqual(0);
    const saved = JSON.parse(readFileSync(join(dir, 'ens.json'), 'utf8'));
    expect(saved.format).toBe('glasslab-results');
    expect(saved.meta.complete).toBe(true);
    expect(saved.meta.samplesDone).toBe(3);
  });

  it('an interrupted ensemble keeps the samples it finished (saved after each sample)', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn('node', [bin, 'ensemble', '--model', 'harmonic2d', '--n', '400', '--temperature', 'inf', '--samples', '50', '--t-max', '50', '--fit-min', '1', '--fit-max', '50', '--out', 'partial.json'], { cwd: dir });
    const path = join(dir, 'partial.json');
    const { existsSync } = await import('node:fs');
    for (let k = 0; k < 600 && !existsSync(path); k++) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(saved.meta.complete).toBe(false);
    expect(saved.meta.samplesDone).toBeGreaterThanOrEqual(1);
    expect(saved.results[0].samples).toBe(saved.meta.samplesDone);
  });

  it.each([
    [['equilibrate', '--model', 'nope', '--n', '10', '--temperature', '1', '--out', 'x.xyz'], /unknown model "nope"/],
    [['equilibrate', '--model', 'soft2d', '--n', '0', '--temperature', '1', '--out', 'x.xyz'], /--n must be an integer ≥ 2/],
    [['equilibrate', '--model', 'soft2d', '--n', '100', '--temperature', '-1', '--out', 'x.xyz'], /temperature must be positive/],
    [['equilibrate', '--model', 'soft2d', '--n', '100', '--temperature', 'NaN', '--out', 'x.xyz'], /temperature must be a number/],
    [['quench', '--in', 'missing.xyz', '--out', 'x.xyz'], /cannot read missing.xyz: no such file/],
    [['quench', '--in', 'eq.xyz', '--algorithm', 'newton', '--out', 'x.xyz'], /--algorithm must be sd, fire or cg/],
    [['eval', '--in', 'eq.xyz', '--model', 'soft3d'], /2D but model soft3d is 3D/],
    [['bogus'], /unknown command/],
  ])('rejects %j with one clear line', (args, message) => {
    const r = fail(args as string[]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a file whose header count disagrees with its body', () => {
    const text = readFileSync(join(dir, 'eq.xyz'), 'utf8').split('\n');
    writeFileSync(join(dir, 'short.xyz'), text.slice(0, 50).join('\n'));
    const r = fail(['eval', '--in', 'short.xyz', '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/short.xyz: header \(line 1\) says 200 atoms but found 48 atom lines/);
  });
});
