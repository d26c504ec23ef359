// A Mari–Kurchan run file (src/io/exports/runFile*.ts) keeps what regenerates every pair shift A_ij bit for bit: the shift
// seed, the planting temperature and the planted positions of its states. Re-opened as a starting state, it has the same
// energy and quenches along the same curve, bit for bit; a file without them is still read, and a start from it is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { fromConfigurationData } from '../src/engine/lab/configurationData.ts';
import type { ConfigurationData, SingleResult } from '../src/engine/lab/protocol.ts';
import { runFileFromResult } from '../src/io/exports/runFileFromResult.ts';
import { readRunFile } from '../src/io/exports/runFileRead.ts';
import { RunFileError } from '../src/io/exports/runFileTypes.ts';
import { writeRunFile } from '../src/io/exports/runFileWrite.ts';
import { createLandscape, energy } from '../src/physics/forces.ts';
import { MODELS } from '../src/physics/models.ts';
import { resultOf, runToEnd, smallSpec, startCommand } from './lab/labHarness.ts';

const mk = MODELS.mk3d;
const spec = smallSpec({ model: 'mk3d', n: 700, temperature: 0.01, seed: 4, sweeps: 0, tMax: 0.2, fitWindow: { tMin: 0.01, tMax: 0.2 } });

async function single(start?: ConfigurationData): Promise<SingleResult> {
  const r = resultOf(await runToEnd(startCommand({ kind: 'single', spec, ...(start ? { start } : {}) })));
  if (r.kind !== 'single') throw new Error(r.kind);
  return r;
}

const energyOf = (c: ConfigurationData) => { const conf = fromConfigurationData(c, mk, spec.n); return energy(createLandscape(mk, conf), conf.positions); };

let run: SingleResult;
let text: string;
beforeAll(async () => {
  run = await single();
  text = writeRunFile(runFileFromResult({ result: run, curves: {}, curveOrder: [], requested: 'cpu', createdAt: new Date(Date.UTC(2026, 0, 2)) }));
}, 120_000);

describe('Mari–Kurchan run files', () => {
  it('hold the shift seed, planting T and planted positions of both states, bit for bit', () => {
    const back = readRunFile(text);
    for (const [a, b] of [[run.initial, back.initial!], [run.final, back.final!]]) {
      expect(a.shifts).toBeDefined();
      expect(b.shifts!.seed).toBe(4);
      expect(b.shifts!.temperature).toBe(0.01);
      expect(Buffer.from(b.shifts!.planted.buffer).equals(Buffer.from(a.shifts!.planted.buffer))).toBe(true);
      expect(Buffer.from(b.positions.buffer).equals(Buffer.from(a.positions.buffer))).toBe(true);
    }
  });

  it('re-opened as a starting state: the same energy and the same quench, bit for bit', async () => {
    const back = readRunFile(text);
    const e0 = energyOf(run.initial);
    expect(e0 / spec.n).toBeGreaterThan(0); // a planted state at T = 0.01 has overlapping shifted pairs
    expect(Object.is(energyOf(back.initial!), e0)).toBe(true);
    expect(Object.is(energyOf(back.final!), energyOf(run.final))).toBe(true);
    const again = await single(back.initial!);
    expect(again.series.energyPerParticle.length).toBe(run.series.energyPerParticle.length);
    again.series.energyPerParticle.forEach((e, k) => expect(Object.is(e, run.series.energyPerParticle[k])).toBe(true));
    again.series.speed.forEach((v, k) => expect(Object.is(v, run.series.speed[k])).toBe(true));
  }, 120_000);

  it('a file without shifts (written before they were kept) still opens; a start from it says what is missing', () => {
    const doc = JSON.parse(text);
    delete doc.initial.shifts; delete doc.final.shifts;
    const old = readRunFile(JSON.stringify(doc));
    expect(old.initial!.shifts).toBeUndefined();
    expect(() => energyOf(old.initial!)).toThrow(/needs the planted pair shifts/);
  });

  it('refuses bad shift fields with one line naming the field', () => {
    const bad = (edit: (s: Record<string, unknown>) => void) => {
      const doc = JSON.parse(text);
      edit(doc.initial.shifts);
      return () => readRunFile(JSON.stringify(doc));
    };
    expect(bad((s) => { s.seed = -1; })).toThrow(/initial\.shifts\.seed/);
    expect(bad((s) => { s.seed = 1.5; })).toThrow(/initial\.shifts\.seed/);
    expect(bad((s) => { s.temperature = 0; })).toThrow(/initial\.shifts\.temperature/);
    expect(bad((s) => { s.temperature = 'hot'; })).toThrow(RunFileError);
    expect(bad((s) => { (s.planted as number[]).pop(); })).toThrow(/initial\.shifts\.planted/);
    expect(bad((s) => { s.extra = 1; })).toThrow(/unknown field/);
    expect(bad((s) => { (s.planted as unknown[])[3] = 'x'; })).toThrow(/initial\.shifts\.planted\[3\]/);
  });
});
