// A sheared (Lees–Edwards) state written as a triclinic cell: extended XYZ with a tilted Lattice vector and LAMMPS data with
// one tilt factor. Independent peers: ASE reads the XYZ to the same cell, positions and minimum-image distances; LAMMPS reads
// the data file and gives the energy and forces of our float64 engine (Kob–Andersen: the model LAMMPS has exactly;
// LAMMPS 2021 in Debian has no harmonic/cut pair style), and its write_data reads back to the same box. Our readers
// give back the box and positions; what neither format can hold is refused in one line.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importStartingState } from '../src/io/exports/importState.ts';
import { readExtendedXyz, writeExtendedXyz } from '../src/io/extendedXyz.ts';
import { readLammpsData, writeLammpsData } from '../src/io/lammpsData.ts';
import { lammpsInputScript } from '../src/io/lammpsInput.ts';
import { latticeRows } from '../src/io/shearedCell.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape, energy, energyAndForces } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS, randomConfiguration, type Model } from '../src/physics/models.ts';
import { affineShear, displacement, periodicBox, shearedBox, wrapPositions } from '../src/physics/space.ts';

const PYTHON = '/usr/bin/python3';
const hasAse = spawnSync(PYTHON, ['-c', 'import ase'], { encoding: 'utf8' }).status === 0;
const hasLammps = (() => { try { execFileSync('lmp', ['-h'], { stdio: 'ignore' }); return true; } catch { return false; } })();
if (!hasAse) console.warn('shearedFiles.test.ts: ASE tests skipped (python3-ase missing)');
if (!hasLammps) console.warn('shearedFiles.test.ts: LAMMPS tests skipped (`lmp` missing)');

/** A relaxed state of `model`, then sheared affinely by γ (x_a += γ x_b) into the sheared box and wrapped into its cell. */
function shearedState(model: Model, gamma: number, a: number, b: number, seed = 5): Configuration {
  const n = SIZES[model.name];
  const c = quench(model, jitteredLattice(model, n, seed), { algorithm: 'fire', maxSteps: 60 }).final;
  const box = shearedBox(c.box, gamma, a, b);
  return { ...c, box, positions: wrapPositions(box, affineShear(c.positions, box.dim, gamma, a, b)) };
}

/** Large enough for the sheared interaction range at |γ| ≤ 0.45. */
const SIZES: Record<string, number> = { ka3d: 300, ka2d: 120, soft3d: 160, soft2d: 80 };

const SHEARS = [
  { model: 'ka3d', gamma: 0.23, a: 0, b: 1 },
  { model: 'ka3d', gamma: -0.31, a: 0, b: 2 },
  { model: 'ka3d', gamma: 0.4, a: 1, b: 2 },
  { model: 'ka2d', gamma: 0.17, a: 0, b: 1 },
] as const;

