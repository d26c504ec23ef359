// ASE as a real peer for extended XYZ (Debian's python3-ase, run through /usr/bin/python3): every kind of file we write
// — 2D soft, 3D soft, KA 3D with A/B, with phi, d2min and a normal-mode vector column — is read by ase.io.read with the
// right cell, pbc, positions and columns; ASE writes it back and our reader reads that file to the same configuration.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Configuration } from '../src/physics/configuration.ts';
import { readExtendedXyz, writeExtendedXyz, type ParticleColumn } from '../src/io/extendedXyz.ts';
import { readConfigurationText } from '../src/io/format.ts';
import { getModel, randomConfiguration } from '../src/physics/models.ts';
import { createRng } from '../src/physics/rng.ts';

const PYTHON = '/usr/bin/python3';
const hasAse = spawnSync(PYTHON, ['-c', 'import ase'], { encoding: 'utf8' }).status === 0;
if (!hasAse) console.warn(`SKIPPED: ASE is not installed (${PYTHON} -c 'import ase' fails); scripts/test-all.sh installs python3-ase`);

// Reads argv[1] with ASE, prints what it saw as JSON, writes it back with ASE to argv[2].
const ASE_SCRIPT = `
import json, sys
import ase.io
a = ase.io.read(sys.argv[1], format='extxyz')
print(json.dumps({
  'cell': a.cell.array.tolist(), 'pbc': [bool(p) for p in a.pbc], 'positions': a.positions.tolist(),
  'symbols': a.get_chemical_symbols(), 'info': {k: repr(v) for k, v in a.info.items()},
  'arrays': {k: v.tolist() for k, v in a.arrays.items() if k not in ('numbers', 'positions')},
}))
ase.io.write(sys.argv[2], a, format='extxyz')
`;

interface AseView {
  cell: number[][]; pbc: boolean[]; positions: number[][]; symbols: string[];
  info: Record<string, string>; arrays: Record<string, number[] | number[][]>;
}

const dir = mkdtempSync(join(tmpdir(), 'glasslab-ase-'));

function throughAse(name: string, text: string): { view: AseView; back: string } {
  const input = join(dir, `${name}.xyz`), output = join(dir, `${name}-ase.xyz`);
  writeFileSync(input, text);
  const r = spawnSync(PYTHON, ['-c', ASE_SCRIPT, input, output], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ASE failed on ${name}: ${r.stderr.trim().split('\n').pop()}`);
  return { view: JSON.parse(r.stdout) as AseView, back: readFileSync(output, 'utf8') };
}

/** The configuration with columns: φ_i (int), D²min (float) and a unit-length normal-mode-like vector per particle. */
function kind(model: string, n: number, seed: number): { c: Configuration; columns: Record<string, ParticleColumn> } {
  const c = randomConfiguration(getModel(model), n, seed);
  const rng = createRng(seed);
  const d = c.box.dim;
  const phi = Int32Array.from({ length: n }, () => (rng.uniform() < 0.3 ? 1 : 0));
  const d2min = Float64Array.from({ length: n }, () => rng.uniform() * 1e-3);
  const mode = Float64Array.from({ length: n * d }, () => rng.uniform() - 0.5);
  return { c, columns: { phi, d2min, mode_1: mode } };
}

const KINDS = [
  { name: '2D soft', model: 'soft2d', n: 30 },
  { name: '3D soft', model: 'soft3d', n: 30 },
  { name: 'KA 3D (A and B)', model: 'ka3d', n: 40 },
];

describe.skipIf(!hasAse)('extended XYZ through ASE (python3-ase)', () => {
  it.each(KINDS)('$name: ASE reads cell, pbc, positions and columns exactly, and we read its rewrite', ({ name, model, n }) => {
    const { c, columns } = kind(model, n, 11);
    const d = c.box.dim;
    const text = writeExtendedXyz(c, { model, temperature: Infinity, columns });
    const { view, back } = throughAse(model, text);

    // ASE's view of our file: every number as we wrote it (ASE parses with float(): exact for shortest round-trip decimals).
    const L = [c.box.lengths[0], c.box.lengths[1], d === 3 ? c.box.lengths[2] : 1];
    expect(view.cell).toEqual([[L[0], 0, 0], [0, L[1], 0], [0, 0, L[2]]]);
    expect(view.pbc).toEqual([true, true, d === 3]);
    expect(view.symbols.every((s) => s === 'X')).toBe(true);
    for (let i = 0; i < n; i++) {
      expect(view.positions[i]).toEqual([0, 1, 2].map((a) => (a < d ? c.positions[i * d + a] : 0)));
    }
    expect(view.arrays.species_index).toEqual(Array.from(c.species));
    expect(view.arrays.diameter).toEqual(Array.from(c.diameters));
    expect(view.arrays.phi).toEqual(Array.from(columns.phi));
    expect(view.arrays.d2min).toEqual(Array.from(columns.d2min));
    expect(view.arrays.mode_1).toEqual(Array.from({ length: n }, (_, i) => Array.from(columns.mode_1.subarray(i * d, i * d + d))));
    expect(view.info).toMatchObject({ model: `'${model}'`, temperature: 'inf', dim: String(d) });
    if (model === 'ka3d') expect(new Set(view.arrays.species_index as number[])).toEqual(new Set([0, 1]));

    // ASE's rewrite (it prints 8 decimals) through our reader: the same system, types and columns.
    const frame = readExtendedXyz(back);
    const loaded = readConfigurationText(back, `${name}.xyz`);
    expect(loaded.model).toBe(model);
    expect(loaded.temperature).toBe(Infinity);
    expect(frame.configuration.box.dim).toBe(d);
    expect(Array.from(frame.configuration.box.lengths)).toEqual(Array.from(c.box.lengths));
    expect(Array.from(frame.configuration.species)).toEqual(Array.from(c.species));
    expect(frame.speciesLabels).toEqual(model === 'ka3d' ? ['A', 'B'] : ['A']);
    const close = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      expect(a.length).toBe(b.length);
      for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-8);
    };
    close(frame.configuration.positions, c.positions);
    close(frame.configuration.diameters, c.diameters);
    expect(Array.from(frame.columns.phi)).toEqual(Array.from(columns.phi));
    close(frame.columns.d2min, columns.d2min);
    close(frame.columns.mode_1, columns.mode_1);
    expect(Object.keys(frame.columns).sort()).toEqual(['d2min', 'mode_1', 'phi']);
    expect(frame.stringColumns).toEqual({});
  });
});
