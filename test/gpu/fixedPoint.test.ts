// Positions in 64-bit fixed point (docs/ARCHITECTURE.md hazard 1): the TypeScript encoding, and small steps that float32 would lose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import {
  axisSeparationUnits, decodeCoordinate, decodePositions, encodeCoordinate, encodePositions, fixedAdd, fixedIncrement, fixedSeparation,
  separationUnits, TWO_POW_32,
} from '../../src/gpu/fixedPoint.ts';
import { GpuLandscape } from '../../src/gpu/forces.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { MODELS } from '../../src/physics/models.ts';
import { periodicBox } from '../../src/physics/space.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';

const L = 250; // the box of N = 62500 soft spheres in 2D, where one f32 ulp of a coordinate is 1.5e-5

describe('fixed-point encoding in TypeScript', () => {
  it('round-trips float64 coordinates to within one float64 ulp, wrapping into [0, L)', () => {
    for (const x of [0, 1e-300, 1e-9, 0.5, 124.999999, 249.9, L - 1e-12, L - 2.8e-14]) {
      const [hi, lo] = encodeCoordinate(x, L);
      const back = decodeCoordinate(hi, lo, L);
      expect(Math.abs(back - x)).toBeLessThanOrEqual(2 * Number.EPSILON * L);
    }
    const [hi, lo] = encodeCoordinate(-1e-3, L);
    expect(decodeCoordinate(hi, lo, L)).toBeCloseTo(L - 1e-3, 12);
    const box = periodicBox(2, [L, 0.5 * L]);
    const x = new Float64Array([3.25, 100.5, 249.75, 0.125]);
    expect(Array.from(decodePositions(box, encodePositions(box, x)))).toEqual([3.25, 100.5, 249.75, 0.125]);
  });

  it('gives the exact minimum image across the boundary', () => {
    // exact up to the float64 input itself: encoding x/L rounds to one ulp of L (2.8e-14 at L = 250)
    const ulp = Number.EPSILON * L;
    const a = encodeCoordinate(1e-7, L), b = encodeCoordinate(L - 2e-7, L);
    const exact = (L - 2e-7 - L) - 1e-7;
    expect(Math.abs(fixedSeparation(a[0], a[1], b[0], b[1], L) - exact)).toBeLessThanOrEqual(ulp);
    expect(Math.abs(fixedSeparation(b[0], b[1], a[0], a[1], L) + exact)).toBeLessThanOrEqual(ulp);
    const c = encodeCoordinate(0.3 * L, L), e = encodeCoordinate(0.9 * L, L);
    expect(Math.abs(fixedSeparation(c[0], c[1], e[0], e[1], L) + 0.4 * L)).toBeLessThanOrEqual(2 * ulp);
  });

  it('adds signed increments exactly and wraps modulo the box', () => {
    const start = encodeCoordinate(L - 1e-10, L);
    const [dh, dl] = fixedIncrement(1e-9, L);
    const up = fixedAdd(start[0], start[1], dh, dl);
    expect(up[0]).toBe(0); // wrapped past the face
    expect(Math.abs(fixedSeparation(start[0], start[1], up[0], up[1], L) - 1e-9)).toBeLessThanOrEqual(L / 2 ** 64); // one truncation
    const [nh, nl] = fixedIncrement(-1e-9, L);
    const back = fixedAdd(up[0], up[1], nh, nl);
    // +1e-9 then −1e-9 returns to the start within one unit of 2⁻⁶⁴ L (each increment truncated once)
    expect(Math.abs(fixedSeparation(start[0], start[1], back[0], back[1], L))).toBeLessThanOrEqual(2 * L / 2 ** 64);
    expect(TWO_POW_32).toBe(4294967296);
  });
});

/** How far each coordinate moved, from the fixed-point words, exactly (no float64 rounding of the positions near L). */
function exactMoves(before: Uint32Array, after: Uint32Array): number[] {
  return Array.from({ length: before.length / 2 }, (_, k) => fixedSeparation(before[2 * k], before[2 * k + 1], after[2 * k], after[2 * k + 1], L));
}

/** Four soft spheres far apart in a 250 × 250 box: no forces, only positions. */
function sparseBox(x: number[]): Configuration {
  return { box: periodicBox(2, L), positions: new Float64Array(x), diameters: new Float64Array(x.length / 2).fill(1), species: new Uint8Array(x.length / 2) };
}

