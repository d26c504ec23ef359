import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Configuration } from '../src/physics/configuration.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';
import { periodicBox } from '../src/physics/space.ts';
import { readExtendedXyz, readExtendedXyzFrames, writeExtendedXyz } from '../src/io/extendedXyz.ts';
import { readLammpsData, writeLammpsData } from '../src/io/lammpsData.ts';
import { parseResults, serializeResults, type ResultsInput } from '../src/io/runResults.ts';
import {
  detectConfigurationFormat,
  readConfigurationFile,
  readConfigurationText,
  writeConfigurationFile,
  writeConfigurationText,
} from '../src/io/format.ts';
import { FileFormatError, wrapCoordinate } from '../src/io/text.ts';

// ---------------------------------------------------------------- helpers

/** The raw 64-bit patterns, so that −0 ≠ 0 and every last bit counts. */
function bits(a: Float64Array): bigint[] {
  return Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length));
}

function expectSameConfiguration(b: Configuration, a: Configuration): void {
  expect(b.box.dim).toBe(a.box.dim);
  expect(bits(b.box.lengths)).toEqual(bits(a.box.lengths));
  expect(bits(b.positions)).toEqual(bits(a.positions));
  expect(bits(b.diameters)).toEqual(bits(a.diameters));
  expect(Array.from(b.species)).toEqual(Array.from(a.species));
}

/** A model's random state, its first coordinates replaced by awkward values. */
function awkwardConfiguration(model: keyof typeof MODELS, n: number): Configuration {
  const c = randomConfiguration(MODELS[model], n, 7);
  const L = c.box.lengths[0];
  const special = [0.1 + 0.2, 1e-17, L - 1e-12, 0, -0, Number.MIN_VALUE, L * (1 - Number.EPSILON / 2), Math.PI];
  special.forEach((x, k) => { c.positions[k] = x; });
  for (let k = special.length; k < c.positions.length; k++) c.positions[k] = Math.random() * L;
  return c;
}

function softConfiguration(dim: number, n: number): Configuration {
  return awkwardConfiguration(dim === 2 ? 'soft2d' : 'soft3d', n);
}

// ---------------------------------------------------------------- extended XYZ