describe('sheared boxes in our own readers', () => {
  for (const s of [...SHEARS, { model: 'soft3d', gamma: 0.2, a: 2, b: 0 }, { model: 'soft2d', gamma: -0.45, a: 1, b: 0 }] as const) {
    it(`${s.model}, γ = ${s.gamma} (${'xyz'[s.a]} along ${'xyz'[s.b]}): extended XYZ reads back to the same box, positions and energy`, () => {
      const model = MODELS[s.model];
      const c = s.model.startsWith('soft') ? shearedRandom(model, s.gamma, s.a, s.b) : shearedState(model, s.gamma, s.a, s.b);
      const back = readExtendedXyz(writeExtendedXyz(c, { model: s.model })).configuration;
      // γ comes back as (γ L_b) / L_b: equal to the last bit or two
      expect(back.box.shear?.a).toBe(s.a);
      expect(back.box.shear?.b).toBe(s.b);
      expect(back.box.shear?.gamma).toBeCloseTo(s.gamma, 14);
      expect(Array.from(back.box.lengths)).toEqual(Array.from(c.box.lengths));
      for (let k = 0; k < c.positions.length; k++) expect(back.positions[k]).toBeCloseTo(c.positions[k], 12);
      const e = energy(createLandscape(model, c), c.positions);
      expect(energy(createLandscape(model, back), back.positions) / e).toBeCloseTo(1, 12);
    });
  }

  for (const s of SHEARS) {
    it(`${s.model}, γ = ${s.gamma}: LAMMPS data reads back to the same box and positions`, () => {
      const c = shearedState(MODELS[s.model], s.gamma, s.a, s.b);
      const text = writeLammpsData(c, { atomStyle: 'sphere', model: s.model });
      expect(text).toMatch(/\n\S+ \S+ \S+ xy xz yz\n/);
      const back = readLammpsData(text).configuration;
      expect(back.box.shear?.a).toBe(s.a);
      expect(back.box.shear?.b).toBe(s.b);
      expect(back.box.shear?.gamma).toBeCloseTo(s.gamma, 14);
      for (let k = 0; k < c.positions.length; k++) expect(back.positions[k]).toBeCloseTo(c.positions[k], 12);
    });
  }

  it('an unwrapped position is written wrapped into the tilted cell', () => {
    const model = MODELS.soft2d;
    const c = shearedRandom(model, 0.3, 0, 1);
    const L = c.box.lengths;
    const moved = c.positions.slice();
    moved[0] += 0.3 * L[1]; moved[1] += L[1]; // the lattice vector of axis y: the same point
    const frame = readExtendedXyz(writeExtendedXyz({ ...c, positions: moved })).configuration;
    expect(frame.positions[0]).toBeCloseTo(c.positions[0], 12);
    expect(frame.positions[1]).toBeCloseTo(c.positions[1], 12);
  });

  it('refuses in one line what a format cannot hold', () => {
    const soft3d = shearedRandom(MODELS.soft3d, 0.2, 2, 0);
    expect(() => writeLammpsData(soft3d, { atomStyle: 'sphere' })).toThrow(/^a LAMMPS cell tilts x along y or z and y along z only; the shear of z along x cannot be written$/);
    const flat = randomConfiguration(MODELS.soft2d, 20, 3);
    const wide = { ...flat, box: shearedBox(periodicBox(2, [flat.box.lengths[0] / 2, flat.box.lengths[1]]), 0.4, 0, 1) };
    expect(() => writeLammpsData({ ...wide, positions: wrapPositions(wide.box, flat.positions.slice()) }, { atomStyle: 'sphere' })).toThrow(/^LAMMPS refuses a tilt xy = .* larger than half of L_x/);
    expect(() => importStartingState(writeExtendedXyz(soft3d, { model: 'soft3d' }), 's.xyz', { chosenModel: 'soft3d' })).toThrow(/^s.xyz holds a sheared box \(γ = 0.2\); the lab runs orthogonal boxes only/);
    const h4 = randomConfiguration(MODELS.harmonic4d, 20, 3);
    expect(() => writeExtendedXyz({ ...h4, box: shearedBox(h4.box, 0.1, 0, 3) })).toThrow(/^a sheared box in 4D has no extended XYZ form/);
  });
});

function shearedRandom(model: Model, gamma: number, a: number, b: number): Configuration {
  const c = randomConfiguration(model, SIZES[model.name], 9);
  const box = shearedBox(c.box, gamma, a, b);
  return { ...c, box, positions: wrapPositions(box, affineShear(c.positions, box.dim, gamma, a, b)) };
}

// ASE reads the file; prints its cell, positions and all minimum-image distances.
const ASE_SCRIPT = `
import json, sys
import ase.io
a = ase.io.read(sys.argv[1], format='extxyz')
print(json.dumps({'cell': a.cell.array.tolist(), 'positions': a.positions.tolist(), 'mic': a.get_all_distances(mic=True).tolist()}))
`;

