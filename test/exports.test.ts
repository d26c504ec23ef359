// Exports and imports (src/io/exports): a finished run → run file → the same run, bit for bit (typed arrays included);
// states → extended XYZ / LAMMPS data → the same states; the curves' CSV and JSON; configuration files as starting states.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConfigurationData, LabJob, SingleResult } from '../src/engine/lab/protocol.ts';
import { toConfigurationData } from '../src/engine/lab/configurationData.ts';
import type { RunSpec } from '../src/engine/runSpec.ts';
import { readExtendedXyz } from '../src/io/extendedXyz.ts';
import { readConfigurationText } from '../src/io/format.ts';
import { stateLammpsData, stateXyz } from '../src/io/exports/configurationExport.ts';
import { CURVES_CSV_HEADER, curvesCsv, curvesJson } from '../src/io/exports/curvesExport.ts';
import { importStartingState } from '../src/io/exports/importState.ts';
import { jsonText } from '../src/io/exports/jsonText.ts';
import { lammpsDeck, lammpsDeckUnsupported } from '../src/io/exports/lammpsDeck.ts';
import { runFileFromResult } from '../src/io/exports/runFileFromResult.ts';
import { readRunFile } from '../src/io/exports/runFileRead.ts';
import { RunFileError, type RunFile } from '../src/io/exports/runFileTypes.ts';
import { writeRunFile } from '../src/io/exports/runFileWrite.ts';
import { MODELS, randomConfiguration, type ModelName } from '../src/physics/models.ts';
import { useImportedStart, withImportedStart } from '../src/state/importedStart.ts';
import { reduceLabEvent, startedRun, type RunState } from '../src/state/runReducer.ts';
import { runToEnd, smallSpec, startCommand } from './lab/labHarness.ts';

