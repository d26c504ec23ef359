import { describe, expect, it } from 'vitest';
import { VIRIDIS, SIZES, colormap, cssGradient, hexToRgb, rgbToHex, srgbToLinear } from '../../src/ui/views/particles/colormap.ts';
import { autoRange, percentileSorted, sameRange } from '../../src/ui/views/particles/autoRange.ts';
import { displacementMagnitudes, displacements, minimumImage, wrap } from '../../src/ui/views/particles/displacement.ts';
import { COLORS, fillColors, fillSpecies, linearRgb, normalize } from '../../src/ui/views/particles/coloring.ts';
import { fillInstanceMatrices } from '../../src/ui/views/particles/instances.ts';
import { fillArrows, segmentsPerArrow } from '../../src/ui/views/particles/arrows.ts';
import { formatTick } from '../../src/ui/views/particles/legend.tsx';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-6) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol);
};

describe('colormap', () => {
  it('hits viridis end points and stops, and clamps', () => {
    expect(rgbToHex(colormap(0))).toBe('#440154');
    expect(rgbToHex(colormap(1))).toBe('#fde725');
    expect(rgbToHex(colormap(128 / 255))).toBe('#21918c');
    expect(colormap(-3)).toEqual(colormap(0));
    expect(colormap(7)).toEqual(colormap(1));
    expect(colormap(Number.NaN)).toEqual(colormap(0));
  });
  it('interpolates linearly between stops and gets brighter monotonically (perceptual ordering)', () => {
    const a = hexToRgb(VIRIDIS.hex[3]);
    const b = hexToRgb(VIRIDIS.hex[4]);
    const mid = colormap((VIRIDIS.t[3] + VIRIDIS.t[4]) / 2);
    close(mid, a.map((x, i) => (x + b[i]) / 2), 1e-12);
    const lum = (c: number[]) => 0.2126 * srgbToLinear(c[0]) + 0.7152 * srgbToLinear(c[1]) + 0.0722 * srgbToLinear(c[2]);
    let prev = -1;
    for (let k = 0; k <= 50; k++) {
      const l = lum(colormap(k / 50));
      expect(l).toBeGreaterThan(prev);
      prev = l;
    }
  });
  it('makes a CSS gradient of every stop', () => {
    const g = cssGradient(SIZES);
    expect(g.startsWith('linear-gradient(to right, #fbe6c2 0.0%')).toBe(true);
    expect(g).toContain('#6b2d5c 100.0%');
  });
  it('sRGB → linear is the standard transfer function', () => {
    expect(srgbToLinear(0)).toBe(0);
    expect(srgbToLinear(1)).toBeCloseTo(1, 12);
    expect(srgbToLinear(0.5)).toBeCloseTo(0.214041, 5);
  });
});

describe('autoRange', () => {
  it('takes the 2nd and 98th percentiles, robust to outliers', () => {
    const v = Float64Array.from({ length: 101 }, (_, i) => i); // 0..100
    expect(autoRange(v)).toEqual([2, 98]);
    v[100] = 1e9; // an outlier does not stretch the range
    expect(autoRange(v)![1]).toBeCloseTo(98, 9);
    expect(autoRange(v, { lo: 0, hi: 100 })).toEqual([0, 1e9]);
  });
  it('ignores NaN/∞, honours count, and positiveOnly (log scales)', () => {
    expect(autoRange([Number.NaN, 1, Infinity, 3, -Infinity], { lo: 0, hi: 100 })).toEqual([1, 3]);
    expect(autoRange([5, 1, 2, 3], { lo: 0, hi: 100, count: 2 })).toEqual([1, 5]);
    expect(autoRange([-1, 0, 2, 4], { lo: 0, hi: 100, positiveOnly: true })).toEqual([2, 4]);
    expect(autoRange([-1, 0], { positiveOnly: true })).toBeNull();
    expect(autoRange([])).toBeNull();
  });
  it('widens a constant field instead of returning an empty range', () => {
    const [a, b] = autoRange([2, 2, 2])!;
    expect(a).toBeLessThan(2);
    expect(b).toBeGreaterThan(2);
    const [c, d] = autoRange([0, 0])!;
    expect(d).toBeGreaterThan(c);
  });
  it('percentileSorted interpolates', () => {
    expect(percentileSorted([0, 10], 2, 50)).toBe(5);
    expect(percentileSorted([0, 10, 20], 3, 100)).toBe(20);
    expect(sameRange([1, 2], [1, 2 + 1e-9])).toBe(true);
    expect(sameRange([1, 2], [1, 2.1])).toBe(false);
  });
});

