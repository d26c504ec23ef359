// glasslab modes and glasslab inm, run in-process on small states (the commands are thin adapters over the physics).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readConfigurationText, writeConfigurationFile } from '../src/io/format.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { hessianProblem, measuredResiduals } from '../src/physics/analysis/modes/normalModes.ts';
import { modesCommand } from '../src/cli/commands/modes.ts';
import { inmCommand } from '../src/cli/commands/inm.ts';
import { main } from '../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'glasslab-modes-'));
const at = (name: string) => join(dir, name);

interface ModesJson { n: number; dim: number; eigenvalues: number[]; participation: number[]; method: string; rattlers: { count: number; excluded: boolean }; residuals: number[] }
interface InmRow { level: number | 'IS'; W: number; samples: number; tMean: number; fu: number; fuError: number; mobilityEdge: number | null; unstableParticipation: number | null; xi: number | null }

describe('glasslab modes', () => {
  beforeAll(async () => {
    const model = MODELS.soft2d;
    const is = quench(model, jitteredLattice(model, 100, 4), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
    await writeConfigurationFile(at('is.xyz'), is, { model: 'soft2d' });
  });

  it('prints the lowest K eigenvalues ascending with the translations removed, and writes them as columns', async () => {
    const r = (await modesCommand(['--in', at('is.xyz'), '--count', '6', '--out', at('modes.xyz'), '--json', '--quiet'])) as ModesJson;
    expect(r.n).toBe(100);
    expect(r.dim).toBe(2);
    expect(r.method).toBe('dense');
    expect(r.eigenvalues.length).toBe(6);
    expect(r.participation.length).toBe(6);
    for (let k = 1; k < 6; k++) expect(r.eigenvalues[k]).toBeGreaterThanOrEqual(r.eigenvalues[k - 1]);
    for (const p of r.participation) { expect(p).toBeGreaterThan(1 / 100); expect(p).toBeLessThanOrEqual(1); }
    // Only rattlers may carry (near-)zero modes once the translations are gone.
    const zeros = r.eigenvalues.filter((l) => Math.abs(l) < 1e-8).length;
    expect(zeros).toBeLessThanOrEqual(2 * r.rattlers.count);
    expect(Math.min(...r.eigenvalues)).toBeGreaterThan(-1e-8); // a minimum
    const frame = readConfigurationText(readFileSync(at('modes.xyz'), 'utf8'), 'modes.xyz');
    const e1 = frame.columns.mode_1 as Float64Array;
    expect(e1.length).toBe(200);
    expect(frame.columns.mode_6).toBeDefined();
    // The file's mode is the eigenvector: H e = λ e (to the 16 digits the file keeps).
    const problem = hessianProblem(createLandscape(MODELS.soft2d, frame.configuration), frame.configuration.positions);
    const [res] = measuredResiduals(problem.apply, Float64Array.of(r.eigenvalues[0]), [e1]);
    expect(res).toBeLessThan(1e-8);
  });

  it('--exclude-rattlers leaves no zero mode, and Lanczos agrees with dense', async () => {
    const dense = (await modesCommand(['--in', at('is.xyz'), '--count', '4', '--exclude-rattlers', '--json', '--quiet'])) as ModesJson;
    const lan = (await modesCommand(['--in', at('is.xyz'), '--count', '4', '--exclude-rattlers', '--method', 'lanczos', '--json', '--quiet'])) as ModesJson;
    expect(dense.rattlers.excluded).toBe(dense.rattlers.count > 0);
    expect(dense.eigenvalues[0]).toBeGreaterThan(1e-6);
    expect(lan.method).toBe('lanczos');
    for (let k = 0; k < 4; k++) expect(lan.eigenvalues[k]).toBeCloseTo(dense.eigenvalues[k], 7);
  });

  it('refuses a non-XYZ --out and a count beyond the modes, in one line each', async () => {
    await expect(modesCommand(['--in', at('is.xyz'), '--out', at('m.data'), '--quiet'])).rejects.toThrow(/extended XYZ/);
    await expect(modesCommand(['--in', at('is.xyz'), '--count', '500', '--quiet'])).rejects.toThrow(/more than the 198 modes/);
  });

  it('is registered with its help text', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['modes', '--help'])).toBe(0);
      expect(await main(['inm', '--help'])).toBe(0);
      const text = write.mock.calls.map((c) => String(c[0])).join('');
      expect(text).toContain('glasslab modes --in');
      expect(text).toContain('glasslab inm --in');
    } finally {
      write.mockRestore();
    }
  });
});

