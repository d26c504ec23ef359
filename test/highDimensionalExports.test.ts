// The lab's state export for the new models (000 App. A.1b, A.1d): a 4D state's extended XYZ reads back with dim=4 and
// its box, and a Mari–Kurchan state's export keeps the shift seed, temperature and planted positions, so that every pair
// shift regenerates bit for bit from the exported file.
import { describe, expect, it } from 'vitest';
import { toConfigurationData } from '../src/engine/lab/configurationData.ts';
import { stateXyz } from '../src/io/exports/configurationExport.ts';
import { readConfigurationText } from '../src/io/format.ts';
import { plantMariKurchan } from '../src/physics/mariKurchan/planting.ts';
import { shiftSampler } from '../src/physics/mariKurchan/shifts.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';

describe('lab exports of high-dimensional and Mari–Kurchan states', () => {
  it('a harmonic4d state exports and reads back exactly', () => {
    const c = randomConfiguration(MODELS.harmonic4d, 40, 3);
    const back = readConfigurationText(stateXyz(toConfigurationData(c), { model: 'harmonic4d' }), 'state.xyz').configuration;
    expect(back.box.dim).toBe(4);
    expect([...back.box.lengths]).toEqual([...c.box.lengths]);
    expect([...back.positions]).toEqual([...c.positions]);
  });

  it('an mk3d state exports with its shifts, which regenerate bit for bit', () => {
    const c = plantMariKurchan(MODELS.mk3d, 60, 7, 0.01);
    const back = readConfigurationText(stateXyz(toConfigurationData(c), { model: 'mk3d', temperature: 0.01 }), 'state.xyz').configuration;
    expect(back.shifts).toBeDefined();
    expect(back.shifts!.seed).toBe(7);
    expect([...back.shifts!.planted]).toEqual([...c.shifts!.planted]);
    const pot = MODELS.mk3d.potential;
    const u = (r2: number) => (r2 < pot.xc * pot.xc ? pot.uOfX2(r2) : 0);
    const a = shiftSampler(c.shifts!, c.box, u);
    const b = shiftSampler(back.shifts!, back.box, u);
    const sa = new Float64Array(3);
    const sb = new Float64Array(3);
    for (const [i, j] of [[0, 1], [5, 40], [59, 2]]) {
      a.shift(i, j, sa);
      b.shift(i, j, sb);
      expect([...sb]).toEqual([...sa]);
    }
  });
});
