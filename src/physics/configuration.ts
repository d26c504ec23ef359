// A configuration: the box, particle positions (wrapped into the box), diameters and species.
import type { Box } from './space.ts';

/**
 * The quenched disorder of a Mari–Kurchan state (000 App. A.1d): every pair shift A_ij is regenerated from these, never
 * stored (mariKurchan/shifts.ts): the Philox seed, the planting temperature and the positions the shifts were planted at.
 */
export interface PairShifts {
  readonly seed: number;
  readonly temperature: number;
  /** N·D planted positions r⁰ (A_ij = s_ij − (r⁰_i − r⁰_j)). */
  readonly planted: Float64Array;
}

export interface Configuration {
  readonly box: Box;
  /** N·D coordinates, particle-major: x_0, y_0, (z_0), x_1, … */
  readonly positions: Float64Array;
  /** Diameters d_i (soft and harmonic spheres); for Kob–Andersen σ_ii of the species, for display. */
  readonly diameters: Float64Array;
  /** Species index (0 = A, 1 = B for Kob–Andersen; 0 for the others). */
  readonly species: Uint8Array;
  /** Mari–Kurchan models only: the pair shifts' seed, planting temperature and planted positions. */
  readonly shifts?: PairShifts;
}

export function particleCount(c: Configuration): number {
  return c.diameters.length;
}

export function cloneConfiguration(c: Configuration): Configuration {
  return { box: c.box, positions: c.positions.slice(), diameters: c.diameters.slice(), species: c.species.slice(), ...(c.shifts ? { shifts: c.shifts } : {}) };
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
  if (c.shifts && c.shifts.planted.length !== n * d) throw new Error(`the pair shifts hold ${c.shifts.planted.length} planted coordinates, expected N·D = ${n}·${d}`);
  return c;
}
