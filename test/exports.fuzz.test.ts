// 1,500 seeded mutations of a valid run file into readRunFile: each loads (and then writes and reads back the same) or is
// refused with one clear line as a RunFileError; no other exception escapes.
import { createRng, Streams } from '../src/physics/rng.ts';
import { describe, expect, it } from 'vitest';
import { toConfigurationData } from '../src/engine/lab/configurationData.ts';
import { readRunFile } from '../src/io/exports/runFileRead.ts';
import { RUN_FILE_FORMAT, RUN_FILE_VERSION, RunFileError, type RunFile } from '../src/io/exports/runFileTypes.ts';
import { writeRunFile } from '../src/io/exports/runFileWrite.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';

/** The project's counter-based generator (src/physics/rng.ts), seeded for the mutations. */
function generator(seed: number) {
  const philox = createRng(seed, Streams.bootstrap + 7);
  const next = () => philox.uniform();
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T,>(xs: readonly T[]): T => xs[int(xs.length)] };
}

function baseRun(): RunFile {
  const n = 6;
  const initial = toConfigurationData(randomConfiguration(MODELS.ka2d, n, 4));
  const final = toConfigurationData(randomConfiguration(MODELS.ka2d, n, 5));
  const t = [0, 0.1, 1, 10];
  return {
    format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION, name: 'fuzz base',
    spec: { model: 'ka2d', n, temperature: 0.5, seed: 7, sweeps: 10, algorithm: 'fire', tMax: 10, forceTolerance: 1e-8, fitWindow: { tMin: 0.1, tMax: 10 } },
    job: { kind: 'single' }, engine: { requested: 'auto', used: 'cpu', adapter: null },
    curves: [{ name: 'main', t, speed: [3, 1, 0.1, 0.01], energyPerParticle: [-2, -2.5, -2.6, -2.61] }],
    fit: { beta: 1.01, low: 0.9, high: 1.1, interval: 'regression', tMin: 0.1, tMax: 10 },
    particles: { defectConcentration: 1 / 6, xCutEq: 1.4, xCutSource: 'default', defectFlags: Uint8Array.of(0, 1, 0, 0, 0, 0), d2min: Float64Array.of(0.1, 2, 0, 0.3, 0.01, 1e-9) },
    initial, final, createdAt: '2025-05-06T07:08:09.000Z',
  };
}

const ODD_VALUES: unknown[] = [null, true, false, 0, -0, -1, 1.5, 1e308, -1e308, 2 ** 53, 'x', '', 'inf', 'NaN', [], [1], [null], {}, { a: 1 }, '2', 256, 3];
const ODD_TEXT = ['{', '}', '[', ']', ',', ':', '"', '\\', '-', '0', 'e', '9', 'n', '\n', ' ', '\u0000', '\u2028', 'é'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path (as key lists) to a value inside v. */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, k) => { if (k < 8 || k === v.length - 1) paths(x, [...prefix, k], out); });
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function mutateJson(doc: Json, g: ReturnType<typeof generator>): Json {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  for (let m = 1 + g.int(3); m > 0; m--) {
    const path = g.pick(paths(copy).filter((p) => p.length > 0));
    let parent: Json = copy;
    for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[k];
    if (parent === null || typeof parent !== 'object') continue;
    const key = path[path.length - 1];
    const holder = parent as Record<string | number, Json>;
    const action = g.int(6);
    if (action === 0) { if (Array.isArray(parent)) parent.splice(Number(key), 1); else delete holder[key]; }
    else if (action === 1 && Array.isArray(parent)) parent.push(parent[0] ?? null);
    else if (action === 2 && !Array.isArray(parent)) holder[`extra${g.int(3)}`] = 1;
    else if (action === 3 && typeof holder[key] === 'number') holder[key] = (holder[key] as number) * g.pick([-1, 0.5, 2, 1e6, 1 + 1e-15]);
    else holder[key] = g.pick(ODD_VALUES) as Json;
  }
  return copy;
}

function mutateText(text: string, g: ReturnType<typeof generator>): string {
  let s = text;
  for (let m = 1 + g.int(3); m > 0; m--) {
    const at = g.int(s.length + 1);
    switch (g.int(5)) {
      case 0: s = s.slice(0, at) + s.slice(at + 1 + g.int(20)); break;
      case 1: s = s.slice(0, at) + g.pick(ODD_TEXT) + s.slice(at); break;
      case 2: s = s.slice(0, at) + g.pick(ODD_TEXT) + s.slice(at + 1); break;
      case 3: s = s.slice(0, at); break;
      default: { const from = g.int(s.length); s = s.slice(0, at) + s.slice(from, from + 1 + g.int(40)) + s.slice(at); }
    }
  }
  return s;
}

describe('readRunFile under mutation', () => {
  it('1,500 mutated run files: each loads or gives one clear RunFileError', () => {
    const text = writeRunFile(baseRun());
    const doc = JSON.parse(text) as Json;
    const g = generator(20250506);
    let loaded = 0, refused = 0;
    const messages = new Set<string>();
    for (let k = 0; k < 1500; k++) {
      const mutated = k % 2 === 0 ? mutateText(text, g) : JSON.stringify(mutateJson(doc, g), null, g.int(2) ? 2 : undefined);
      let run: RunFile;
      try {
        run = readRunFile(mutated);
      } catch (e) {
        if (!(e instanceof RunFileError)) throw new Error(`mutation ${k}: ${String(e)} escaped\n${mutated.slice(0, 400)}`);
        expect(e.message).toMatch(/^run file: \S/);
        expect(e.message).not.toMatch(/[\n\r\u2028]/);
        expect(e.message.length).toBeLessThanOrEqual(300);
        messages.add(e.message.replace(/\d+/g, '#'));
        refused++;
        continue;
      }
      loaded++;
      expect(readRunFile(writeRunFile(run))).toEqual(run);
    }
    expect(loaded).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(1000);
    expect(messages.size).toBeGreaterThan(40);
  });

  it('refuses a file over the size limit before parsing it', () => {
    expect(() => readRunFile(' '.repeat(97 * 2 ** 20))).toThrow(/MB is more than the 96 MB a run file may hold/);
  });
});
