// The worker's analysis searches the initial state's pairs once (within D²min's 1.5 d_ij) for both the defects and D²min
// (src/engine/lab/particleResults.ts): the results must equal those of each function's own search, flag for flag and bit for bit.
import { describe, expect, it } from 'vitest';
import { D2MIN_CUTOFF, d2minField } from '../src/physics/analysis/d2min.ts';
import { defectFlags } from '../src/physics/analysis/defects.ts';
import { scaledNeighbors } from '../src/physics/analysis/pairCorrelation.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';

describe('one pair search shared by defects and D²min', () => {
  for (const name of ['soft2d', 'soft3d'] as const) {
    it(`${name}: L_EQ filtered from the 1.5 list gives the defects of a search at x_cut^EQ; D²min is unchanged`, () => {
      const model = MODELS[name];
      // A T = ∞ start quenched a little (the initial state) and further (the final one): many bonds break and form.
      const initial = quench(model, randomConfiguration(model, 300, 11), { algorithm: 'fire', maxSteps: 40 }).final;
      const final = quench(model, initial, { algorithm: 'fire', maxSteps: 400 }).final;
      const shared = scaledNeighbors(initial, model, D2MIN_CUTOFF);
      for (const xCutEq of [1.25, 1.34, 1.42]) {
        const own = defectFlags(initial, final, model, { xCutEq });
        const withShared = defectFlags(initial, final, model, { xCutEq, initialNeighbors: shared });
        expect(Array.from(withShared.breakings)).toEqual(Array.from(own.breakings));
        expect(Array.from(withShared.insertions)).toEqual(Array.from(own.insertions));
        expect(own.concentration).toBeGreaterThan(0);
      }
      const a = d2minField(initial, final, model), b = d2minField(initial, final, model, { neighbors: shared });
      expect(Array.from(b.values)).toEqual(Array.from(a.values));
    });
  }
});
