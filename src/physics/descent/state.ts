// The state every descent algorithm carries: positions, forces (= SD velocities with ζ = 1), energy, time and step count.
import { energyAndForces, type Landscape } from '../forces.ts';

/**
 * Writes f = −∇E(x) into f and returns E(x), or NaN if `withEnergy` is false and skipping it is cheaper:
 * all a descent algorithm knows of the landscape (JAX-MD style).
 */
export type ForceFunction = (x: Float64Array, f: Float64Array, withEnergy?: boolean) => number;

/** The force function of a pair-model landscape. */
export function landscapeForces(land: Landscape): ForceFunction {
  return (x, f, withEnergy = true) => energyAndForces(land, x, f, withEnergy);
}

export interface DescentState {
  readonly positions: Float64Array;
  readonly forces: Float64Array;
  energy: number;
  /** Physical time for steepest descent; accumulated fictive time for FIRE; line-search parameter sum for CG. */
  t: number;
  step: number;
  /** Force evaluations so far (a fair cost measure across algorithms). */
  forceCalls: number;
}

export function initDescentState(forces: ForceFunction, positions: Float64Array): DescentState {
  const x = positions.slice();
  const f = new Float64Array(x.length);
  const energy = forces(x, f);
  return { positions: x, forces: f, energy, t: 0, step: 0, forceCalls: 1 };
}

/** W = (1/N) Σ_i |f_i|² (002 Eq. 1); with ζ = 1 the SD speed is |v| = sqrt(W) (000 Eq. 2). */
export function meanSquaredForce(forces: Float64Array, n: number): number {
  let s = 0;
  for (let k = 0; k < forces.length; k++) s += forces[k] * forces[k];
  return s / n;
}

/** Largest single-particle force magnitude max_i |f_i|. */
export function maxParticleForce(forces: Float64Array, dim: number): number {
  let m = 0;
  for (let i = 0; i < forces.length; i += dim) {
    let s = 0;
    for (let a = 0; a < dim; a++) s += forces[i + a] * forces[i + a];
    if (s > m) m = s;
  }
  return Math.sqrt(m);
}
