import { describe, expect, it } from 'vitest';
import { buildNeighborList, needsRebuild, type NeighborSpec } from '../src/physics/neighbors.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
import { createRng } from '../src/physics/rng.ts';
import { minimumImage1 } from '../src/physics/space.ts';
import type { Configuration } from '../src/physics/configuration.ts';

function specFor(name: 'soft2d' | 'ka3d' | 'harmonic3d', c: Configuration, skin: number): NeighborSpec {
  const m = MODELS[name];
  return { box: c.box, rule: m.rule, xc: m.potential.xc, diameters: c.diameters, species: c.species, maxSigma: m.maxSigma(c), skin };
}

/** Every pair within its interaction range x_c·s_ij, by brute force. */
function interactingPairs(spec: NeighborSpec, x: Float64Array): Set<string> {
  const d = spec.box.dim, n = spec.diameters.length, out = new Set<string>();
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    let r2 = 0;
    for (let a = 0; a < d; a++) r2 += minimumImage1(x[j * d + a] - x[i * d + a], spec.box.lengths[a]) ** 2;
    const rc = spec.xc * spec.rule.sigma(spec.diameters[i], spec.diameters[j], spec.species[i], spec.species[j]);
    if (r2 < rc * rc) out.add(`${i},${j}`);
  }
  return out;
}

describe('Verlet lists', () => {
  for (const [name, n] of [['soft2d', 400], ['ka3d', 500], ['harmonic3d', 343]] as const) {
    it(`${name}: holds every interacting pair exactly once, and still does after moves the rebuild test lets through`, () => {
      const c = jitteredLattice(MODELS[name], n, 2, 0.3);
      const spec = specFor(name, c, 0.3);
      const list = buildNeighborList(spec, c.positions);
      const listed = new Map<string, number>();
      for (let i = 0; i < n; i++) for (let p = list.offsets[i]; p < list.offsets[i + 1]; p++) {
        const j = list.partners[p];
        const key = i < j ? `${i},${j}` : `${j},${i}`;
        listed.set(key, (listed.get(key) ?? 0) + 1);
      }
      expect(Math.max(...listed.values())).toBe(1);
      const rng = createRng(4);
      const x = c.positions.slice();
      let checked = 0;
      for (let round = 0; round < 30; round++) {
        const trial = x.slice();
        for (let k = 0; k < trial.length; k++) trial[k] += 0.03 * (2 * rng.uniform() - 1);
        if (needsRebuild(c.box, list, trial)) continue;
        x.set(trial);
        for (const key of interactingPairs(spec, x)) expect(listed.has(key)).toBe(true);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });
  }

  it('asks for a rebuild when two particles approach each other by more than the skin in total', () => {
    const c = jitteredLattice(MODELS.soft2d, 400, 3);
    const spec = specFor('soft2d', c, 0.3);
    const list = buildNeighborList(spec, c.positions);
    const x = c.positions.slice();
    x[0] += 0.16; x[2] -= 0.16; // 0.32 in total > skin 0.3, though each moved less than skin/2 + 0.01
    expect(needsRebuild(c.box, list, x)).toBe(true);
    const y = c.positions.slice();
    y[0] += 0.14; y[2] -= 0.14;
    expect(needsRebuild(c.box, list, y)).toBe(false);
  });
});