describe('extended XYZ round trips', () => {
  it('3D Kob–Andersen, bit for bit, with model and temperature', () => {
    const c = awkwardConfiguration('ka3d', 200);
    const text = writeExtendedXyz(c, { model: 'ka3d', temperature: 0.45 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('200');
    expect(lines[1]).toMatch(/^Lattice="\S+ 0 0 0 \S+ 0 0 0 \S+" Properties=species:S:1:pos:R:3:diameter:R:1:species_index:I:1 pbc="T T T" dim=3 model=ka3d temperature=0.45$/);
    expect(lines[2]).toMatch(/^X 0\.30000000000000004 1e-17 \S+ (1|0\.88) [01]$/); // species X for ASE; the type in species_index
    const f = readExtendedXyz(text);
    expectSameConfiguration(f.configuration, c);
    expect(f.model).toBe('ka3d');
    expect(f.temperature).toBe(0.45);
    expect(f.info).toEqual({ model: 'ka3d', temperature: '0.45' });
    expect(f.speciesLabels).toEqual(['A', 'B']);
  });

  it('2D polydisperse with per-particle phi (int) and d2min (float) columns', () => {
    const c = softConfiguration(2, 150);
    const phi = Int32Array.from({ length: 150 }, () => (Math.random() < 0.2 ? 1 : 0));
    const d2min = Float64Array.from({ length: 150 }, () => Math.random() * 1e-3);
    d2min[0] = 0.1 + 0.2;
    const text = writeExtendedXyz(c, { model: 'soft2d', info: { note: 'a "quoted" run', swap: true }, columns: { phi, d2min } });
    expect(text.split('\n')[1]).toContain('Properties=species:S:1:pos:R:3:diameter:R:1:species_index:I:1:phi:I:1:d2min:R:1 pbc="T T F" dim=2');
    expect(text.split('\n')[1]).toContain('Lattice="' + c.box.lengths[0] + ' 0 0 0 ' + c.box.lengths[1] + ' 0 0 0 1"');
    expect(text.split('\n')[2].split(' ')[3]).toBe('0'); // z = 0
    const f = readExtendedXyz(text);
    expectSameConfiguration(f.configuration, c);
    expect(f.columns.phi).toBeInstanceOf(Int32Array);
    expect(Array.from(f.columns.phi)).toEqual(Array.from(phi));
    expect(bits(f.columns.d2min as Float64Array)).toEqual(bits(d2min));
    expect(f.info.note).toBe('a "quoted" run');
    expect(f.info.swap).toBe('T');
    // read → write → read is stable
    const again = readExtendedXyz(writeExtendedXyz(f.configuration, { info: f.info, columns: f.columns }));
    expectSameConfiguration(again.configuration, c);
  });

  it('3D soft spheres and multi-component columns', () => {
    const c = softConfiguration(3, 64);
    const vel = Float64Array.from({ length: 64 * 3 }, () => Math.random() - 0.5);
    const f = readExtendedXyz(writeExtendedXyz(c, { columns: { vel } }));
    expectSameConfiguration(f.configuration, c);
    expect(bits(f.columns.vel as Float64Array)).toEqual(bits(vel));
  });

  it('more than 26 species: species_index holds them, labels become numbers', () => {
    const c = softConfiguration(3, 40);
    for (let i = 0; i < 40; i++) c.species[i] = i;
    const text = writeExtendedXyz(c);
    expect(text).toContain('Properties=species:S:1:pos:R:3:diameter:R:1:species_index:I:1 ');
    const f = readExtendedXyz(text);
    expectSameConfiguration(f.configuration, c);
    expect(f.speciesLabels[39]).toBe('39');
  });

  it('reads the older GlassLab form (species letters A, B, no species_index) to the same configuration', () => {
    const c = awkwardConfiguration('ka3d', 200);
    const lines = writeExtendedXyz(c, { model: 'ka3d' }).trimEnd().split('\n');
    const old = [lines[0], lines[1].replace(':species_index:I:1', ''), ...lines.slice(2).map((l, i) => {
      const t = l.split(' ');
      t[0] = 'AB'[c.species[i]];
      return t.slice(0, 5).join(' ');
    })].join('\n');
    const f = readExtendedXyz(old);
    expectSameConfiguration(f.configuration, c);
    expect(f.speciesLabels).toEqual(['A', 'B']);
  });

  it('writes 4D configurations in the dim=D box=… extension (test/highDimensionalFiles.test.ts), and refuses bad extra columns', () => {
    const c4: Configuration = { box: periodicBox(4, 3), positions: new Float64Array(8), diameters: new Float64Array([1, 1]), species: new Uint8Array(2) };
    expect(writeExtendedXyz(c4).split('\n')[1]).toMatch(/^box="3 3 3 3" Properties=species:S:1:pos:R:4:/);
    const c = softConfiguration(3, 10);
    expect(() => writeExtendedXyz(c, { columns: { phi: new Int32Array(7) } })).toThrow(/column "phi" has 7 values for 10 particles/);
    expect(() => writeExtendedXyz(c, { columns: { pos: new Float64Array(30) } })).toThrow(/reserved/);
    expect(() => writeExtendedXyz(c, { info: { Lattice: 'x' } })).toThrow(/reserved/);
    expect(() => writeExtendedXyz(c, { columns: { d2min: new Float64Array(10).fill(NaN) } })).toThrow(/non-finite/);
  });
});

describe('extended XYZ files as ASE and OVITO write them', () => {
  it('reads an ASE file: chemical symbols, extra info, positions outside the box wrapped', () => {
    const text = [
      '3',
      'Lattice="5.0 0.0 0.0 0.0 6.0 0.0 0.0 0.0 7.0" Properties=species:S:1:pos:R:3 energy=-1.5 config_type=bulk pbc="T T T"',
      'Ar       0.00000000       0.00000000       0.00000000',
      'Ne       1.00000000       2.00000000       3.00000000',
      'Ar       6.00000000      -1.00000000       3.50000000',
      '',
    ].join('\n');
    const f = readExtendedXyz(text);
    const c = f.configuration;
    expect(c.box.dim).toBe(3);
    expect(Array.from(c.box.lengths)).toEqual([5, 6, 7]);
    expect(Array.from(c.species)).toEqual([0, 1, 0]);
    expect(f.speciesLabels).toEqual(['Ar', 'Ne']);
    expect(Array.from(c.positions.slice(6))).toEqual([1, 5, 3.5]);
    expect(Array.from(c.diameters)).toEqual([1, 1, 1]);
    expect(f.info).toEqual({ energy: '-1.5', config_type: 'bulk' });
  });

  it('reads an OVITO file: Origin, type:I (1-based), radius, CRLF line ends', () => {
    const text = [
      '2',
      'Lattice="4 0 0 0 4 0 0 0 4" Origin="-2 -2 -2" Properties=pos:R:3:type:I:1:radius:R:1:Selection:L:1',
      '-1.5 0 1.5 1 0.5 T',
      '1 1 -2 2 0.44 F',
      '',
    ].join('\r\n');
    const f = readExtendedXyz(text);
    expect(Array.from(f.configuration.positions)).toEqual([0.5, 2, 3.5, 3, 3, 0]);
    expect(Array.from(f.configuration.species)).toEqual([0, 1]);
    expect(Array.from(f.configuration.diameters)).toEqual([1, 0.88]);
    expect(Array.from(f.columns.Selection)).toEqual([1, 0]);
  });

  it('reads a 2D ASE file (pbc="T T F", Lz = 0, no dim key) and KA diameters from model=', () => {
    const text = [
      '2',
      'Lattice="3 0 0 0 3 0 0 0 0" Properties=species:S:1:pos:R:3 pbc="T T F" model=ka2d',
      'A 1 2 0',
      'B 2.5 0.5 0',
    ].join('\n');
    const c = readExtendedXyz(text).configuration;
    expect(c.box.dim).toBe(2);
    expect(Array.from(c.positions)).toEqual([1, 2, 2.5, 0.5]);
    expect(Array.from(c.diameters)).toEqual([1, 0.88]);
  });

  it('reads every frame of a trajectory, and the single-frame reader refuses it', () => {
    const frame = (x: number) => ['1', 'Lattice="2 0 0 0 2 0 0 0 2" Properties=species:S:1:pos:R:3', `A ${x} 0 0`];
    const text = [...frame(0.5), ...frame(0.75)].join('\n') + '\n';
    const frames = readExtendedXyzFrames(text);
    expect(frames.map((f) => f.configuration.positions[0])).toEqual([0.5, 0.75]);
    expect(() => readExtendedXyz(text)).toThrow(/^line 4: a second frame starts here/);
  });
});

describe('malformed extended XYZ', () => {
  const L2 = 'Lattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3:diameter:R:1 pbc="T T T"';
  const file = (...lines: string[]) => lines.join('\n') + '\n';
  const cases: [string, string, RegExp][] = [
    ['empty file', '', /^line 1: empty file/],
    ['non-numeric count', file('abc', L2, 'A 0 0 0 1'), /^line 1: number of atoms = 'abc' is not an integer/],
    ['two tokens on line 1', file('1 2', L2, 'A 0 0 0 1'), /^line 1: expected the number of atoms/],
    ['N = 0', file('0', L2), /^line 1: number of atoms must be positive, found 0/],
    ['N < 0', file('-3', L2), /^line 1: number of atoms must be positive, found -3/],
    ['missing comment line', '1\n', /^line 2: missing the comment line/],
    ['missing Lattice', file('1', 'Properties=species:S:1:pos:R:3', 'A 0 0 0'), /^line 2: missing Lattice/],
    ['two tilted cell vectors', file('1', 'Lattice="5 0 0 0.5 5 0 0.5 0 5" Properties=species:S:1:pos:R:3', 'A 0 0 0'), /^line 2: Lattice is neither orthorhombic nor a simple shear/],
    ['tilt beyond |γ| = 0.5', file('1', 'Lattice="5 0 0 3 5 0 0 0 5" Properties=species:S:1:pos:R:3', 'A 0 0 0'), /^line 2: Lattice gives a shear γ = 0.6 of x along y; only \|γ\| ≤ 0.5/],
    ['short Lattice', file('1', 'Lattice="5 0 0 0 5 0 0 0" Properties=species:S:1:pos:R:3', 'A 0 0 0'), /^line 2: Lattice must have 9 numbers, found 8/],
    ['non-numeric Lattice', file('1', 'Lattice="5 0 0 0 five 0 0 0 5"', 'A 0 0 0'), /^line 2: Lattice\[4\] = 'five' is not a number/],
    ['negative length', file('1', 'Lattice="5 0 0 0 -5 0 0 0 5"', 'A 0 0 0'), /^line 2: Lattice length along y must be positive/],
    ['non-periodic x', file('1', 'Lattice="5 0 0 0 5 0 0 0 5" pbc="F T T"', 'A 0 0 0'), /^line 2: only periodic boxes are supported/],
    ['dim=3 with pbc z = F', file('1', 'Lattice="5 0 0 0 5 0 0 0 5" pbc="T T F" dim=3', 'A 0 0 0'), /^line 2: dim=3 but pbc says z is not periodic/],
    ['unterminated quote', file('1', 'Lattice="5 0 0 0 5 0 0 0 5', 'A 0 0 0'), /^line 2: unterminated " in the value of 'Lattice'/],
    ['duplicate key', file('1', 'Lattice="5 0 0 0 5 0 0 0 5" model=a model=b', 'A 0 0 0'), /^line 2: key 'model' appears twice/],
    ['unknown property type', file('1', 'Lattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:X:3', 'A 0 0 0'), /^line 2: Properties: column 'pos' has unknown type 'X'/],
    ['no pos column', file('1', 'Lattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1', 'A'), /^line 2: Properties has no pos column/],
    ['2-component pos', file('1', 'Lattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:2', 'A 0 0'), /^line 2: Properties: pos must be pos:R:3/],
    ['bad temperature', file('1', 'Lattice="5 0 0 0 5 0 0 0 5" temperature=hot', 'A 0 0 0'), /^line 2: temperature = 'hot' is not a number/],
    ['too few columns', file('3', L2, 'A 0 0 0 1', 'A 1 1 1 1', 'B 1 2 0.88'), /^line 5: expected 5 columns \(species x y z diameter\), found 4/],
    ['non-numeric x', file('2', L2, 'A 1.0.0 0 0 1', 'A 1 1 1 1'), /^line 3: x = '1.0.0' is not a number/],
    ['NaN', file('2', L2, 'A 0 0 0 1', 'B 1 nan 1 0.88'), /^line 4: y = 'nan' is not a finite number/],
    ['Inf', file('2', L2, 'A 0 0 0 1', 'B 1 1 -inf 0.88'), /^line 4: z = '-inf' is not a finite number/],
    ['overflow', file('1', L2, 'A 1e999 0 0 1'), /^line 3: x = '1e999' is not a finite number/],
    ['fewer atom lines', file('3', L2, 'A 0 0 0 1', 'A 1 1 1 1'), /^header \(line 1\) says 3 atoms but found 2 atom lines/],
    ['more atom lines', file('2', L2, 'A 0 0 0 1', 'A 1 1 1 1', 'A 2 2 2 1'), /^line 5: header \(line 1\) says 2 atoms but found more atom lines/],
    ['blank line inside the block', file('3', L2, 'A 0 0 0 1', '', 'A 1 1 1 1', 'A 1 1 1 1'), /^line 4: empty line inside the atom block/],
    ['zero diameter', file('1', L2, 'A 0 0 0 0'), /^line 3: diameter = 0 must be positive/],
    ['2D with z ≠ 0', file('2', 'Lattice="5 0 0 0 5 0 0 0 1" pbc="T T F" dim=2', 'A 0 0 0', 'A 1 1 0.5'), /^line 4: z = 0.5 but the frame is 2D/],
    ['type 0 in a 1-based type column', file('1', 'Lattice="5 0 0 0 5 0 0 0 5" Properties=type:I:1:pos:R:3', '0 0 0 0'), /^line 3: type = 0 is out of range \(1\.\.256\)/],
    ['non-integer in an I column', file('1', 'Lattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3:phi:I:1', 'A 0 0 0 1.5'), /^line 3: phi = '1.5' is not an integer/],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    expect(() => readExtendedXyz(text)).toThrow(message);
  });

  it('errors are FileFormatErrors carrying the line number', () => {
    try {
      readExtendedXyz(file('1', 'Lattice="5 0 0 0.5 5 0 0.5 0 5"', 'A 0 0 0'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FileFormatError);
      expect((e as FileFormatError).line).toBe(2);
    }
  });
});

// ---------------------------------------------------------------- LAMMPS data

describe('LAMMPS data round trips', () => {
  it('3D Kob–Andersen, atom style atomic, bit for bit', () => {
    const c = awkwardConfiguration('ka3d', 250);
    const text = writeLammpsData(c, { atomStyle: 'atomic', model: 'ka3d', masses: { 1: 1, 2: 1 } });
    expect(text.split('\n')[0]).toBe('GlassLab configuration # dim=3 model=ka3d');
    expect(text).toContain('\nMasses\n\n1 1\n2 1\n\nAtoms # atomic\n\n1 ');
    const d = readLammpsData(text);
    expectSameConfiguration(d.configuration, c);
    expect(d.atomStyle).toBe('atomic');
    expect(d.model).toBe('ka3d');
    expect(d.masses).toEqual({ 1: 1, 2: 1 });
    expect(Array.from(d.ids)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it('2D Kob–Andersen, atom style atomic: z = 0, zlo zhi = −0.5 0.5, dim from the title', () => {
    const c = awkwardConfiguration('ka2d', 120);
    const text = writeLammpsData(c, { atomStyle: 'atomic', temperature: 0.3 });
    expect(text).toContain('\n-0.5 0.5 zlo zhi\n');
    expect(text.split('\n')[0]).toBe('GlassLab configuration # dim=2 temperature=0.3');
    const d = readLammpsData(text);
    expectSameConfiguration(d.configuration, c);
    expect(d.temperature).toBe(0.3);
    // Without the title hint it reads as 3D unless told.
    const untitled = text.replace(/^.*\n/, 'plain title\n');
    expect(readLammpsData(untitled).configuration.box.dim).toBe(3);
    expectSameConfiguration(readLammpsData(untitled, { dim: 2 }).configuration, c);
  });

  it.each([2, 3])('%dD polydisperse, atom style sphere, bit for bit', (dim) => {
    const c = softConfiguration(dim, 100);
    const text = writeLammpsData(c, { atomStyle: 'sphere', density: 1.5 });
    expect(text).not.toContain('Masses');
    const d = readLammpsData(text);
    expectSameConfiguration(d.configuration, c);
    expect(d.atomStyle).toBe('sphere');
    expect(Array.from(d.densities!)).toEqual(new Array(100).fill(1.5));
  });

  it('atom style atomic refuses diameters it cannot store', () => {
    expect(() => writeLammpsData(softConfiguration(3, 20), { atomStyle: 'atomic' })).toThrow(/atom style atomic stores no diameters: particle \d+ has diameter/);
    const mono = randomConfiguration(MODELS.harmonic3d, 20, 1); // all d = 1, species 0: type 1 reads back as σ_AA = 1
    expectSameConfiguration(readLammpsData(writeLammpsData(mono, { atomStyle: 'atomic' })).configuration, mono);
    expect(() => writeLammpsData(mono, { atomStyle: 'atomic', title: 'a # b' })).toThrow(/title cannot contain '#'/);
  });
});

describe('LAMMPS data files as LAMMPS and people write them', () => {
  it('reads image flags, unsorted ids, extra header lines, comments, Masses and Velocities', () => {
    const text = `LAMMPS data file via write_data, version 29 Sep 2021, timestep = 1000

4 atoms
2 atom types
0 bonds
0 extra bond per atom

-1 3 xlo xhi   # shifted box
0 5 ylo yhi
0.5 6.5 zlo zhi
0 0 0 xy xz yz

Masses

1 1.0 # A
2 1.0 # B

Atoms # atomic

3 2 0.5 1.0 1.5 1 0 0
1 1 -0.5 4.5 6.0 0 -1 0
4 1 2.5 0.25 1.0 -2 0 1
2 2 0.0 0.0 0.5 0 0 0

Velocities

1 0.1 0.2 0.3
3 0 0 0
2 -1e-3 1 2
4 0 0 0
`;
    const d = readLammpsData(text);
    const c = d.configuration;
    expect(Array.from(d.ids)).toEqual([1, 2, 3, 4]);
    expect(Array.from(c.species)).toEqual([0, 1, 1, 0]);
    expect(Array.from(c.diameters)).toEqual([1, 0.88, 0.88, 1]);
    expect(Array.from(c.box.lengths)).toEqual([4, 5, 6]);
    // id 1: x = −0.5 − (−1) = 0.5; y = 4.5 − 5 → wrapped 4.5; z = 6 − 0.5 = 5.5
    // id 2: (1, 0, 0); id 3: x = 1.5 + 4 → 1.5, y = 1, z = 1
    // id 4: x = 3.5 − 8 → 3.5, y = 0.25, z = 0.5 + 6 → 0.5
    expect(Array.from(c.positions)).toEqual([0.5, 4.5, 5.5, 1, 0, 0, 1.5, 1, 1, 3.5, 0.25, 0.5]);
    expect(d.masses).toEqual({ 1: 1, 2: 1 });
  });

  it('reads atom style sphere without a hint, from the column count', () => {
    const text = `title\n\n2 atoms\n1 atom types\n0 2 xlo xhi\n0 2 ylo yhi\n0 2 zlo zhi\n\nAtoms\n\n2 1 1.2 1 0.5 0.5 0.5\n1 1 0.8 1 1.5 1.5 1.5\n`;
    const d = readLammpsData(text);
    expect(d.atomStyle).toBe('sphere');
    expect(Array.from(d.configuration.diameters)).toEqual([0.8, 1.2]);
  });

  it('reads types beyond KA with diametersByType', () => {
    const text = `t\n\n2 atoms\n3 atom types\n0 2 xlo xhi\n0 2 ylo yhi\n0 2 zlo zhi\n\nAtoms # atomic\n\n1 3 0 0 0\n2 1 1 1 1\n`;
    expect(() => readLammpsData(text)).toThrow(/^line 11: no diameter known for type 3/);
    const d = readLammpsData(text, { diametersByType: { 1: 1, 3: 0.5 } });
    expect(Array.from(d.configuration.diameters)).toEqual([0.5, 1]);
    expect(Array.from(d.configuration.species)).toEqual([2, 0]);
  });
});

describe('malformed LAMMPS data', () => {
  const head = (atoms = 3, extra = '') => `title\n\n${atoms} atoms\n2 atom types\n${extra}0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nAtoms # atomic\n\n`;
  // In head(): line 3 "N atoms", line 5..7 box, line 9 Atoms, atom lines from 11.
  const atoms3 = '1 1 0 0 0\n2 2 1 1 1\n3 1 2 2 2\n';
  const cases: [string, string, RegExp, object?][] = [
    ['empty file', '\n\n', /^line 1: empty file/],
    ['no atoms line', `title\n\n2 atom types\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nAtoms\n\n1 1 0 0 0\n`, /the header has no 'atoms' line/],
    ['zero atoms', head(0), /^line 3: header says 0 atoms/],
    ['count mismatch', head(3) + '1 1 0 0 0\n2 2 1 1 1\n', /^line 9: header says 3 atoms but found 2 atom lines/],
    ['too many atom lines', head(2) + atoms3, /^line 9: header says 2 atoms but found 3 atom lines/],
    ['wrong column count', head() + '1 1 0 0 0\n2 2 1 1 1 7\n3 1 2 2 2\n', /^line 12: expected 5 or 8 columns \(id type x y z \[ix iy iz\]\) for atom style atomic, found 6/],
    ['image flags on some lines only', head() + '1 1 0 0 0\n2 2 1 1 1 0 0 1\n3 1 2 2 2\n', /^line 12: found 8 columns but the first atom line has 5/],
    ['duplicate id', head() + '1 1 0 0 0\n2 2 1 1 1\n2 1 2 2 2\n', /^line 13: duplicate atom id 2 \(also on line 12\)/],
    ['type out of range', head() + '1 1 0 0 0\n2 3 1 1 1\n3 1 2 2 2\n', /^line 12: atom 2 has type 3, outside 1\.\.2/],
    ['id 0', head() + '0 1 0 0 0\n2 2 1 1 1\n3 1 2 2 2\n', /^line 11: atom id 0 must be between 1/],
    ['non-numeric coordinate', head() + '1 1 0 0 0\n2 2 1 one 1\n3 1 2 2 2\n', /^line 12: y = 'one' is not a number/],
    ['NaN coordinate', head() + '1 1 0 0 NaN\n2 2 1 1 1\n3 1 2 2 2\n', /^line 11: z = 'NaN' is not a finite number/],
    ['Inf coordinate', head() + '1 1 inf 0 0\n2 2 1 1 1\n3 1 2 2 2\n', /^line 11: x = 'inf' is not a finite number/],
    ['non-integer image flag', head() + '1 1 0 0 0 0.5 0 0\n2 2 1 1 1 0 0 0\n3 1 2 2 2 0 0 0\n', /^line 11: image flag ix = '0.5' is not an integer/],
    ['unknown header line', head(3, '7 widgets\n') + atoms3, /^line 5: unrecognized header line '7 widgets'/],
    ['duplicate header line', head(3, '4 atoms\n') + atoms3, /^line 5: 'atoms' given twice \(first on line 3\)/],
    ['xhi ≤ xlo', `t\n\n1 atoms\n1 atom types\n2 1 xlo xhi\n0 1 ylo yhi\n0 1 zlo zhi\n\nAtoms\n\n1 1 0 0 0\n`, /^line 5: xhi = 1 must be larger than xlo = 2/],
    ['triclinic box with two tilts', head(3, '0.5 0.5 0 xy xz yz\n') + atoms3, /^line 5: triclinic box with tilts xy xz yz = 0.5 0.5 0: only one tilt/],
    ['unknown section', head() + atoms3 + '\nWidgets\n\n1 2\n', /^line 15: unknown section 'Widgets'/],
    ['unsupported atom style', head().replace('# atomic', '# full') + atoms3, /^line 9: atom style 'full' is not supported/],
    ['style hint contradicts the option', head() + atoms3, /^line 9: the Atoms section says atom style atomic, but sphere was requested/, { atomStyle: 'sphere' }],
    ['no Atoms section', `t\n\n1 atoms\n1 atom types\n0 1 xlo xhi\n0 1 ylo yhi\n0 1 zlo zhi\n`, /no Atoms section/],
    ['title says dim=2 but z ≠ 0', head().replace('title', 'title # dim=2').replace('0 5 zlo zhi', '-0.5 0.5 zlo zhi') + '1 1 0 0 0\n2 2 1 1 0.2\n3 1 2 2 0\n', /^line 12: atom 2 has z = 0.2, but the title says dim=2/],
    ['dim 2 requested but z ≠ 0', head().replace('0 5 zlo zhi', '-0.5 0.5 zlo zhi') + '1 1 0 0 0.1\n2 2 1 1 0\n3 1 2 2 0\n', /^line 11: atom 1 has z = 0.1, but dim 2 was requested/, { dim: 2 }],
    ['Masses count mismatch', head().replace('Atoms # atomic', 'Masses\n\n1 1\n\nAtoms # atomic') + atoms3, /^line 9: Masses has 1 lines but the header says 2 atom types/],
    ['zero mass', head().replace('Atoms # atomic', 'Masses\n\n1 1\n2 0\n\nAtoms # atomic') + atoms3, /^line 12: Masses: type 2 has mass 0/],
    ['Velocities for an unknown atom', head() + atoms3 + '\nVelocities\n\n1 0 0 0\n9 0 0 0\n3 0 0 0\n', /^line 18: Velocities: atom id 9 is not in the Atoms section/],
    ['non-numeric velocity', head() + atoms3 + '\nVelocities\n\n1 0 0 0\n2 0 x 0\n3 0 0 0\n', /^line 18: velocity = 'x' is not a number/],
    ['sphere with zero diameter', head(1).replace('# atomic', '# sphere') + '1 1 0 1 0 0 0\n', /^line 11: atom 1 has diameter 0; it must be positive/],
    ['number where a section is expected', `t\n\n1 atoms\n1 atom types\n0 1 xlo xhi\n0 1 ylo yhi\n0 1 zlo zhi\n\nAtoms\n\n1 1 0 0 0\n`.replace('1 atom types', '1 atom types\n5'), /^line 5: unrecognized header line '5'/],
  ];
  it.each(cases)('%s', (_name, text, message, options) => {
    expect(() => readLammpsData(text, options as Parameters<typeof readLammpsData>[1])).toThrow(message);
  });
});

// ---------------------------------------------------------------- LAMMPS itself

const hasLammps = (() => {
  try {
    execFileSync('lmp', ['-h'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('LAMMPS (lmp) reads what we write and we read what it writes', () => {
  function throughLammps(data: string, style: 'atomic' | 'sphere', dim: 2 | 3): string {
    const dir = mkdtempSync(join(tmpdir(), 'glasslab-lmp-'));
    try {
      writeFileSync(join(dir, 'in.data'), data);
      const script = [
        'units lj',
        `dimension ${dim}`,
        'boundary p p p',
        `atom_style ${style}`,
        'read_data in.data',
        'write_data out.data',
      ].join('\n');
      writeFileSync(join(dir, 'in.lmp'), script + '\n');
      execFileSync('lmp', ['-in', 'in.lmp', '-log', 'none', '-screen', 'none'], { cwd: dir, stdio: 'pipe' });
      return readFileSync(join(dir, 'out.data'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const plusZero = (a: Float64Array) => a.map((x) => (x === 0 ? 0 : x));

  function expectClose(b: Configuration, a: Configuration): void {
    expect(b.box.dim).toBe(a.box.dim);
    expect(Array.from(b.box.lengths)).toEqual(Array.from(a.box.lengths));
    expect(Array.from(b.species)).toEqual(Array.from(a.species));
    expect(Array.from(b.diameters)).toEqual(Array.from(a.diameters));
    for (let k = 0; k < a.positions.length; k++) {
      const L = a.box.lengths[k % a.box.dim];
      expect(Math.abs(b.positions[k] - a.positions[k])).toBeLessThanOrEqual(1e-12 * L);
    }
  }

  it.skipIf(!hasLammps)('3D KA, atom style atomic: read_data + write_data returns the same positions and types', () => {
    const c = awkwardConfiguration('ka3d', 300);
    const out = throughLammps(writeLammpsData(c, { atomStyle: 'atomic', model: 'ka3d' }), 'atomic', 3);
    expect(out).toMatch(/^LAMMPS data file via write_data/);
    expect(out).toContain('Velocities'); // LAMMPS adds it; we parse and ignore it
    const d = readLammpsData(out);
    expect(d.atomStyle).toBe('atomic');
    expectClose(d.configuration, c);
    // LAMMPS prints shortest round-trip decimals, so in fact nothing is lost (except that −0 comes back as +0).
    expect(bits(d.configuration.positions)).toEqual(bits(plusZero(c.positions)));
  });

  it.skipIf(!hasLammps)('2D polydisperse, atom style sphere, through LAMMPS (dimension 2)', () => {
    const c = softConfiguration(2, 200);
    const out = throughLammps(writeLammpsData(c, { atomStyle: 'sphere' }), 'sphere', 2);
    const d = readLammpsData(out, { dim: 2 });
    expectClose(d.configuration, c);
    expect(bits(d.configuration.positions)).toEqual(bits(plusZero(c.positions)));
    expect(bits(d.configuration.diameters)).toEqual(bits(c.diameters));
  });

  if (!hasLammps) it.skip('LAMMPS checks skipped: `lmp` is not installed (Debian package lammps)', () => {});
});

// ---------------------------------------------------------------- run results

describe('run results JSON', () => {
  const input: ResultsInput = {
    meta: { model: 'soft2d', N: 1024, T: 0.035, seed: 7, swap: true, note: null },
    results: [
      { kind: 'quenchSeries', t: [0, 0.1, 1, 10], v: [3, 1.2, 0.1 + 0.2, 1e-17], energyPerParticle: [1.5, 0.5, -0.25, -0.3], W: [9, 1.44, 0.09, 1e-34], samples: 8 },
      { kind: 'powerLawFit', beta: 0.92, low: 0.9, high: 0.94, tMin: 1, tMax: 1000 },
      { kind: 'defectStats', N: 1024, samples: 3, xCutEq: 1.4, phiMean: 0.1, chi: 0.5, concentrations: [0.09, 0.1, 0.11] },
    ],
  };

  it('round-trips exactly and is versioned', () => {
    const text = serializeResults(input);
    const doc = parseResults(text);
    expect(doc.format).toBe('glasslab-results');
    expect(doc.version).toBe(1);
    expect(doc.meta).toEqual(input.meta);
    expect(doc.results).toEqual(input.results);
    expect(JSON.parse(text)).toMatchObject({ format: 'glasslab-results', version: 1 });
    expect(parseResults(serializeResults({ results: [] })).results).toEqual([]);
  });

  const good = JSON.parse(serializeResults(input)) as Record<string, unknown>;
  const withPayload = (i: number, patch: Record<string, unknown>) => {
    const doc = structuredClone(good) as { results: Record<string, unknown>[] };
    Object.assign(doc.results[i], patch);
    return JSON.stringify(doc);
  };
  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"format":', /not valid JSON/],
    ['not an object', '[1,2]', /document: expected an object, found an array/],
    ['wrong format', JSON.stringify({ ...good, format: 'other' }), /format: expected "glasslab-results", found "other"/],
    ['future version', JSON.stringify({ ...good, version: 2 }), /version: unsupported version number 2/],
    ['missing results', JSON.stringify({ format: 'glasslab-results', version: 1, meta: {} }), /document: missing field 'results'/],
    ['unknown top-level field', JSON.stringify({ ...good, extra: 1 }), /document: unknown field 'extra'/],
    ['object in meta', JSON.stringify({ ...good, meta: { a: {} } }), /meta\.a: expected a finite number, found an object/],
    ['unknown kind', withPayload(0, { kind: 'histogram' }), /results\[0\]\.kind: unknown kind "histogram"/],
    ['length mismatch', withPayload(0, { W: [1, 2, 3] }), /results\[0\]\.W: has 3 values but t has 4/],
    ['null (NaN written by JSON.stringify)', withPayload(0, { v: [1, null, 1, 1] }), /results\[0\]\.v\[1\]: expected a finite number, found null/],
    ['times not increasing', withPayload(0, { t: [0, 1, 1, 2] }), /results\[0\]\.t\[2\]: times must increase strictly/],
    ['negative W', withPayload(0, { W: [1, -1, 1, 1] }), /results\[0\]\.W\[1\]: W = -1 is negative/],
    ['unknown payload field', withPayload(1, { r2: 0.99 }), /results\[1\]: unknown field 'r2'/],
    ['missing payload field', JSON.stringify({ ...good, results: [{ kind: 'powerLawFit', beta: 1, low: 0.9, high: 1.1, tMin: 1 }] }), /results\[0\]: missing field 'tMax'/],
    ['beta outside its interval', withPayload(1, { beta: 1.2 }), /results\[1\]: beta = 1.2 lies outside its interval/],
    ['empty fit window', withPayload(1, { tMin: 10, tMax: 10 }), /results\[1\]: the fit window/],
    ['concentration above 1', withPayload(2, { phiMean: 1.5 }), /results\[2\]\.phiMean: a concentration must lie in \[0, 1\]/],
    ['samples mismatch', withPayload(2, { samples: 4 }), /results\[2\]\.concentrations: has 3 values but samples = 4/],
    ['non-integer N', withPayload(2, { N: 10.5 }), /results\[2\]\.N: expected a positive integer/],
  ];
  it.each(bad)('rejects %s', (_name, text, message) => {
    expect(() => parseResults(text)).toThrow(message);
  });

  it('refuses to write NaN or a bad shape', () => {
    const nan: ResultsInput = { results: [{ kind: 'powerLawFit', beta: NaN, low: 0, high: 1, tMin: 1, tMax: 2 }] };
    expect(() => serializeResults(nan)).toThrow(/results\[0\]\.beta: expected a finite number, found number NaN/);
  });
});

// ---------------------------------------------------------------- format detection and files

describe('configuration files by extension', () => {
  it('detects the format from the file name', () => {
    expect(detectConfigurationFormat('a/b/state.xyz')).toBe('xyz');
    expect(detectConfigurationFormat('state.EXTXYZ')).toBe('xyz');
    expect(detectConfigurationFormat('in.data')).toBe('lammps');
    expect(detectConfigurationFormat('x.lmp')).toBe('lammps');
    expect(detectConfigurationFormat('x.lammps')).toBe('lammps');
    expect(() => detectConfigurationFormat('x.pdb')).toThrow(/x\.pdb: cannot tell the format from the extension 'pdb'/);
    expect(() => detectConfigurationFormat('noext')).toThrow(/cannot tell the format/);
  });

  it('reads and writes text by name; errors start with the file name', () => {
    const c = awkwardConfiguration('ka3d', 50);
    const xyz = writeConfigurationText(c, 'a.xyz', { model: 'ka3d', temperature: 2 });
    const r = readConfigurationText(xyz, 'a.xyz');
    expect(r.format).toBe('xyz');
    expect(r.model).toBe('ka3d');
    expect(r.temperature).toBe(2);
    expectSameConfiguration(r.configuration, c);
    const lmp = writeConfigurationText(c, 'a.data', { model: 'ka3d' });
    expect(lmp).toContain('Atoms # atomic'); // KA diameters follow the types: atomic by default
    expectSameConfiguration(readConfigurationText(lmp, 'a.data').configuration, c);
    const soft = softConfiguration(2, 30);
    expect(writeConfigurationText(soft, 'b.lmp')).toContain('Atoms # sphere');
    expectSameConfiguration(readConfigurationText(writeConfigurationText(soft, 'b.lmp'), 'b.lmp').configuration, soft);
    expect(readConfigurationText(xyz, 'a.txt', { format: 'xyz' }).format).toBe('xyz');
    expect(() => readConfigurationText('1\nnope\nA 0 0 0\n', 'bad.xyz')).toThrow(/^bad\.xyz: line 2: missing Lattice/);
    expect(() => writeConfigurationText(c, 'a.data', { columns: { phi: new Int32Array(50) } })).toThrow(/cannot hold extra per-particle columns/);
  });

  it('reads and writes files on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glasslab-io-'));
    try {
      const c = softConfiguration(3, 40);
      for (const name of ['s.extxyz', 's.lammps']) {
        const path = join(dir, name);
        await writeConfigurationFile(path, c, { model: 'soft3d' });
        expect(existsSync(path)).toBe(true);
        const r = await readConfigurationFile(path);
        expectSameConfiguration(r.configuration, c);
        expect(r.model).toBe('soft3d');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('wrapCoordinate', () => {
  it('leaves values in [0, L) alone and lands everything else inside', () => {
    const L = 7.3;
    for (const x of [0, -0, 1e-300, L - 1e-15, 3.2]) expect(Object.is(wrapCoordinate(x, L), x)).toBe(true);
    for (const x of [L, -1e-300, -L, 2 * L + 0.1, -5 * L - 1e-17, 1e6 + 0.1]) {
      const y = wrapCoordinate(x, L);
      expect(y >= 0 && y < L).toBe(true);
    }
    expect(wrapCoordinate(L + 0.5, L)).toBeCloseTo(0.5, 14);
  });
});
