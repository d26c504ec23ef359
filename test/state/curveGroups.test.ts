import { describe, expect, it } from 'vitest';
import { curveGroups, groupKey } from '../../src/state/curveGroups.ts';
import type { Curve } from '../../src/state/runReducer.ts';

const grid = Array.from({ length: 41 }, (_, k) => 10 ** (-1 + k / 20));
const curve = (name: string, a: number, beta: number, length = grid.length): Curve => ({
  name, t: grid.slice(0, length), speed: grid.slice(0, length).map((t) => a * t ** -beta), energyPerParticle: grid.slice(0, length).map(() => 1),
});

describe('curve groups: the plotted means and their fits', () => {
  it('names group by what comes before #', () => {
    expect(groupKey('#3')).toBe('');
    expect(groupKey('T=0.2 #3')).toBe('T=0.2');
    expect(groupKey('main')).toBe('main');
  });

  it('one curve is fitted by regression and gives its β', () => {
    const [g] = curveGroups({ main: curve('main', 2, 0.9) }, ['main'], { tMin: 1, tMax: 10 }, false);
    expect(g.fit!.beta).toBeCloseTo(0.9, 10);
    expect(g.fit!.interval).toBe('regression');
    expect(g.label).toBe('this run');
  });

  it('an ensemble is averaged point by point; the sample still running stays out of the mean', () => {
    const curves = { '#1': curve('#1', 1, 1), '#2': curve('#2', 3, 1), '#3': curve('#3', 100, 1, 10) };
    const [running] = curveGroups(curves, ['#1', '#2', '#3'], { tMin: 1, tMax: 10 }, true, 50);
    expect(running.samples).toBe(2);
    expect(running.members).toBe(3);
    expect(running.speed[20]).toBeCloseTo(2 * grid[20] ** -1, 12);
    expect(running.fit!.interval).toBe('bootstrap');
    expect(running.fit!.beta).toBeCloseTo(1, 10);
    const [done] = curveGroups(curves, ['#1', '#2', '#3'], { tMin: 0.2, tMax: 0.5 }, false, 50);
    expect(done.samples).toBe(3);
    expect(done.t).toHaveLength(10); // the common prefix
  });

  it('a sweep gives one group per temperature, and a window without points gives no fit', () => {
    const curves = { 'T=0.1 #1': curve('T=0.1 #1', 1, 1), 'T=0.8 #1': curve('T=0.8 #1', 1, 0.9) };
    const groups = curveGroups(curves, ['T=0.1 #1', 'T=0.8 #1'], { tMin: 1000, tMax: 2000 }, false);
    expect(groups.map((g) => g.key)).toEqual(['T=0.1', 'T=0.8']);
    expect(groups.every((g) => g.fit === null)).toBe(true);
  });
});
