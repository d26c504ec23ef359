// Soft-spot exports (issue 11): the extended XYZ with psi, pi4, pi3 and kappa_local — the columns of `glasslab nonlinear/elastic
// --out`, read by ASE and by our reader to the values the jobs computed — and the κ_ij pairs CSV; which export buttons exist.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toConfigurationData } from '../src/engine/lab/configurationData.ts';
import { runJobInProcess } from '../src/engine/lab/inProcess.ts';
import type { ConfigurationData, ElasticResult, NonlinearResult } from '../src/engine/lab/protocol.ts';
import { DEFAULT_SPEC } from '../src/engine/runSpec.ts';
import { kappaPairsCsv, softSpotsXyz } from '../src/io/exports/softSpotsExport.ts';
import { readConfigurationText } from '../src/io/format.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
import { exportReasons, SHOWN_ONLY_WITH_DATA } from '../src/ui/export/exportAvailability.ts';
import { readRunFile } from '../src/io/exports/runFileRead.ts';
import { RUN_FILE_FORMAT, RUN_FILE_VERSION, type RunFile } from '../src/io/exports/runFileTypes.ts';
import { writeRunFile } from '../src/io/exports/runFileWrite.ts';
import { recordFromRunFile } from '../src/state/library/recordFromRunFile.ts';

const PYTHON = '/usr/bin/python3';
const hasAse = spawnSync(PYTHON, ['-c', 'import ase'], { encoding: 'utf8' }).status === 0;
const N = 64;

let state: ConfigurationData;
let nonlinear: NonlinearResult;
let elastic: ElasticResult;

beforeAll(async () => {
  const model = MODELS.soft2d;
  const is = quench(model, jitteredLattice(model, N, 4), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
  state = toConfigurationData(is);
  const spec = { ...DEFAULT_SPEC, model: 'soft2d' as const, n: N, temperature: 0.2, sweeps: 0 };
  const nl = await runJobInProcess({ kind: 'nonlinear', spec, start: state }, 'cpu');
  const el = await runJobInProcess({ kind: 'elastic', spec, start: state, settings: { dipolePairs: 12 } }, 'cpu');
  if (nl.kind !== 'nonlinear' || el.kind !== 'elastic') throw new Error('unexpected job results');
  nonlinear = nl;
  elastic = el;
}, 120_000);

describe('soft spots XYZ', () => {
  it('our reader gets psi, pi4, pi3 (vectors) and kappa_local (scalar) bit for bit', () => {
    const frame = readConfigurationText(softSpotsXyz(state, { nonlinear, elastic }, { model: 'soft2d', temperature: 0.2 }), 'spots.xyz');
    for (const name of ['psi', 'pi4', 'pi3'] as const) expect(Array.from(frame.columns[name])).toEqual(Array.from(nonlinear.fields[name]));
    expect(Array.from(frame.columns.kappa_local)).toEqual(Array.from(elastic.localKappa));
    expect(Array.from(frame.configuration.positions)).toEqual(Array.from(state.positions));
    expect(frame.temperature).toBe(0.2);
  });

  it('only the columns that exist are written', () => {
    const onlyElastic = readConfigurationText(softSpotsXyz(state, { elastic }), 'e.xyz');
    expect(Array.from(onlyElastic.columns.kappa_local)).toEqual(Array.from(elastic.localKappa));
    expect(onlyElastic.columns.psi).toBeUndefined();
    expect(() => softSpotsXyz(state, {})).toThrow(/^there are no soft spots to export/);
  });

  it.skipIf(!hasAse)('ASE reads the columns as arrays of the right shape and values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glasslab-spots-'));
    const file = join(dir, 'spots.xyz');
    writeFileSync(file, softSpotsXyz(state, { nonlinear, elastic }, { model: 'soft2d' }));
    const script = `
import json, sys
import ase.io
a = ase.io.read(sys.argv[1], format='extxyz')
print(json.dumps({k: a.arrays[k].tolist() for k in ('psi', 'pi4', 'pi3', 'kappa_local')}))
`;
    const r = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(r.status, r.stderr).toBe(0);
    const arrays = JSON.parse(r.stdout) as Record<string, number[] | number[][]>;
    for (const name of ['psi', 'pi4', 'pi3'] as const) {
      const rows = arrays[name] as number[][];
      expect(rows).toHaveLength(N);
      expect(rows[0]).toHaveLength(2);
      expect(rows.flat()).toEqual(Array.from(nonlinear.fields[name]));
      expect(rows.flat().reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 12); // unit fields
    }
    expect(arrays.kappa_local).toEqual(Array.from(elastic.localKappa));
  });
});

