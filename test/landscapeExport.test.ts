// The landscape results leave the lab: the W-level table (CSV, JSON) reads back to the rows, the modes' extended XYZ is read by
// ASE (python3-ase) with every mode column exact, and the library keeps the levels and the App. B prediction with the run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toConfigurationData } from '../src/engine/lab/configurationData.ts';
import type { SingleResult } from '../src/engine/lab/protocol.ts';
import { LEVELS_CSV_HEADER, landscapeLevelsCsv, landscapeLevelsJson, modesXyz } from '../src/io/exports/landscapeExport.ts';
import { readConfigurationText } from '../src/io/format.ts';
import { normalModes } from '../src/physics/analysis/modes/normalModes.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
import { endedRecord, startedRecord } from '../src/state/library/recordFromRun.ts';
import { checkSummary } from '../src/state/library/recordSchema.ts';
import { splitRecord } from '../src/state/library/runRecord.ts';
import { IDLE_RUN, type RunState } from '../src/state/runReducer.ts';
import { resultOf, runToEnd, smallSpec, startCommand } from './lab/labHarness.ts';

const PYTHON = '/usr/bin/python3';
const hasAse = spawnSync(PYTHON, ['-c', 'import ase'], { encoding: 'utf8' }).status === 0;
if (!hasAse) console.warn(`SKIPPED: ASE is not installed (${PYTHON} -c 'import ase' fails)`);

const spec = smallSpec({ n: 36, temperature: 0.5, sweeps: 50, tMax: 30 });
const job = { kind: 'single' as const, spec, quench: { modesAlongQuench: true, harmonicPrediction: true } };
const resultPromise = runToEnd(startCommand(job)).then((e) => resultOf(e) as SingleResult);

describe('the W-level table', () => {
  it('CSV and JSON hold every row as the run streamed it', async () => {
    const r = await resultPromise;
    const rows = r.landscapeLevels ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const lines = landscapeLevelsCsv(rows, spec).trim().split('\n');
    expect(lines[0]).toMatch(/^# glasslab landscape levels/);
    expect(lines[1]).toBe(LEVELS_CSV_HEADER);
    expect(lines.length).toBe(rows.length + 2);
    lines.slice(2).forEach((line, k) => {
      const f = line.split(',');
      expect(Number(f[0])).toBeCloseTo(Math.log10(rows[k].level), 12);
      expect(Number(f[1])).toBe(rows[k].w);
      expect(Number(f[2])).toBe(rows[k].t);
      expect(Number(f[3])).toBe(rows[k].fu);
      expect(f[5]).toBe(rows[k].method);
      expect(f[7] === 'nan').toBe(rows[k].participation === null);
    });
    const json = JSON.parse(landscapeLevelsJson(rows, spec)) as { format: string; levels: unknown[] };
    expect(json.format).toBe('glasslab-landscape-levels');
    expect(json.levels).toEqual(rows);
  });
});

describe('the library keeps the landscape results with the run', () => {
  it('levels and the App. B prediction land in the record, which the schema accepts; a damaged one is refused', async () => {
    const r = await resultPromise;
    const run: RunState = { ...IDLE_RUN, runId: 'r1', status: 'done', result: r, levels: r.landscapeLevels ?? [] };
    const record = endedRecord(startedRecord('id1', job, 'cpu', 1), run, 2, false);
    expect(record.landscape?.levels).toEqual(r.landscapeLevels);
    expect(record.landscape?.harmonic?.speed).toEqual(r.harmonic?.speed);
    const { summary } = splitRecord(record);
    expect(checkSummary(JSON.parse(JSON.stringify(summary))).landscape?.levels.length).toBe(r.landscapeLevels?.length);
    expect(() => checkSummary({ ...JSON.parse(JSON.stringify(summary)), landscape: { levels: 3, harmonic: null } })).toThrow(/landscape/);
    // A run without the toggles keeps no landscape field (older records and readers see nothing new).
    const plain = endedRecord(startedRecord('id2', job, 'cpu', 1), { ...run, result: { ...r, landscapeLevels: undefined, harmonic: undefined } }, 2, false);
    expect('landscape' in plain).toBe(false);
  });
});

describe.skipIf(!hasAse)('normal modes as extended XYZ through ASE', () => {
  it('ASE reads the state and the columns mode_1 … mode_K exactly, and so do we', () => {
    const model = MODELS.soft2d;
    const is = quench(model, jitteredLattice(model, 25, 3), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
    const modes = normalModes(createLandscape(model, is), is.positions, { count: 3 });
    const text = modesXyz(toConfigurationData(is), modes.vectors, { model: 'soft2d', eigenvalues: Array.from(modes.values) });
    const dir = mkdtempSync(join(tmpdir(), 'glasslab-modes-ase-'));
    const path = join(dir, 'modes.xyz');
    writeFileSync(path, text);
    const script = `
import json, sys
import ase.io
a = ase.io.read(sys.argv[1], format='extxyz')
print(json.dumps({k: v.tolist() for k, v in a.arrays.items() if k.startswith('mode_')}))`;
    const out = spawnSync(PYTHON, ['-c', script, path], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const arrays = JSON.parse(out.stdout) as Record<string, number[][]>;
    expect(Object.keys(arrays).sort()).toEqual(['mode_1', 'mode_2', 'mode_3']);
    modes.vectors.forEach((v, k) => expect(arrays[`mode_${k + 1}`].flat()).toEqual(Array.from(v)));
    const ours = readConfigurationText(text, 'modes.xyz');
    expect(Array.from(ours.configuration.positions)).toEqual(Array.from(is.positions));
    expect(() => modesXyz(toConfigurationData(is), [new Float64Array(3)])).toThrow(/N·D = 50/);
  });
});
