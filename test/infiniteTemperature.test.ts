// T = ∞ in files: `glasslab equilibrate --temperature inf` (the README's path to uniform random positions) writes every
// model's state as extended XYZ and LAMMPS data with temperature=inf, and our readers give back T = Infinity.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.ts';
import { readConfigurationText, writeConfigurationText } from '../src/io/format.ts';
import { parseResults, readMetaTemperature, serializeResults } from '../src/io/runResults.ts';
import { getModel, MODEL_NAMES, randomConfiguration } from '../src/physics/models.ts';

const dir = mkdtempSync(join(tmpdir(), 'glasslab-inf-'));

/** Runs the CLI in this process; returns its exit code and what it wrote to stderr. */
async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { stderr += String(s); return true; });
  try {
    return { code: await main(args), stderr };
  } finally {
    spy.mockRestore();
  }
}

describe('T = ∞ through the CLI and the files', () => {
  it.each(MODEL_NAMES)('glasslab equilibrate --model %s --temperature inf writes .xyz (and .data up to 3D) that read back T = ∞', async (model) => {
    for (const ext of getModel(model).dim <= 3 ? ['xyz', 'data'] : ['xyz']) { // LAMMPS data holds 2D and 3D only
      const out = join(dir, `${model}-inf.${ext}`);
      const r = await cli(['equilibrate', '--model', model, '--n', '12', '--temperature', 'inf', '--sweeps', '2', '--seed', '3', '--out', out, '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text).toMatch(/temperature=inf\b/);
      const loaded = readConfigurationText(text, out);
      expect(loaded.temperature).toBe(Infinity);
      expect(loaded.model).toBe(model);
      expect(loaded.configuration.diameters.length).toBe(12);
    }
  });

  it('a quench of a T = ∞ state keeps temperature=inf in its output', async () => {
    const start = join(dir, 'harmonic2d-40-inf.xyz');
    await cli(['equilibrate', '--model', 'harmonic2d', '--n', '40', '--temperature', 'inf', '--seed', '3', '--out', start, '--quiet']);
    const out = join(dir, 'harmonic2d-inf-is.data');
    const r = await cli(['quench', '--in', start, '--algorithm', 'fire', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readConfigurationText(readFileSync(out, 'utf8'), out).temperature).toBe(Infinity);
  });

  it('the writers refuse NaN and −∞ temperatures; the readers refuse them too', () => {
    const c = randomConfiguration(getModel('soft2d'), 4, 1);
    for (const T of [NaN, -Infinity]) {
      expect(() => writeConfigurationText(c, 'x.xyz', { temperature: T })).toThrow(/temperature/);
      expect(() => writeConfigurationText(c, 'x.data', { temperature: T })).toThrow(/temperature/);
    }
    const xyz = writeConfigurationText(c, 'x.xyz', { temperature: 2 }).replace('temperature=2', 'temperature=nan');
    expect(() => readConfigurationText(xyz, 'x.xyz')).toThrow(/temperature/);
  });

  it('results JSON writes T = ∞ in meta as "inf" and reads it back as Infinity', () => {
    const text = serializeResults({ meta: { model: 'soft2d', temperature: Infinity }, results: [] });
    expect(text).toContain('"temperature":"inf"');
    const doc = parseResults(text);
    expect(readMetaTemperature(doc.meta)).toBe(Infinity);
    expect(readMetaTemperature(parseResults(serializeResults({ meta: { temperature: 0.5 }, results: [] })).meta)).toBe(0.5);
    expect(() => serializeResults({ meta: { temperature: NaN }, results: [] })).toThrow(/meta.temperature/);
  });
});