describe('minimum-image displacements', () => {
  it('wraps and takes the minimum image', () => {
    expect(minimumImage(0.9, 1)).toBeCloseTo(-0.1, 12);
    expect(minimumImage(-0.7, 1)).toBeCloseTo(0.3, 12);
    expect(wrap(-0.25, 10)).toBeCloseTo(9.75, 12);
    expect(wrap(10, 10)).toBe(0);
    expect(wrap(-1e-17, 10)).toBeLessThan(10);
  });
  it('|r(0) − r(t)| across the periodic boundary, 2D and 3D, unwrapped positions too', () => {
    const box = [10, 12];
    const ref = new Float64Array([0.1, 0.1, 5, 5]);
    const pos = new Float64Array([9.9, 11.9, 5 + 3, 5 + 4]); // crossed both walls; a plain 3-4-5 step
    close(displacementMagnitudes(ref, pos, box, 2, new Float64Array(2)), [Math.hypot(0.2, 0.2), 5], 1e-12);
    close(displacements(ref, pos, box, 2, new Float64Array(4)), [-0.2, -0.2, 3, 4], 1e-12);
    const ref3 = new Float32Array([1, 1, 1]);
    const pos3 = new Float32Array([1 + 20, 1 - 0.5, 1 + 0.5]); // moved by two periods in x (unwrapped)
    close(displacementMagnitudes(ref3, pos3, [10, 10, 10], 3, new Float64Array(1)), [Math.SQRT1_2], 1e-6);
  });
});

describe('colouring', () => {
  const base = { dim: 2 as const, box: [10, 10], positions: new Float64Array(8), species: new Uint8Array(4), diameters: new Float64Array([1, 1, 1, 1]) };
  const rgbAt = (out: Float32Array, i: number) => [out[3 * i], out[3 * i + 1], out[3 * i + 2]];

  it('species: two colours for Kob–Andersen, a size map for polydisperse, one colour for monodisperse', () => {
    const out = new Float32Array(12);
    const ka = fillSpecies(out, new Uint8Array([0, 1, 0, 1]), new Float64Array([1, 0.88, 1, 0.88]), 4);
    expect(ka.kind).toBe('categorical');
    close(rgbAt(out, 0), linearRgb(COLORS.speciesA));
    close(rgbAt(out, 1), linearRgb(COLORS.speciesB));
    expect(rgbAt(out, 0)).not.toEqual(rgbAt(out, 1));

    const poly = fillSpecies(out, new Uint8Array(4), new Float64Array([0.73, 1.0, 1.3, 1.62]), 4);
    expect(poly.kind).toBe('continuous');
    if (poly.kind === 'continuous') expect(poly.range).toEqual([0.73, 1.62]);
    close(rgbAt(out, 0), linearRgb(SIZES.hex[0]), 2e-3);
    close(rgbAt(out, 3), linearRgb(SIZES.hex[SIZES.hex.length - 1]), 2e-3);
    const lum = (c: number[]) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    expect(lum(rgbAt(out, 0))).toBeGreaterThan(lum(rgbAt(out, 1))); // small → light, large → dark, smoothly
    expect(lum(rgbAt(out, 1))).toBeGreaterThan(lum(rgbAt(out, 2)));

    const mono = fillSpecies(out, new Uint8Array(4), new Float64Array(4).fill(1), 4);
    expect(mono.kind).toBe('categorical');
    close(rgbAt(out, 2), linearRgb(COLORS.mono));
  });

  it('defects: φ = 1 red, φ = 0 blue; missing values → grey and a message', () => {
    const out = new Float32Array(12);
    const info = fillColors(out, { ...base, colorMode: 'defects', values: [0, 1, 0, 1] });
    expect(info.kind).toBe('categorical');
    close(rgbAt(out, 1), linearRgb('#d62728'));
    close(rgbAt(out, 0), linearRgb(COLORS.normal));
    const miss = fillColors(out, { ...base, colorMode: 'defects' });
    expect(miss).toMatchObject({ kind: 'missing', message: 'defects appear when the quench ends' });
    close(rgbAt(out, 3), linearRgb(COLORS.missing));
    expect(fillColors(out, { ...base, colorMode: 'd2min', values: [1, 2] }).kind).toBe('missing'); // too short
    expect(fillColors(out, { ...base, colorMode: 'displacement' }).kind).toBe('missing'); // no r(0)
  });

  it('continuous modes: clamped linear map over a given range, auto range otherwise, NaN grey', () => {
    const out = new Float32Array(12);
    const info = fillColors(out, { ...base, colorMode: 'speed', values: [-1, 0.5, 2, Number.NaN], range: [0, 1] });
    expect(info).toMatchObject({ kind: 'continuous', label: '|v_i|', range: [0, 1], auto: false });
    close(rgbAt(out, 0), linearRgb('#440154'), 1e-3);
    close(rgbAt(out, 2), linearRgb('#fde725'), 1e-3);
    close(rgbAt(out, 1), linearRgb(rgbToHex(colormap(0.5))), 3e-3);
    close(rgbAt(out, 3), linearRgb(COLORS.missing));
    const auto = fillColors(out, { ...base, colorMode: 'd2min', values: [1, 2, 3, 4] });
    expect(auto.kind === 'continuous' && auto.auto).toBe(true);
    if (auto.kind === 'continuous') close(auto.range, [1.06, 3.94], 1e-12);
  });

  it('log scale maps decades evenly; displacement uses the minimum image', () => {
    expect(normalize(10, 1, 100, true)).toBeCloseTo(0.5, 12);
    expect(normalize(0, 1, 100, true)).toBe(0);
    expect(normalize(5, 0, 10)).toBe(0.5);
    expect(normalize(5, 3, 3)).toBe(0.5);
    const out = new Float32Array(6);
    const info = fillColors(out, {
      dim: 2, box: [10, 10], diameters: new Float64Array([1, 1]), species: new Uint8Array(2), colorMode: 'displacement',
      reference: new Float64Array([0.1, 5, 5, 5]), positions: new Float64Array([9.9, 5, 6, 5]), range: [0, 1],
    });
    expect(info.kind).toBe('continuous');
    close(rgbAt(out, 0), linearRgb(rgbToHex(colormap(0.2))), 3e-3); // |Δ| = 0.2, not 9.8
    close(rgbAt(out, 1), linearRgb('#fde725'), 1e-3);
  });
});

