// A configuration: the box, particle positions (wrapped into the box), diameters and species.
import type { Box } from './space.ts';

export interface Configuration {
  readonly box: Box;
  /** N·D coordinates, particle-major: x_0, y_0, (z_0), x_1, … */
  readonly positions: Float64Array;
  /** Diameters d_i (soft and harmonic spheres); for Kob–Andersen σ_ii of the species, for display. */
  readonly diameters: Float64Array;
  /** Species index (0 = A, 1 = B for Kob–Andersen; 0 for the others). */
  readonly species: Uint8Array;
}

export function particleCount(c: Configuration): number {
  return c.diameters.length;
}

export function cloneConfiguration(c: Configuration): Configuration {
  return { box: c.box, positions: c.positions.slice(), diameters: c.diameters.slice(), species: c.species.slice() };
}

/** Throws a clear message if the arrays disagree with each other or hold non-finite values. */
export function validateConfiguration(c: Configuration): Configuration {
  const n = c.diameters.length;
  const d = c.box.dim;
  if (n < 1) throw new Error('configuration has no particles');
  if (c.positions.length !== n * d) throw new Error(`configuration has ${c.positions.length} coordinates, expected N·D = ${n}·${d}`);
  if (c.species.length !== n) throw new Error(`configuration has ${c.species.length} species entries for ${n} particles`);
  for (let k = 0; k < c.positions.length; k++) if (!Number.isFinite(c.positions[k])) throw new Error(`particle ${Math.floor(k / d)} has a non-finite coordinate`);
  for (let i = 0; i < n; i++) if (!(c.diameters[i] > 0) || !Number.isFinite(c.diameters[i])) throw new Error(`particle ${i} has an invalid diameter ${c.diameters[i]}`);
  return c;
}
