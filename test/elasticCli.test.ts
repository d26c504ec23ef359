// glasslab elastic (the lab's elastic and elasticStudy jobs, run in-process): JSON fields, the kappa_local column as ASE
// reads it, the refusal of a configuration that is not an inherent structure, and the annealing study's statistics.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { elasticCommand } from '../src/cli/commands/elastic.ts';
import { toConfigurationData } from '../src/engine/lab/configurationData.ts';
import { runJobInProcess } from '../src/engine/lab/inProcess.ts';
import type { LabEvent } from '../src/engine/lab/protocol.ts';
import { DEFAULT_SPEC } from '../src/engine/runSpec.ts';
import { writeConfigurationFile } from '../src/io/format.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { dipoleStiffness, elasticPairs, samplePairs, shearModulus } from '../src/physics/elastic/index.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';
import { boxVolume } from '../src/physics/space.ts';
import type { Configuration } from '../src/physics/configuration.ts';

const dir = mkdtempSync(join(tmpdir(), 'glasslab-elastic-'));
const at = (name: string) => join(dir, name);
const PYTHON = '/usr/bin/python3';
const hasAse = spawnSync(PYTHON, ['-c', 'import ase'], { encoding: 'utf8' }).status === 0;

interface ElasticJson { shearModulus: number; born: number; nonaffine: number; planes: { a: number; b: number }[]; dipole: { mean: number; median: number; count: number }; rattlers: number; engine: string }

describe('glasslab elastic --in', () => {
  let is: Configuration;
  beforeAll(async () => {
    const model = MODELS.soft3d;
    const start = randomConfiguration(model, 216, 2);
    is = quench(model, start, { algorithm: 'fire', forceTolerance: 1e-11 }).final;
    await writeConfigurationFile(at('is.xyz'), is, { model: 'soft3d' });
    await writeConfigurationFile(at('random.xyz'), start, { model: 'soft3d' });
  });

  it('prints G with its parts and the dipole statistics, equal to the physics on the same state', async () => {
    const r = (await elasticCommand(['--in', at('is.xyz'), '--dipole-pairs', '20', '--out', at('kappa.xyz'), '--json', '--quiet'])) as ElasticJson;
    expect(r.engine).toBe('cpu');
    expect(r.planes.map((p) => [p.a, p.b])).toEqual([[0, 1], [0, 2], [1, 2]]);
    expect(r.dipole.count).toBe(20);
    expect(r.shearModulus).toBeCloseTo(r.born - r.nonaffine, 10);
    const pairs = elasticPairs(createLandscape(MODELS.soft3d, is), is.positions.slice());
    const g = shearModulus(pairs, boxVolume(is.box));
    const k = dipoleStiffness(pairs, samplePairs(pairs.hessian.first.length, 20));
    // the file keeps 16 digits of the positions; CG stops at |r|/|b| = 1e-8
    expect(Math.abs(r.shearModulus - g.shearModulus) / g.shearModulus).toBeLessThan(1e-6);
    expect(Math.abs(r.dipole.mean - k.mean) / k.mean).toBeLessThan(1e-6);
    expect(Math.abs(r.dipole.median - k.median) / k.median).toBeLessThan(1e-6);
    if (!hasAse) return;
    const py = spawnSync(PYTHON, ['-c', [
      'import sys, ase.io, numpy as np',
      'a = ase.io.read(sys.argv[1])',
      'k = a.arrays["kappa_local"]',
      'print(len(a), k.shape[0], int((k > 0).sum()), float(k[k > 0].mean()))',
    ].join('\n'), at('kappa.xyz')], { encoding: 'utf8' });
    expect(py.stderr).toBe('');
    const [n, rows, measured, meanLocal] = py.stdout.trim().split(' ').map(Number);
    expect(n).toBe(216);
    expect(rows).toBe(216);
    expect(measured).toBeGreaterThan(20); // every pair has two ends: 20 pairs touch 21 to 40 particles
    expect(measured).toBeLessThanOrEqual(40);
    expect(Math.abs(meanLocal - k.local.filter((x) => x > 0).reduce((s, x, _, a) => s + x / a.length, 0))).toBeLessThan(1e-9 * meanLocal);
  });

  it('refuses a configuration that is not an inherent structure, and bad options, with clear messages', async () => {
    await expect(elasticCommand(['--in', at('random.xyz'), '--json', '--quiet'])).rejects.toThrow(/not an inherent structure: max\|f_i\| = .* quench it/);
    await expect(elasticCommand(['--in', at('is.xyz'), '--dipole-pairs', '0', '--quiet'])).rejects.toThrow(/--dipole-pairs must be an integer ≥ 1/);
    await expect(elasticCommand(['--in', at('is.xyz'), '--out', at('k.data'), '--quiet'])).rejects.toThrow(/extended XYZ/);
    await expect(elasticCommand(['--quiet'])).rejects.toThrow(/--in FILE/);
  });
});