describe.skipIf(!hasAse)('ASE reads a sheared extended XYZ', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasslab-shear-ase-'));
  for (const s of [...SHEARS, { model: 'soft3d', gamma: 0.2, a: 2, b: 0 }] as const) {
    it(`${s.model}, γ = ${s.gamma}: the same cell, positions and minimum-image distances`, () => {
      const model = MODELS[s.model];
      const c = s.model.startsWith('soft') ? shearedRandom(model, s.gamma, s.a, s.b) : shearedState(model, s.gamma, s.a, s.b);
      const file = join(dir, `${s.model}-${s.a}${s.b}.xyz`);
      writeFileSync(file, writeExtendedXyz(c, { model: s.model }));
      const r = spawnSync(PYTHON, ['-c', ASE_SCRIPT, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(r.status, r.stderr).toBe(0);
      const view = JSON.parse(r.stdout) as { cell: number[][]; positions: number[][]; mic: number[][] };
      // the tilted cell vector, by hand: row b is L_b e_b + γ L_b e_a
      const rows = latticeRows(c.box);
      expect(view.cell.flat()).toEqual(rows);
      expect(view.cell[s.b][s.a]).toBeCloseTo(s.gamma * c.box.lengths[s.b], 14);
      const d = c.box.dim, n = c.diameters.length;
      for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) expect(view.positions[i][k]).toBeCloseTo(c.positions[i * d + k], 12);
      // Our Lees–Edwards minimum image is exact below L/(2√(1+γ²)) (space.ts), the range every interaction uses.
      const range = Math.min(...c.box.lengths) / (2 * Math.sqrt(1 + s.gamma * s.gamma));
      const w = new Float64Array(d);
      let compared = 0;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        const ours = Math.hypot(...displacement(c.box, c.positions, i, j, w));
        if (Math.min(ours, view.mic[i][j]) >= range) continue;
        expect(ours).toBeCloseTo(view.mic[i][j], 10);
        compared++;
      }
      expect(compared).toBeGreaterThan(n);
    });
  }
});

describe.skipIf(!hasLammps)('LAMMPS reads a sheared data file (lmp)', () => {
  for (const s of SHEARS) {
    it(`${s.model}, γ = ${s.gamma} (${'xyz'[s.a]}${'xyz'[s.b]} tilt): LAMMPS's energy and forces equal ours; its write_data reads back to the same box`, () => {
      const model = MODELS[s.model];
      const c = shearedState(model, s.gamma, s.a, s.b);
      const land = createLandscape(model, c);
      const f = new Float64Array(c.positions.length);
      const e = energyAndForces(land, c.positions, f);
      const unsheared = energy(createLandscape(model, { ...c, box: periodicBox(c.box.dim, c.box.lengths), positions: wrapPositions(periodicBox(c.box.dim, c.box.lengths), c.positions.slice()) }), wrapPositions(periodicBox(c.box.dim, c.box.lengths), c.positions.slice()));
      expect(Math.abs(unsheared - e)).toBeGreaterThan(1e-3 * Math.abs(e)); // the tilt matters: an orthogonal reading differs
      const dir = mkdtempSync(join(tmpdir(), 'glasslab-shear-lmp-'));
      try {
        writeFileSync(join(dir, 'in.data'), writeLammpsData(c, { atomStyle: 'atomic', model: s.model }));
        writeFileSync(join(dir, 'in.lmp'), lammpsInputScript(model, { dataFile: 'in.data', dumpFile: 'forces.dump', outputDataFile: 'out.data' }));
        const log = execFileSync('lmp', ['-in', 'in.lmp', '-log', 'none', '-nocite'], { cwd: dir, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
        const lmpEnergy = Number(/GLASSLAB_ENERGY (\S+)/.exec(log)?.[1]);
        expect(Math.abs(lmpEnergy - e) / Math.abs(e)).toBeLessThan(1e-9);
        const dump = readFileSync(join(dir, 'forces.dump'), 'utf8').trim().split('\n');
        const start = dump.findIndex((l) => l.startsWith('ITEM: ATOMS')) + 1;
        const d = c.box.dim;
        let err = 0, norm = 0;
        for (let k = start; k < dump.length; k++) {
          const cols = dump[k].trim().split(/\s+/).map(Number);
          for (let a = 0; a < d; a++) { err = Math.max(err, Math.abs(cols[5 + a] - f[(cols[0] - 1) * d + a])); norm = Math.max(norm, Math.abs(f[(cols[0] - 1) * d + a])); }
        }
        expect(norm).toBeGreaterThan(0.1);
        expect(err / norm).toBeLessThan(1e-9);
        const back = readLammpsData(readFileSync(join(dir, 'out.data'), 'utf8'), { dim: model.dim as 2 | 3 }).configuration;
        expect(back.box.shear?.a).toBe(s.a);
        expect(back.box.shear?.b).toBe(s.b);
        expect(back.box.shear?.gamma).toBeCloseTo(s.gamma, 12);
        expect(energy(createLandscape(model, back), back.positions) / e).toBeCloseTo(1, 9);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
