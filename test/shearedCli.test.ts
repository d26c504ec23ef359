// The CLI on a sheared (Lees–Edwards) state read from a file: glasslab elastic and nonlinear compute in the sheared box (the
// shear travels in ConfigurationData to the lab job) and --out writes the same sheared cell back. An inherent structure of the
// sheared box is not one of the orthogonal box, so elastic's force check would refuse a state whose shear had been dropped.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { elasticCommand } from '../src/cli/commands/elastic.ts';
import { nonlinearCommand } from '../src/cli/commands/nonlinear.ts';
import { quenchCommand } from '../src/cli/commands/quench.ts';
import { fromConfigurationData, toConfigurationData } from '../src/engine/lab/configurationData.ts';
import { readConfigurationText, writeConfigurationFile } from '../src/io/format.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { elasticPairs, shearModulus } from '../src/physics/elastic/index.ts';
import { createLandscape, energyAndForces } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
import { expansionOf, pairExpansion } from '../src/physics/nonlinear/index.ts';
import { affineShear, boxVolume, periodicBox, shearedBox, wrapPositions } from '../src/physics/space.ts';

const dir = mkdtempSync(join(tmpdir(), 'glasslab-sheared-cli-'));
const at = (name: string) => join(dir, name);
const GAMMA = 0.15;

describe('the CLI on a sheared inherent structure', () => {
  let is: Configuration;
  beforeAll(async () => {
    const model = MODELS.soft2d;
    const c0 = quench(model, jitteredLattice(model, 120, 6), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
    const box = shearedBox(c0.box, GAMMA, 0, 1);
    is = quench(model, { ...c0, box, positions: wrapPositions(box, affineShear(c0.positions, 2, GAMMA, 0, 1)) }, { algorithm: 'fire', forceTolerance: 1e-12 }).final;
    expect(is.box.shear?.gamma).toBe(GAMMA);
    await writeConfigurationFile(at('sheared.xyz'), is, { model: 'soft2d' });
  });

  it('ConfigurationData keeps the shear both ways', () => {
    const back = fromConfigurationData(toConfigurationData(is), MODELS.soft2d, 120);
    expect(back.box.shear).toEqual({ gamma: GAMMA, a: 0, b: 1 });
  });

  it('the state is a minimum of the sheared box only', () => {
    const fmax = (c: Configuration) => {
      const f = new Float64Array(c.positions.length);
      energyAndForces(createLandscape(MODELS.soft2d, c), c.positions, f);
      return Math.max(...f.map(Math.abs));
    };
    expect(fmax(is)).toBeLessThan(1e-6);
    const flat = periodicBox(2, is.box.lengths);
    expect(fmax({ ...is, box: flat, positions: wrapPositions(flat, is.positions.slice()) })).toBeGreaterThan(1e-4);
  });

  it('glasslab elastic gives G of the sheared box and writes kappa_local in the sheared cell', async () => {
    const r = (await elasticCommand(['--in', at('sheared.xyz'), '--dipole-pairs', '10', '--out', at('kappa.xyz'), '--json', '--quiet'])) as { shearModulus: number };
    const g = shearModulus(elasticPairs(createLandscape(MODELS.soft2d, is), is.positions.slice()), boxVolume(is.box));
    expect(Math.abs(r.shearModulus - g.shearModulus) / g.shearModulus).toBeLessThan(1e-6);
    const frame = readConfigurationText(readFileSync(at('kappa.xyz'), 'utf8'), 'kappa.xyz');
    expect(frame.configuration.box.shear?.gamma).toBeCloseTo(GAMMA, 14);
    expect((frame.columns.kappa_local as Float64Array).length).toBe(120);
  });

  it('a command that runs orthogonal boxes only refuses a sheared file in one line', async () => {
    await expect(quenchCommand(['--in', at('sheared.xyz'), '--algorithm', 'fire', '--json', '--quiet'])).rejects.toThrow(/sheared.xyz holds a sheared box \(γ = 0.15, axis 0 along 1\); this command runs orthogonal boxes only/);
  });

  it('glasslab nonlinear computes in the sheared box: κ of the written psi, pi4, pi3 in that box is the κ printed', async () => {
    type S = { kappa: number };
    const r = (await nonlinearCommand(['--in', at('sheared.xyz'), '--out', at('nqe.xyz'), '--json', '--quiet'])) as { harmonic: S; quartic: S; cubic: S };
    const frame = readConfigurationText(readFileSync(at('nqe.xyz'), 'utf8'), 'nqe.xyz');
    const c = frame.configuration;
    expect(c.box.shear?.gamma).toBeCloseTo(GAMMA, 14);
    const pe = pairExpansion(createLandscape(MODELS.soft2d, c), c.positions);
    for (const [column, printed] of [['psi', r.harmonic], ['pi4', r.quartic], ['pi3', r.cubic]] as const) {
      expect(expansionOf(pe, frame.columns[column] as Float64Array).kappa / printed.kappa).toBeCloseTo(1, 7);
    }
  });
});
