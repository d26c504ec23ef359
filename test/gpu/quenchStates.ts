// Starting states shared by the GPU quench tests, made by the float64 engine: equilibrium liquids from swap Monte Carlo
// (src/physics/mc/runMonteCarlo.ts) and T = ∞ states (uniform random positions).
import type { Configuration } from '../../src/physics/configuration.ts';
import { runMonteCarlo } from '../../src/physics/mc/runMonteCarlo.ts';
import { MODELS, randomConfiguration, type ModelName } from '../../src/physics/models.ts';

const cache = new Map<string, Configuration>();

/** An equilibrium state at temperature T (300 swap-MC sweeps from random positions; T = Infinity: the random positions). */
export function equilibriumState(name: ModelName, n: number, temperature: number, seed = 3): Configuration {
  const key = `${name}/${n}/${temperature}/${seed}`;
  let c = cache.get(key);
  if (!c) {
    const model = MODELS[name];
    const start = randomConfiguration(model, n, seed);
    c = temperature === Infinity ? start : runMonteCarlo(start, model, { temperature, seed, sweeps: 300 }).configuration;
    cache.set(key, c);
  }
  return c;
}

/** Largest relative difference |a_k/b_k − 1| over the common prefix. */
export function worstRelativeDifference(a: readonly number[], b: readonly number[]): number {
  let worst = 0;
  for (let k = 0; k < Math.min(a.length, b.length); k++) worst = Math.max(worst, Math.abs(a[k] / b[k] - 1));
  return worst;
}

/** Root-mean-square minimum-image distance per particle between two configurations of the same box. */
export function rmsDistance(a: Configuration, b: Configuration): number {
  const d = a.box.dim;
  let s = 0;
  for (let k = 0; k < a.positions.length; k++) {
    const L = a.box.lengths[k % d];
    let dx = a.positions[k] - b.positions[k];
    dx -= L * Math.round(dx / L);
    s += dx * dx;
  }
  return Math.sqrt(s / a.diameters.length);
}
