// Small test states for every model: a jittered lattice in 2D/3D, uniform positions (T = ∞) in 4D/8D (the lattice would
// crowd 8D particles into a slab), a planted Mari–Kurchan state (000 App. A.1d). Each box holds twice the interaction range.
import type { Configuration } from '../src/physics/configuration.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { plantMariKurchan } from '../src/physics/mariKurchan/planting.ts';
import { randomConfiguration, type Model } from '../src/physics/models.ts';

/**
 * N per model. 8D at φ = 0.1: N = 2048 gives L = 2.06 > 2 × the cutoff 1 (the landscape shrinks the skin to 0.015 to fit);
 * MK: N = 600 gives L = 8.57 > 2 × (4 + skin 0.2).
 */
export function smallSize(model: Model): number {
  if (model.pairShifts) return 600;
  return ({ 2: 196, 3: 343, 4: 256, 8: 2048 } as Record<number, number>)[model.dim];
}

export function smallState(model: Model, seed: number): Configuration {
  if (model.pairShifts) return plantMariKurchan(model, smallSize(model), seed, 0.015);
  if (model.dim > 3) return randomConfiguration(model, smallSize(model), seed);
  return jitteredLattice(model, smallSize(model), seed);
}
