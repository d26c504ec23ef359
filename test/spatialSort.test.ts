import { describe, expect, it } from 'vitest';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';
import { permuteConfiguration, spatialOrder, unpermutePositions } from '../src/physics/spatialSort.ts';

describe('spatial sorting', () => {
  it('is a permutation, and unpermuting restores every particle', () => {
    const c = randomConfiguration(MODELS.soft2d, 500, 3);
    const order = spatialOrder(c);
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    const p = permuteConfiguration(c, order);
    expect(Array.from(unpermutePositions(p.positions, order, 2))).toEqual(Array.from(c.positions));
    expect(p.diameters[7]).toBe(c.diameters[order[7]]);
  });

  it('the quench result is the same in the original particle order as without sorting', () => {
    const model = MODELS.harmonic2d;
    const c = jitteredLattice(model, 400, 4);
    const sorted = quench(model, c, { algorithm: 'fire', forceTolerance: 1e-12 });
    const direct = quench(model, c, { algorithm: 'fire', forceTolerance: 1e-12 }, createLandscape(model, c));
    expect(sorted.energyPerParticle).toBeCloseTo(direct.energyPerParticle, 12);
    let worst = 0;
    for (let k = 0; k < c.positions.length; k++) worst = Math.max(worst, Math.abs(sorted.final.positions[k] - direct.final.positions[k]));
    expect(worst).toBeLessThan(1e-8);
    expect(sorted.final.diameters).toEqual(c.diameters);
  });
});
