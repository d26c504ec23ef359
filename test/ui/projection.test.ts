// The projection of a D > 3 state for the particle view: the shown coordinates are the state's own (wrapped), the hidden one
// colours, the axes are made valid, and the drawn diameters give a projected packing fraction of one half.
import { describe, expect, it } from 'vitest';
import { axisName, projectState, validAxes } from '../../src/ui/views/particles/projection.ts';
import { fillColors } from '../../src/ui/views/particles/coloring.ts';

describe('projection of a D-dimensional state', () => {
  const dim = 4;
  const box = [2, 3, 4, 5];
  const positions = Float64Array.from([0.5, 1, 1.5, 2, /* */ 2.5, -1, 3, 6]); // particle 1 outside the box
  const diameters = Float64Array.from([1, 1]);

  it('keeps the chosen coordinates, wrapped into the projected box, and the hidden one', () => {
    const p = projectState(positions, undefined, diameters, box, dim, { shown: [3, 0], hidden: 1 });
    expect(p.dim).toBe(2);
    expect(p.box).toEqual([5, 2]);
    expect([...p.positions]).toEqual([2, 0.5, 1, 0.5]);
    expect([...p.hiddenCoordinate]).toEqual([1, 2]);
    expect(p.note).toBe('projection of a 4-dimensional state onto axes w, x');
  });

  it('shrinks the drawn diameters to a projected packing fraction of one half, never enlarges them', () => {
    const many = new Float64Array(200).fill(1);
    const pos = new Float64Array(200 * dim);
    const p = projectState(pos, undefined, many, box, dim, { shown: [0, 1, 2], hidden: 3 });
    const covered = 200 * (4 / 3) * Math.PI * (p.diameters[0] / 2) ** 3;
    expect(covered / (2 * 3 * 4)).toBeCloseTo(0.5, 12);
    expect(p.note).toContain(`drawn at ${Math.round(p.shrink * 100)}% of their diameter`);
    expect(projectState(positions, undefined, Float64Array.from([0.1, 0.1]), box, dim, { shown: [0, 1], hidden: 2 }).shrink).toBe(1);
  });

  it('rejects repeated or out-of-range axes; validAxes repairs them and keeps the hidden axis off the shown ones', () => {
    expect(() => projectState(positions, undefined, diameters, box, dim, { shown: [1, 1], hidden: 2 })).toThrow(/distinct axes/);
    expect(() => projectState(positions, undefined, diameters, box, dim, { shown: [0, 4], hidden: 2 })).toThrow(/4-dimensional/);
    expect(validAxes({ shown: [1, 1], hidden: 0 }, 4)).toEqual({ shown: [0, 1], hidden: 2 });
    expect(validAxes({ shown: [3, 2], hidden: 2 }, 4)).toEqual({ shown: [3, 2], hidden: 0 });
    expect(validAxes({ shown: [0, 7, 5], hidden: 1 }, 8)).toEqual({ shown: [0, 7, 5], hidden: 1 });
    expect(axisName(3)).toBe('w');
    expect(axisName(7)).toBe('x₈');
  });

  it('colours by the hidden coordinate; a 3D state has none', () => {
    const out = new Float32Array(6);
    const p = projectState(positions, undefined, diameters, box, dim, { shown: [0, 1], hidden: 2 });
    const info = fillColors(out, { dim: 2, box: p.box, diameters, species: new Uint8Array(2), positions: p.positions, colorMode: 'hidden', values: p.hiddenCoordinate, range: [0, 4] });
    expect(info.kind).toBe('continuous');
    expect(out[0]).not.toBe(out[3]);
    expect(fillColors(out, { dim: 3, box: [1, 1, 1], diameters, species: new Uint8Array(2), positions: new Float64Array(6), colorMode: 'hidden' }).kind).toBe('missing');
  });
});
