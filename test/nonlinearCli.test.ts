// glasslab nonlinear, run in-process through the lab's nonlinear job (src/cli/labJob.ts): its JSON, its extended XYZ columns
// read back by our reader and by ASE, and its refusals.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nonlinearCommand } from '../src/cli/commands/nonlinear.ts';
import { readConfigurationText, writeConfigurationFile } from '../src/io/format.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
import { expansionOf, pairExpansion } from '../src/physics/nonlinear/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'glasslab-nonlinear-'));
const at = (name: string) => join(dir, name);
const PYTHON = '/usr/bin/python3';
const hasAse = spawnSync(PYTHON, ['-c', 'import ase'], { encoding: 'utf8' }).status === 0;

interface Summary { kappa: number; tau: number; chi: number }
interface NonlinearJson {
  n: number; harmonic: Summary & { lambda: number; participation: number };
  quartic: Summary & { e: number; overlapWithHarmonic: number; residual: number; converged: boolean };
  cubic: Summary & { e: number; overlapWithQuartic: number; residual: number; converged: boolean };
}

describe('glasslab nonlinear', () => {
  beforeAll(async () => {
    const model = MODELS.soft2d;
    const is = quench(model, jitteredLattice(model, 120, 6), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
    await writeConfigurationFile(at('is.xyz'), is, { model: 'soft2d' });
    await writeConfigurationFile(at('lattice.xyz'), jitteredLattice(model, 120, 6), { model: 'soft2d' });
  });

  it('prints ψ, π4 and π3 with κ, τ, χ, e and overlaps, and writes psi, pi4, pi3 whose κ, τ, χ are those printed', async () => {
    const r = (await nonlinearCommand(['--in', at('is.xyz'), '--out', at('nqe.xyz'), '--json', '--quiet'])) as NonlinearJson;
    expect(r.n).toBe(120);
    expect(r.harmonic.kappa / r.harmonic.lambda).toBeCloseTo(1, 8);
    expect(r.quartic.converged && r.cubic.converged).toBe(true);
    expect(r.quartic.residual).toBeLessThan(1e-8);
    for (const e of [r.harmonic.participation, r.quartic.e, r.cubic.e]) { expect(e).toBeGreaterThan(1 / 120); expect(e).toBeLessThanOrEqual(1); }
    expect(r.quartic.e).toBeLessThan(r.harmonic.participation); // π4 is more localized than ψ (003 Fig. 1)
    expect(r.quartic.overlapWithHarmonic).toBeGreaterThan(0);
    expect(r.quartic.overlapWithHarmonic).toBeLessThanOrEqual(1 + 1e-12);
    expect(r.cubic.overlapWithQuartic).toBeLessThanOrEqual(1 + 1e-12);
    const frame = readConfigurationText(readFileSync(at('nqe.xyz'), 'utf8'), 'nqe.xyz');
    const c = frame.configuration;
    const pe = pairExpansion(createLandscape(MODELS.soft2d, c), c.positions);
    for (const [column, printed] of [['psi', r.harmonic], ['pi4', r.quartic], ['pi3', r.cubic]] as const) {
      const z = frame.columns[column] as Float64Array;
      expect(z.length).toBe(240);
      const e = expansionOf(pe, z);
      expect(e.norm2).toBeCloseTo(1, 12);
      expect(e.kappa / printed.kappa).toBeCloseTo(1, 8);
      expect(e.tau / printed.tau).toBeCloseTo(1, 8);
      expect(e.chi / printed.chi).toBeCloseTo(1, 8);
      expect(e.tau).toBeLessThanOrEqual(0);
    }
  });

  it.skipIf(!hasAse)('ASE reads psi, pi4 and pi3 as N×D arrays of unit norm', () => {
    const script = 'import sys, ase.io, numpy as np\na = ase.io.read(sys.argv[1])\nprint(" ".join("%s:%d:%d:%.12f" % (k, *a.arrays[k].shape, (a.arrays[k] ** 2).sum()) for k in ("psi", "pi4", "pi3")))';
    const out = spawnSync(PYTHON, ['-c', script, at('nqe.xyz')], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    for (const entry of out.stdout.trim().split(' ')) {
      const [, rows, cols, norm] = entry.split(':');
      expect(Number(rows)).toBe(120);
      expect(Number(cols)).toBe(2);
      expect(Number(norm)).toBeCloseTo(1, 10);
    }
  });

  it('refuses a state that is not an inherent structure, saying to quench it', async () => {
    await expect(nonlinearCommand(['--in', at('lattice.xyz'), '--json', '--quiet'])).rejects.toThrow(/not an inherent structure: max\|f_i\| = .*glasslab quench/);
  });

  it('refuses bad options with one clear line', async () => {
    await expect(nonlinearCommand(['--in', at('is.xyz'), '--tolerance', '2'])).rejects.toThrow(/--tolerance must be in \(0, 1\)/);
    await expect(nonlinearCommand(['--in', at('is.xyz'), '--out', at('x.data')])).rejects.toThrow(/--out must be an extended XYZ/);
  });
});
