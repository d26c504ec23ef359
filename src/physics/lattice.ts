// A dense starting state without overlaps: the model's particles on a square/cubic lattice, jittered.
import type { Configuration } from './configuration.ts';
import { randomConfiguration, type Model } from './models.ts';
import { createRng, Streams } from './rng.ts';

/**
 * Particles on a simple square/cubic lattice that fills the model's box, each displaced uniformly by up to ±`jitter`
 * lattice spacings (choice: a start for steep potentials, where uniform random positions overlap by orders of magnitude).
 */
export function jitteredLattice(model: Model, n: number, seed: number, jitter = 0.15): Configuration {
  const c = randomConfiguration(model, n, seed);
  const d = model.dim;
  const L = c.box.lengths[0];
  const perAxis = Math.ceil(Math.pow(n, 1 / d) - 1e-9);
  const a = L / perAxis;
  const rng = createRng(seed, Streams.positions + 100);
  for (let i = 0; i < n; i++) {
    let k = i;
    for (let ax = 0; ax < d; ax++) {
      const idx = k % perAxis;
      k = Math.floor(k / perAxis);
      c.positions[i * d + ax] = (idx + 0.5 + jitter * (2 * rng.uniform() - 1)) * a;
    }
  }
  return c;
}
