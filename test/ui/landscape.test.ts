// The Landscape panel's pure parts: the mode's arrows and displacement, and the spectrum figure (points, the picked one).
import { describe, expect, it } from 'vitest';
import { exactSpectrum } from '../../src/engine/lab/modeSpectrum.ts';
import { displaceAlongMode, largestAmplitude, meanDiameter, modeArrowTips, particleAmplitudes } from '../../src/ui/landscape/modeDisplay.ts';
import { buildSpectrumFigure } from '../../src/ui/landscape/spectrumFigure.ts';

describe('a mode on the particles', () => {
  // three particles in 2D; e is a unit vector with |e_1| = 0.8 the largest
  const rest = Float64Array.of(0, 0, 1, 0, 2, 0);
  const e = Float64Array.of(0.6, 0, 0, 0.8, 0, 0);

  it('|e_i| per particle, the longest arrow exactly the asked length, the others in proportion', () => {
    const amp = particleAmplitudes(e, 2);
    expect(Array.from(amp)).toEqual([0.6, 0.8, 0]);
    expect(largestAmplitude(amp)).toBe(0.8);
    const tips = modeArrowTips(rest, e, 0.8, 1.5);
    expect(tips[3] - rest[3]).toBeCloseTo(1.5, 14);
    expect(tips[0] - rest[0]).toBeCloseTo(1.5 * 0.6 / 0.8, 14);
    expect(tips[4]).toBe(2);
  });

  it('x + s·e, and ⟨d⟩', () => {
    const out = displaceAlongMode(new Float64Array(6), rest, e, 0.5);
    expect(Array.from(out)).toEqual([0.3, 0, 1, 0.4, 2, 0]);
    expect(meanDiameter(Float64Array.of(1, 1.4))).toBeCloseTo(1.2, 14);
  });
});

describe('the spectrum figure', () => {
  it('D(λ) of every eigenvalue and one P(λ) point per mode, the picked one marked', () => {
    const eigenvalues = Float64Array.of(0.2, 0.5, 0.9);
    const fig = buildSpectrumFigure({ density: exactSpectrum([0.2, 0.5, 0.9, 2, 3, 5]), eigenvalues, participation: [0.7, 0.1, 0.4], picked: 1 });
    const p = fig.data.find((d) => (d as { uid?: string }).uid === 'participation') as { x: number[]; y: number[]; customdata: number[]; marker: { color: string[]; size: number[] } };
    expect(p.x).toEqual([0.2, 0.5, 0.9]);
    expect(p.y).toEqual([0.7, 0.1, 0.4]);
    expect(p.customdata).toEqual([1, 2, 3]);
    expect(p.marker.size[1]).toBeGreaterThan(p.marker.size[0]);
    expect(p.marker.color[1]).not.toBe(p.marker.color[0]);
    const d = fig.data.find((x) => (x as { uid?: string }).uid === 'density') as { x: number[]; y: number[] };
    expect(d.x.length).toBe(40);
    expect(fig.data.some((x) => (x as { uid?: string }).uid === 'density-band')).toBe(false); // exact: no error band
  });
});