describe('glasslab inm (fixed-W sampling along steepest descent, 002 §III A)', () => {
  beforeAll(async () => {
    const model = MODELS.harmonic2d;
    await writeConfigurationFile(at('hot.xyz'), randomConfiguration(model, 64, 4), { model: 'harmonic2d' });
    await writeConfigurationFile(at('hot2.xyz'), randomConfiguration(model, 100, 5), { model: 'harmonic2d' });
  });

  it('one row per level and the IS; t grows and f_u falls as W falls; the IS is stable', async () => {
    const r = (await inmCommand(['--in', at('hot.xyz'), '--w-levels', '-0.5,-1.5,-2.5', '--samples', '2', '--json', '--quiet'])) as { rows: InmRow[]; samples: number };
    expect(r.samples).toBe(2);
    expect(r.rows.map((row) => row.level)).toEqual([-0.5, -1.5, -2.5, 'IS']);
    for (const row of r.rows) expect(row.samples).toBe(2);
    for (let k = 1; k < r.rows.length; k++) {
      expect(r.rows[k].tMean).toBeGreaterThanOrEqual(r.rows[k - 1].tMean);
      expect(r.rows[k].fu).toBeLessThanOrEqual(r.rows[k - 1].fu + 1e-12);
    }
    expect(r.rows[0].fu).toBeGreaterThan(0.02);
    expect(r.rows[0].unstableParticipation).toBeGreaterThan(0);
    expect(r.rows[3].fu).toBe(0);
    expect(r.rows[3].W).toBeLessThan(1e-15);
    for (const row of r.rows) expect(row.mobilityEdge).toBeNull(); // one N only
  });

  it('above --exact-limit f_u comes from stochastic Lanczos quadrature, within its error bar of the exact count', async () => {
    const args = ['--in', at('hot.xyz'), '--w-levels', '-0.5', '--json', '--quiet'];
    const exact = (await inmCommand(args)) as { rows: (InmRow & { fuMethod: string })[] };
    const slq = (await inmCommand([...args, '--exact-limit', '50'])) as { rows: (InmRow & { fuMethod: string })[] };
    expect(exact.rows[0].fuMethod).toBe('exact');
    expect(slq.rows[0].fuMethod).toBe('slq');
    expect(slq.rows[0].fuError).toBeGreaterThan(0);
    expect(Math.abs(slq.rows[0].fu - exact.rows[0].fu)).toBeLessThanOrEqual(slq.rows[0].fuError);
    // The most unstable mode is the same state's lowest eigenpair either way (dense there, Lanczos here).
    expect(slq.rows[0].unstableParticipation as number).toBeCloseTo(exact.rows[0].unstableParticipation as number, 6);
  });

  it('states of two sizes give a mobility-edge estimate where both have unstable modes', async () => {
    const r = (await inmCommand(['--in', `${at('hot.xyz')},${at('hot2.xyz')}`, '--w-levels', '-0.5', '--json', '--quiet'])) as { rows: InmRow[]; n: number[] };
    expect(r.n).toEqual([64, 100]);
    const edge = r.rows[0].mobilityEdge;
    expect(edge).not.toBeNull();
    expect(edge as number).toBeLessThanOrEqual(0); // 002: the mobility edge cannot be positive (phonons are delocalized)
    expect(edge as number).toBeGreaterThan((r.rows[0] as unknown as { lowestEigenvalue: number }).lowestEigenvalue * 1.5);
  });
});