describe('instance matrices', () => {
  it('scale by diameter, translate to the wrapped position', () => {
    const out = new Float32Array(32);
    const n = fillInstanceMatrices(out, new Float64Array([1, 2, -0.5, 11]), new Float64Array([1.5, 0.8]), [10, 10], 2);
    expect(n).toBe(2);
    close(out.subarray(0, 16), [1.5, 0, 0, 0, 0, 1.5, 0, 0, 0, 0, 1.5, 0, 1, 2, 0, 1]);
    close(out.subarray(16, 32), [0.8, 0, 0, 0, 0, 0.8, 0, 0, 0, 0, 0.8, 0, 9.5, 1, 0, 1], 1e-6);
    const out3 = new Float32Array(16);
    fillInstanceMatrices(out3, new Float32Array([3, 4, 12]), new Float64Array([2]), [5, 5, 5], 3);
    close(out3.subarray(12), [3, 4, 2, 1]);
  });
});

describe('arrows', () => {
  it('from wrapped r(0) along M·Δr (minimum image), with 2D heads', () => {
    expect(segmentsPerArrow(2)).toBe(3);
    expect(segmentsPerArrow(3)).toBe(1);
    const out = new Float32Array(2 * 3 * 6);
    const verts = fillArrows(out, new Float64Array([9.9, 5, 2, 2]), new Float64Array([0.1, 5, 2, 2]), new Float64Array([1, 1]), [10, 10], 2, 3, { z: 0.5 });
    expect(verts).toBe(12);
    close(out.subarray(0, 6), [9.9, 5, 0.5, 9.9 + 0.6, 5, 0.5], 1e-5); // Δx = +0.2 across the wall, ×3
    // head strokes start at the tip and point backwards
    close(out.subarray(6, 9), [10.5, 5, 0.5], 1e-5);
    expect(out[9]).toBeLessThan(10.5);
    expect(out[10]).not.toBeCloseTo(5, 3);
    // a particle that did not move: all its segments collapse to a point
    const still = out.subarray(18, 36);
    for (let k = 0; k < still.length; k += 3) close(still.subarray(k, k + 3), [2, 2, 0.5]);
  });
  it('hides arrows shorter than a small fraction of the diameter', () => {
    const out = new Float32Array(6);
    fillArrows(out, new Float64Array([1, 1, 1]), new Float64Array([1, 1, 1.01]), new Float64Array([1]), [4, 4, 4], 3, 1);
    close(out, [1, 1, 1, 1, 1, 1]);
    fillArrows(out, new Float64Array([1, 1, 1]), new Float64Array([1, 1, 1.01]), new Float64Array([1]), [4, 4, 4], 3, 10);
    close(out, [1, 1, 1, 1, 1, 1.1], 1e-6);
  });
  it('3D: one segment per arrow', () => {
    const out = new Float32Array(6);
    fillArrows(out, new Float64Array([1, 1, 1]), new Float64Array([1, 1, 1.5]), new Float64Array([1]), [4, 4, 4], 3, 2);
    close(out, [1, 1, 1, 1, 1, 2]);
  });
});

describe('legend ticks', () => {
  it('formats compactly', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(0.157267)).toBe('0.157');
    expect(formatTick(1.1230436e-4)).toBe('1.12e-4');
    expect(formatTick(123456)).toBe('1.23e5');
    expect(formatTick(12.345)).toBe('12.3');
  });
});