describe('the lab\'s elastic job', () => {
  it('checks its settings, streams progress per CG solve, and returns the measured pairs with their κ_ij', async () => {
    const model = MODELS.soft2d;
    const c = quench(model, randomConfiguration(model, 100, 5), { algorithm: 'fire', forceTolerance: 1e-11 }).final;
    const spec = { ...DEFAULT_SPEC, model: model.name, n: 100, temperature: Infinity, sweeps: 0 };
    const start = toConfigurationData(c);
    await expect(runJobInProcess({ kind: 'elastic', spec, start, settings: { dipolePairs: 2.5 } }, 'cpu')).rejects.toThrow(/dipole pairs must be an integer ≥ 1/);
    await expect(runJobInProcess({ kind: 'elastic', spec, start, settings: { tolerance: 2 } }, 'cpu')).rejects.toThrow(/CG tolerance must lie in \(0, 1\)/);
    const events: LabEvent[] = [];
    const r = await runJobInProcess({ kind: 'elastic', spec, start, settings: { dipolePairs: 6 } }, 'cpu', (e) => events.push(e));
    if (r.kind !== 'elastic') throw new Error('not an elastic result');
    expect(r.pairKappa.length).toBe(6);
    expect(r.localKappa.length).toBe(100);
    for (let k = 0; k < 6; k++) expect(r.pairFirst[k]).not.toBe(r.pairSecond[k]);
    expect(events.some((e) => e.type === 'phase' && /dipole stiffness of 6 pairs/.test(e.label))).toBe(true);
    expect(events.some((e) => e.type === 'progress' && /G in plane \(0, 1\)/.test(e.label))).toBe(true);
  });
});

describe('glasslab elastic --temperatures (004 Fig. 3)', () => {
  it('per T_p: the sample means of G and κ with bootstrap intervals around them, changes relative to the first T_p', async () => {
    const r = (await elasticCommand(['--model', 'soft2d', '--n', '100', '--temperatures', 'inf,0.5', '--samples', '3', '--sweeps', '20', '--dipole-pairs', '8', '--json', '--quiet'])) as {
      points: { temperature: number | string; samples: number; shearModulus: { mean: number; low: number; high: number }; kappa: { mean: number; low: number; high: number }; relativeShearModulus: number; relativeKappa: number; perSample: { shearModulus: number[]; kappa: number[] } }[];
    };
    expect(r.points.map((p) => p.temperature)).toEqual(['inf', 0.5]);
    for (const p of r.points) {
      expect(p.perSample.shearModulus.length).toBe(3);
      const mean = p.perSample.kappa.reduce((s, x) => s + x, 0) / 3;
      expect(p.kappa.mean).toBeCloseTo(mean, 12);
      expect(p.kappa.low).toBeLessThanOrEqual(p.kappa.mean);
      expect(p.kappa.high).toBeGreaterThanOrEqual(p.kappa.mean);
      expect(p.kappa.low).toBeGreaterThanOrEqual(Math.min(...p.perSample.kappa) * (1 - 1e-12)); // a mean of copies of one value may round
      expect(p.shearModulus.high).toBeLessThanOrEqual(Math.max(...p.perSample.shearModulus) * (1 + 1e-12));
      for (const g of p.perSample.shearModulus) expect(g).toBeGreaterThan(0);
    }
    expect(r.points[0].relativeKappa).toBe(0);
    expect(r.points[1].relativeKappa).toBeCloseTo(r.points[1].kappa.mean / r.points[0].kappa.mean - 1, 12);
    expect(r.points[1].relativeShearModulus).toBeCloseTo(r.points[1].shearModulus.mean / r.points[0].shearModulus.mean - 1, 12);
  });
});
