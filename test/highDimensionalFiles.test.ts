import { describe, expect, it } from 'vitest';
import { readExtendedXyz, writeExtendedXyz } from '../src/io/extendedXyz.ts';
import { createLandscape, energy } from '../src/physics/forces.ts';
import { plantMariKurchan } from '../src/physics/mariKurchan/planting.ts';
import { shiftSampler } from '../src/physics/mariKurchan/shifts.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';

const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));

describe('extended XYZ for D > 3 and for Mari–Kurchan states', () => {
  for (const [name, n] of [['harmonic4d', 300], ['harmonic8d', 200]] as const) {
    it(`${name}: dim=D, box="L1 … LD", pos:R:D, and a bit-exact round trip`, () => {
      const c = randomConfiguration(MODELS[name], n, 7);
      const text = writeExtendedXyz(c, { model: name, temperature: Infinity });
      const header = text.split('\n')[1];
      const D = MODELS[name].dim;
      expect(header).toContain(`dim=${D}`);
      expect(header).toContain(`pos:R:${D}`);
      expect(header).toMatch(/box="[^"]+"/);
      expect(header).not.toContain('Lattice');
      expect(text.split('\n')[2].split(' ').length).toBe(1 + D + 2);
      const back = readExtendedXyz(text);
      expect(back.model).toBe(name);
      expect(back.temperature).toBe(Infinity);
      expect(back.configuration.box.dim).toBe(D);
      expect(bits(back.configuration.box.lengths)).toEqual(bits(c.box.lengths));
      expect(bits(back.configuration.positions)).toEqual(bits(c.positions));
      expect(bits(back.configuration.diameters)).toEqual(bits(c.diameters));
    });
  }

  it('refuses a D > 3 header without its box, or with the wrong number of sides', () => {
    const text = writeExtendedXyz(randomConfiguration(MODELS.harmonic4d, 300, 1));
    expect(() => readExtendedXyz(text.replace(/box="[^"]+"/, ''))).toThrow(/dim=4 needs box=/);
    expect(() => readExtendedXyz(text.replace(/box="([^"]+)"/, 'box="1 2 3"'))).toThrow(/4 side lengths/);
  });

  it('mk3d: every pair shift regenerates bit for bit from a written and read state, and so does the energy', () => {
    const c = plantMariKurchan(MODELS.mk3d, 600, 12345, 0.01);
    // the state after a few moves: its positions differ from the planted ones the shifts are keyed to
    const moved = { ...c, positions: c.positions.map((x, k) => x + 0.01 * Math.sin(k)) };
    const text = writeExtendedXyz(moved, { model: 'mk3d', temperature: 0.01 });
    expect(text.split('\n')[1]).toMatch(/shift_seed=12345 shift_temperature=0.01/);
    const back = readExtendedXyz(text).configuration;
    expect(back.shifts!.seed).toBe(12345);
    expect(back.shifts!.temperature).toBe(0.01);
    expect(bits(back.shifts!.planted)).toEqual(bits(c.shifts!.planted));
    const u = (r2: number) => (r2 < 16 ? MODELS.mk3d.potential.uOfX2(r2) : 0);
    const a = shiftSampler(c.shifts!, c.box, u), b = shiftSampler(back.shifts!, back.box, u);
    const A = new Float64Array(3), B = new Float64Array(3);
    for (let i = 0; i < 600; i += 7) for (let j = 0; j < 600; j += 11) {
      if (i === j) continue;
      a.shift(i, j, A); b.shift(i, j, B);
      expect(bits(B)).toEqual(bits(A));
    }
    expect(energy(createLandscape(MODELS.mk3d, back), back.positions)).toBe(energy(createLandscape(MODELS.mk3d, moved), moved.positions));
    // a file with only part of the shift data is refused
    expect(() => readExtendedXyz(text.replace(/shift_seed=12345 /, ''))).toThrow(/pair shifts need shift_seed, shift_temperature and a planted:R:3 column/);
  });
});