describe('exact integer separations (shaders/separation.wgsl, the force kernel\'s r²)', () => {
  it('choose a unit U with 2³¹·U ≥ the reach and U < 2⁻³⁰·reach on every axis, one common U in a non-cubic box', () => {
    for (const [lengths, reach] of [[[16, 16], 2.5], [[250, 250], 2.5], [[9.9, 9.9, 9.9], 3.1], [[5, 5], 2.5], [[40, 17, 23], 2.8]] as const) {
      const box = periodicBox(lengths.length, lengths);
      const { shift, ratio, unit } = separationUnits(box, reach);
      expect(2 ** 31 * unit).toBeGreaterThanOrEqual(reach);
      expect(unit).toBeLessThan(2 ** -30 * reach);
      for (let a = 0; a < box.dim; a++) {
        const axisUnit = box.lengths[a] / 2 ** (32 + shift[a]);
        expect(2 ** 31 * axisUnit).toBeGreaterThanOrEqual(reach);
        if (ratio[a] === 0) expect(axisUnit).toBe(unit);
        else expect(Math.abs(ratio[a] / TWO_POW_32 - axisUnit / unit)).toBeLessThan(2 ** -31);
      }
    }
    expect(() => separationUnits(periodicBox(2, 4), 2.5)).toThrow(/twice the interaction reach/);
  });

  it('are the minimum-image |Δx| in units U to within one unit, symmetric in the pair, and out of reach beyond 2³¹·U', () => {
    const box = periodicBox(2, [L, 0.7 * L]);
    const reach = 2.5;
    const units = separationUnits(box, reach);
    for (let a = 0; a < 2; a++) {
      const La = box.lengths[a];
      for (const [x, dx] of [[1.3, 0.9], [La - 1e-7, 1.1], [0.4, -1.7], [100.123456789, 2.4999], [7, 1e-9], [3, 2 ** 31 * units.unit * 1.0001]]) {
        const [aHi, aLo] = encodeCoordinate(x, La);
        const [bHi, bLo] = encodeCoordinate(x + dx, La);
        const m = axisSeparationUnits(aHi, aLo, bHi, bLo, units.shift[a], units.ratio[a]);
        const back = axisSeparationUnits(bHi, bLo, aHi, aLo, units.shift[a], units.ratio[a]);
        expect(back).toBe(m);
        const exact = Math.abs(fixedSeparation(aHi, aLo, bHi, bLo, La)) / units.unit;
        if (exact >= 2 ** 31) { expect(m).toBeNull(); continue; }
        expect(m).not.toBeNull();
        expect(Math.abs(Number(m) - exact)).toBeLessThanOrEqual(1 + exact * 2 ** -31);
      }
    }
  });
});

describe.skipIf(!gpuAvailable)(`fixed-point positions on the GPU${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  it('a step of 1e-9 at x = 249.9 moves the stored position (float32 would not: one ulp there is 1.5e-5)', async () => {
    expect(Math.fround(249.9 + 1e-9)).toBe(Math.fround(249.9)); // the hazard
    const start = [249.9, 10, 50, 249.9, 100, 100, 200, 0.5];
    const land = await GpuLandscape.create(MODELS.soft2d, sparseBox(start), { gpu });
    try {
      const step = new Float64Array(8).fill(1e-9);
      for (let k = 4; k < 8; k++) step[k] = -1e-9;
      const before = await land.readFixedPositions();
      land.displace(step);
      const moves = exactMoves(before, await land.readFixedPositions());
      const decoded = await land.readPositions();
      console.log(`x = 249.9: stored position moved by ${moves[0].toExponential(9)}, decoded in float64 ${(decoded[0] - 249.9).toExponential(3)}`);
      for (let k = 0; k < 8; k++) {
        // f32 rounding of the step and of 2³²/L (≤ 1.2e-7 relative), truncation to 2⁻⁶⁴ L
        expect(Math.abs(moves[k] - step[k])).toBeLessThanOrEqual(1.2e-7 * 1e-9 + L / 2 ** 64);
      }
      expect(Math.abs(decoded[0] - 249.9 - 1e-9)).toBeLessThanOrEqual(2 * Number.EPSILON * L);
    } finally {
      land.destroy();
    }
  });

  it('1e6 steps of 1e-9 add up to 1e-3 (within 1e-3 relative; measured far better), in both directions and across the boundary', async () => {
    const start = [249.9995, 10, 50, 0.0002, 124.5, 125, 7, 249.99];
    const land = await GpuLandscape.create(MODELS.soft2d, sparseBox(start), { gpu });
    try {
      const step = new Float64Array([1e-9, 1e-9, -1e-9, -1e-9, 1e-9, -1e-9, 1e-9, 1e-9]);
      land.displace(step, 1_000_000);
      const moved = await land.readPositions();
      let worst = 0;
      for (let k = 0; k < 8; k++) {
        let total = moved[k] - start[k];
        total -= L * Math.round(total / L); // the two that crossed a face wrapped
        worst = Math.max(worst, Math.abs(total - 1e6 * step[k]) / 1e-3);
      }
      console.log(`1e6 steps of ±1e-9 in a box of ${L}: worst relative error of the sum ${worst.toExponential(2)}`);
      expect(worst).toBeLessThanOrEqual(1e-3);
      expect(worst).toBeLessThanOrEqual(1e-6); // f32 rounding of one step, once: ≈ 6e-8
      expect(moved[0]).toBeLessThan(1); // 249.9995 + 1e-3 wrapped to 0.0005
      expect(moved[3]).toBeGreaterThan(249); // 0.0002 − 1e-3 wrapped to 249.9992
    } finally {
      land.destroy();
    }
  });

  it('steps from 1e-15 to 10 keep f32 relative precision', async () => {
    const start = [100, 100, 20, 20, 180, 60, 60, 180];
    const land = await GpuLandscape.create(MODELS.soft2d, sparseBox(start), { gpu });
    try {
      const step = new Float64Array([1e-15, -1e-13, 1e-11, -1e-7, 1e-4, -0.01, 1, -10]);
      const before = await land.readFixedPositions();
      land.displace(step);
      const moves = exactMoves(before, await land.readFixedPositions());
      for (let k = 0; k < 8; k++) expect(Math.abs(moves[k] - step[k])).toBeLessThanOrEqual(1.2e-7 * Math.abs(step[k]) + L / 2 ** 64);
    } finally {
      land.destroy();
    }
  });
});