/** Every number under a and b is the same float64 (Object.is: −0 ≠ 0), typed arrays of the same kind. */
function expectBitExact(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number') {
    if (!Object.is(a, b)) throw new Error(`${path}: ${a} ≠ ${String(b)}`);
    return;
  }
  if (ArrayBuffer.isView(a)) {
    expect(Object.getPrototypeOf(b), path).toBe(Object.getPrototypeOf(a));
    const x = a as unknown as ArrayLike<number>, y = b as ArrayLike<number>;
    expect(y.length, path).toBe(x.length);
    for (let k = 0; k < x.length; k++) if (!Object.is(x[k], y[k])) throw new Error(`${path}[${k}]: ${x[k]} ≠ ${y[k]}`);
    return;
  }
  if (a !== null && typeof a === 'object') {
    expect(b !== null && typeof b === 'object', path).toBe(true);
    const keys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    expect(Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined).sort(), path).toEqual(keys.sort());
    for (const k of keys) expectBitExact((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(b, path).toBe(a);
}

async function finishedRun(job: LabJob): Promise<RunState> {
  const events = await runToEnd(startCommand(job, 'cpu', 'r1'));
  return events.reduce(reduceLabEvent, startedRun('r1'));
}

function fileOf(run: RunState): RunFile {
  return runFileFromResult({ result: run.result!, curves: run.curves, curveOrder: run.curveOrder, requested: 'auto', used: run.engine, adapter: run.adapter, createdAt: new Date(Date.UTC(2025, 4, 6, 7, 8, 9)) });
}

let single: RunState;
beforeAll(async () => {
  single = await finishedRun({ kind: 'single', spec: smallSpec() });
});

describe('run files', () => {
  it('a single run → run file → the same run, every float64 and typed array bit for bit', () => {
    expect(single.status).toBe('done');
    const file = fileOf(single);
    const r = single.result as SingleResult;
    expect(file.particles?.defectFlags).toBe(r.particles.defectFlags);
    const text = writeRunFile(file);
    const back = readRunFile(text);
    expectBitExact(file, back);
    expect(back.initial!.positions).toBeInstanceOf(Float64Array);
    expect(back.initial!.species).toBeInstanceOf(Uint8Array);
    expect(back.particles!.defectFlags).toBeInstanceOf(Uint8Array);
    expect(back.curves.map((c) => c.name)).toEqual(single.curveOrder);
    expect(back.fit).toEqual({ beta: r.fit!.beta, low: r.fit!.low, high: r.fit!.high, interval: r.fit!.interval, tMin: r.fit!.tMin, tMax: r.fit!.tMax });
    expect(writeRunFile(back)).toBe(text);
  });

  it('keeps −0, T = ∞ ("inf") and the job of ensembles, sweeps and comparisons', async () => {
    const base = fileOf(single);
    const neg: RunFile = {
      ...base, spec: { ...base.spec, temperature: Infinity }, job: { kind: 'sweep', temperatures: [0.1, 0.25, Infinity], samples: 3 },
      curves: [{ name: 'T=0.1 #1, "quoted"', t: [0, 1e-300, 2], speed: [-0, 5e-324, 1.7976931348623157e308], energyPerParticle: [-0, -1.5, 0.1 + 0.2] }],
      initial: { ...base.initial!, positions: base.initial!.positions.map((x, k) => (k === 0 ? -0 : x)) },
    };
    const text = writeRunFile(neg);
    expect(text).toContain('"temperature": "inf"');
    expect(text).toContain('"temperatures": [0.1,0.25,"inf"]');
    const back = readRunFile(text);
    expectBitExact(neg, back);
    expect(Object.is(back.initial!.positions[0], -0)).toBe(true);
    const compare = await finishedRun({ kind: 'compare', spec: smallSpec({ tMax: 1 }), algorithms: ['sd', 'fire'] });
    const c = readRunFile(writeRunFile(fileOf(compare)));
    expect(c.job).toEqual({ kind: 'compare', algorithms: ['sd', 'fire'] });
    expect(c.initial).toBeDefined();
    expect(c.final).toBeUndefined();
    expect(c.fit).not.toBeNull();
  });

  it('refuses a newer version, another format, a wrong N and non-JSON with one clear line', () => {
    const text = writeRunFile(fileOf(single));
    const refuse = (t: unknown) => { try { readRunFile(t); } catch (e) { expect(e).toBeInstanceOf(RunFileError); return (e as Error).message; } throw new Error('accepted'); };
    expect(refuse(text.replace('"version": 1', '"version": 2'))).toMatch(/version 2, written by a newer GlassLab; this one reads version 1/);
    expect(refuse(text.replace('"glasslab-run"', '"glasslab-results"'))).toMatch(/a results file/);
    expect(refuse(text.replace('"n": 64', '"n": 65'))).toBe('run file: particles.defectFlags: has 64 particles but the spec has N = 65');
    const noParticles = JSON.parse(text) as Record<string, unknown>;
    delete noParticles.particles;
    expect(refuse(JSON.stringify(noParticles).replace('"n":64', '"n":65'))).toBe('run file: initial.diameters: has 64 particles but the spec has N = 65');
    expect(refuse(text.slice(0, 200))).toMatch(/^run file: not valid JSON/);
    expect(refuse('')).toBe('run file: the file is empty');
    expect(refuse(42)).toBe('run file: expected text');
    expect(refuse('['.repeat(100))).toMatch(/nested deeper/);
    expect(refuse(text.replace('"job": {', '"extra": 1, "job": {'))).toMatch(/unknown field "extra"/);
  });

  it('jsonText refuses non-finite numbers unless asked to write null', () => {
    expect(() => jsonText({ a: [1, NaN] })).toThrow(/\$\.a\[1\]: cannot write the non-finite number NaN/);
    expect(jsonText({ a: [1, Infinity] }, { nonFinite: 'null' })).toBe('{\n  "a": [1,null]\n}\n');
  });
});

describe('curves as CSV and JSON', () => {
  it('CSV: a spec comment line, the header, one row per sample with exact numbers, names quoted when needed', () => {
    const spec = (single.result as SingleResult).spec;
    const curves = [{ ...single.curves.main }, { name: 'T=0.2, #3', t: [1, 2], speed: [0.5, Number.NaN], energyPerParticle: [-1, -Infinity] }];
    const lines = curvesCsv(curves, spec).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^# glasslab curves, spec = \{/);
    expect(JSON.parse(lines[0].slice('# glasslab curves, spec = '.length))).toMatchObject({ model: 'soft2d', n: 64, temperature: 0.5 });
    expect(lines[1]).toBe(CURVES_CSV_HEADER);
    expect(lines).toHaveLength(2 + single.curves.main.t.length + 2);
    const rows = lines.slice(2, 2 + single.curves.main.t.length).map((l) => l.split(','));
    expect(rows.every((r) => r.length === 4 && r[0] === 'main')).toBe(true);
    expect(rows.map((r) => Number(r[1]))).toEqual(single.curves.main.t);
    expect(rows.map((r) => Number(r[2]))).toEqual(single.curves.main.speed);
    expect(rows.map((r) => Number(r[3]))).toEqual(single.curves.main.energyPerParticle);
    expect(lines.slice(-2)).toEqual(['"T=0.2, #3",1,0.5,-1', '"T=0.2, #3",2,nan,-inf']);
    expect(curvesCsv([{ name: 'a', t: [1], speed: [2], energyPerParticle: [3] }])).toBe(`${CURVES_CSV_HEADER}\na,1,2,3\n`);
  });

  it('JSON: format, spec (T = ∞ as "inf") and the curves, non-finite values as null', () => {
    const spec: RunSpec = { ...smallSpec(), temperature: Infinity };
    const doc = JSON.parse(curvesJson([{ name: 'main', t: [1, 2], speed: [0.5, Number.NaN], energyPerParticle: [-1, -2] }], spec));
    expect(doc).toEqual({ format: 'glasslab-curves', version: 1, spec: { ...spec, temperature: 'inf' }, curves: [{ name: 'main', t: [1, 2], speed: [0.5, null], energyPerParticle: [-1, -2] }] });
  });
});

function state(model: ModelName, n: number, seed = 5): ConfigurationData {
  return toConfigurationData(randomConfiguration(MODELS[model], n, seed));
}

describe('a run with a degenerate D²min neighbourhood (issue 13: harmonic2d, N = 256, T = ∞, seed 1)', () => {
  it('exports as a run file and as XYZ with its d2min column; a NaN from an older run is refused in one line', async () => {
    const run = await finishedRun({ kind: 'single', spec: smallSpec({ model: 'harmonic2d', n: 256, temperature: Infinity, sweeps: 0, seed: 1, tMax: 100, fitWindow: { tMin: 3, tMax: 100 } }) });
    const r = run.result as SingleResult;
    expect(r.particles.d2minDegenerate!.reduce((a, f) => a + f, 0)).toBeGreaterThan(0);
    expect(r.particles.d2min.every(Number.isFinite)).toBe(true);
    expect(readRunFile(writeRunFile(fileOf(run))).particles?.d2min).toEqual(r.particles.d2min);
    const frame = readExtendedXyz(stateXyz(r.final, { model: 'harmonic2d', defectFlags: r.particles.defectFlags, d2min: r.particles.d2min }));
    expectBitExact(r.particles.d2min, frame.columns.d2min);
    const old = Float64Array.from(r.particles.d2min);
    old[146] = Number.NaN;
    expect(() => stateXyz(r.final, { model: 'harmonic2d', d2min: old })).toThrow(/^D²min of particle 146 is NaN, which a file cannot hold .*run it again/);
    const file = fileOf(run);
    expect(() => writeRunFile({ ...file, particles: { ...file.particles!, d2min: old } })).toThrow(/^D²min of particle 146 is NaN/);
  });
});

describe('states as extended XYZ and LAMMPS data', () => {
  it('state → extended XYZ → state, bit for bit, with phi and d2min columns', () => {
    const r = single.result as SingleResult;
    for (const which of [r.initial, r.final]) {
      const text = stateXyz(which, { model: 'soft2d', temperature: 0.5, defectFlags: r.particles.defectFlags, d2min: r.particles.d2min });
      const frame = readExtendedXyz(text);
      expect(frame.model).toBe('soft2d');
      expect(frame.temperature).toBe(0.5);
      expectBitExact(which, toConfigurationData(frame.configuration));
      expect(Array.from(frame.columns.phi)).toEqual(Array.from(r.particles.defectFlags));
      expectBitExact(r.particles.d2min, frame.columns.d2min);
    }
    for (const model of ['ka3d', 'harmonic3d', 'ka2d'] as const) {
      const s = state(model, 50);
      expectBitExact(s, toConfigurationData(readExtendedXyz(stateXyz(s, { model, temperature: Infinity })).configuration));
    }
  });

  it('state → LAMMPS data → state, bit for bit (atomic for Kob–Andersen, sphere for polydisperse, 2D and 3D)', () => {
    for (const model of ['ka3d', 'ka2d', 'soft2d', 'soft3d', 'harmonic3d'] as const) {
      const s = state(model, 60);
      const text = stateLammpsData(s, { model, temperature: 0.4 });
      expect(text).toContain(model.startsWith('ka') || model === 'harmonic3d' ? 'Atoms # atomic' : 'Atoms # sphere');
      const back = readConfigurationText(text, 'x.data');
      expect(back.model).toBe(model);
      expectBitExact(s, toConfigurationData(back.configuration));
    }
  });
});

describe('a configuration file as the starting state', () => {
  const ka = state('ka3d', 40);
  it('takes model, N and T from the file, and checks them against the chosen model', () => {
    const imported = importStartingState(stateXyz(ka, { model: 'ka3d', temperature: 0.6 }), 'dir/ka.xyz', { chosenModel: 'soft2d' });
    expect(imported).toMatchObject({ model: 'ka3d', modelFromFile: true, n: 40, temperature: 0.6, format: 'xyz' });
    expectBitExact(ka, imported.configuration);
    expect(() => importStartingState(stateXyz(ka, { model: 'ka3d' }), 'ka.xyz', { chosenModel: 'soft2d', followFileModel: false }))
      .toThrow('ka.xyz holds a ka3d state, but the chosen model is soft2d: choose ka3d first');
    expect(() => importStartingState(stateXyz(ka), 'ka.xyz', { chosenModel: 'soft2d' })).toThrow('ka.xyz holds a 3D configuration but the chosen model soft2d is 2D');
    expect(() => importStartingState(stateXyz(ka, { model: 'ka2d' }), 'ka.xyz', { chosenModel: 'soft2d' })).toThrow('ka.xyz says model ka2d (2D) but holds a 3D configuration');
    expect(() => importStartingState(stateXyz(ka, { model: 'lj-mystery' }), 'ka.xyz', { chosenModel: 'ka3d' })).toThrow(/names model "lj-mystery", which GlassLab does not have/);
    const three = { ...ka, species: ka.species.map((s, i) => (i === 3 ? 2 : s)) };
    expect(() => importStartingState(stateXyz(three), 'x.xyz', { chosenModel: 'ka3d' })).toThrow('x.xyz: particle 3 has species 2, but ka3d has species A and B only (types 1 and 2)');
    expect(() => importStartingState('3\nnot xyz', 'bad.xyz', { chosenModel: 'ka3d' })).toThrow(/^bad\.xyz: /);
    expect(() => importStartingState('', 'state.pdb', { chosenModel: 'ka3d' })).toThrow(/cannot tell the format/);
  });

  it('reads a LAMMPS data file from elsewhere (no model, no dim) as the chosen model, 2D included', () => {
    const s2 = state('ka2d', 30);
    const foreign = stateLammpsData(s2).replace(/ # .*$/m, '');
    expect(foreign.split('\n')[0]).toBe('GlassLab configuration');
    const imported = importStartingState(foreign, 'from-lammps.data', { chosenModel: 'ka2d' });
    expect(imported).toMatchObject({ model: 'ka2d', modelFromFile: false, n: 30, format: 'lammps' });
    expectBitExact(s2, imported.configuration);
    const s3 = stateLammpsData(state('ka3d', 30)).replace(/ # .*$/m, '');
    expect(() => importStartingState(s3, 'x.data', { chosenModel: 'ka2d' })).toThrow('x.data holds a 3D configuration but the chosen model ka2d is 2D');
  });

  it('the imported start goes into single and compare jobs while model, N, T and seed are those of the import', () => {
    const spec: RunSpec = { ...smallSpec(), model: 'ka3d', n: 40, temperature: 0.6 };
    useImportedStart.getState().set({ file: 'ka.xyz', configuration: ka, model: 'ka3d', n: 40, temperature: 0.6, seed: spec.seed });
    expect(withImportedStart({ kind: 'single', spec })).toEqual({ kind: 'single', spec, start: ka });
    expect(withImportedStart({ kind: 'compare', spec, algorithms: ['sd'] })).toMatchObject({ start: ka });
    expect(withImportedStart({ kind: 'ensemble', spec, samples: 2 })).not.toHaveProperty('start');
    expect(withImportedStart({ kind: 'single', spec: { ...spec, seed: 9 } })).not.toHaveProperty('start');
    expect(withImportedStart({ kind: 'single', spec: { ...spec, n: 41 } })).not.toHaveProperty('start');
    useImportedStart.getState().clear();
    expect(withImportedStart({ kind: 'single', spec })).not.toHaveProperty('start');
  });
});

describe('LAMMPS decks', () => {
  it('names the models LAMMPS has exactly when it has no deck for one', () => {
    expect(lammpsDeckUnsupported('ka3d')).toBeNull();
    expect(lammpsDeckUnsupported('soft2d')).toBe('LAMMPS has no exact equivalent of soft2d; it has ka2d, ka3d, ka3d-fs (Kob–Andersen LJ) exactly');
    expect(() => lammpsDeck(smallSpec(), state('soft2d', 10))).toThrow(/LAMMPS has no exact equivalent of soft2d/);
  });

  it('writes a data file and an input script that reads it with the run\'s minimizer', () => {
    const spec: RunSpec = { ...smallSpec(), model: 'ka3d', n: 40, algorithm: 'cg', forceTolerance: 1e-8 };
    const deck = lammpsDeck(spec, state('ka3d', 40), { baseName: 'run one' });
    expect(deck.data.name).toBe('run_one.data');
    expect(deck.input.name).toBe('in.run_one.lmp');
    expect(deck.input.text).toContain('read_data run_one.data');
    expect(deck.input.text).toContain('min_style cg');
    expect(deck.input.text).toContain('minimize 0 1e-8 100000 1000000');
    expect(deck.input.text).toContain('write_data run_one.final.data');
    expect(readConfigurationText(deck.data.text, deck.data.name).model).toBe('ka3d');
  });
});