describe('κ_ij pairs CSV', () => {
  it('one row per measured pair, i, j, kappa_ij exactly; the mean is the printed dipole mean', () => {
    const lines = kappaPairsCsv(elastic).trim().split('\n');
    expect(lines[0]).toBe('i,j,kappa_ij');
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    expect(rows).toHaveLength(12);
    rows.forEach(([i, j, k], p) => {
      expect(i).toBe(elastic.pairFirst[p]);
      expect(j).toBe(elastic.pairSecond[p]);
      expect(k).toBe(elastic.pairKappa[p]);
    });
    expect(rows.reduce((s, r) => s + r[2], 0) / rows.length).toBeCloseTo(elastic.dipole.mean, 10);
  });
});

describe('export availability of the soft-spot exports', () => {
  const base = { status: 'done' as const, result: null, curveCount: 1 };
  it('both are shown only with data: none, nonlinear only, elastic', () => {
    expect(SHOWN_ONLY_WITH_DATA).toEqual(['softSpotsXyz', 'kappaPairs']);
    const none = exportReasons(base);
    expect(none.softSpotsXyz).not.toBeNull();
    expect(none.kappaPairs).not.toBeNull();
    const nl = exportReasons({ ...base, softSpots: { nonlinear: true, elastic: false } });
    expect(nl.softSpotsXyz).toBeNull();
    expect(nl.kappaPairs).toMatch(/elastic stiffness/);
    const el = exportReasons({ ...base, softSpots: { nonlinear: false, elastic: true } });
    expect(el.softSpotsXyz).toBeNull();
    expect(el.kappaPairs).toBeNull();
  });
});

describe('soft spots in the run file', () => {
  const file = (): RunFile => ({
    format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION, spec: nonlinear.spec, job: { kind: 'single' }, engine: { requested: 'cpu', used: 'cpu', adapter: null },
    curves: [], fit: null, createdAt: '2026-12-07T22:00:00.000Z', final: state, softSpots: { state, nonlinear, elastic },
  });

  it('round-trips bit for bit and imports into a library record with its facts', () => {
    const back = readRunFile(writeRunFile(file()));
    expect(back.softSpots!.nonlinear).toEqual(nonlinear);
    expect(back.softSpots!.elastic).toEqual(elastic);
    expect(Array.from(back.softSpots!.state.positions)).toEqual(Array.from(state.positions));
    const record = recordFromRunFile(back);
    expect(record.softSpotFacts).toEqual({ shearModulus: elastic.shearModulus, meanKappa: elastic.dipole.mean, kappa4: nonlinear.quartic.kappa, kappa3: nonlinear.cubic.kappa });
    expect(record.softSpots?.elastic?.localKappa).toEqual(elastic.localKappa);
  });

  it('a run file without soft spots still reads; a damaged field is named', () => {
    const { softSpots: _drop, ...plain } = file();
    expect(readRunFile(writeRunFile(plain)).softSpots).toBeUndefined();
    const doc = JSON.parse(writeRunFile(file()));
    doc.softSpots.nonlinear.fields.pi3.pop();
    expect(() => readRunFile(JSON.stringify(doc))).toThrow(/softSpots\.nonlinear\.fields\.pi3/);
    const bad = JSON.parse(writeRunFile(file()));
    bad.softSpots.elastic.pairFirst[0] = N;
    expect(() => readRunFile(JSON.stringify(bad))).toThrow(/softSpots\.elastic\.pairFirst\[0\]/);
  });
});
