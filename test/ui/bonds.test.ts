// The κ_ij bonds of the particle view (src/ui/views/particles/bonds.ts): a bond across the periodic boundary is drawn from i to
// the nearest image of j, its colour runs soft (red) → stiff (pale) over the range, and κ_i for the colour mode greys out
// particles with no measured pair.
import { describe, expect, it } from 'vitest';
import { BOND_COLORS, fillBonds } from '../../src/ui/views/particles/bonds.ts';
import { hexToRgb, srgbToLinear } from '../../src/ui/views/particles/colormap.ts';
import { measuredLocalKappa } from '../../src/ui/landscape/useSoftSpotOverlay.ts';

describe('κ_ij bonds', () => {
  it('draws each pair to the nearest image, coloured by its value over the range', () => {
    const box = [10, 10];
    const positions = [0.5, 5, 9.5, 5, 3, 3];
    const bonds = { first: Int32Array.of(0, 0), second: Int32Array.of(1, 2), values: Float64Array.of(1, 3) };
    const v = new Float32Array(12), c = new Float32Array(12);
    expect(fillBonds(v, c, positions, box, 2, bonds, [1, 3], 0.4)).toBe(2);
    expect(Array.from(v.slice(0, 6))).toEqual([0.5, 5, 0.4, -0.5, 5, 0.4].map(Math.fround)); // across x = 0: length 1, not 9
    expect(Array.from(v.slice(6, 12))).toEqual([0.5, 5, 0.4, 3, 3, 0.4].map(Math.fround));
    const soft = hexToRgb(BOND_COLORS.hex[0]).map(srgbToLinear), stiff = hexToRgb(BOND_COLORS.hex[2]).map(srgbToLinear);
    for (let a = 0; a < 3; a++) {
      expect(c[a]).toBeCloseTo(soft[a], 5);
      expect(c[3 + a]).toBeCloseTo(soft[a], 5);
      expect(c[6 + a]).toBeCloseTo(stiff[a], 5);
    }
  });

  it('κ_i is NaN (grey) for a particle with no measured pair', () => {
    const k = measuredLocalKappa(Float64Array.of(2, 0, 4, 0), Int32Array.of(0), Int32Array.of(2));
    expect(k[0]).toBe(2);
    expect(k[2]).toBe(4);
    expect(Number.isNaN(k[1]) && Number.isNaN(k[3])).toBe(true);
  });
});
