// Fixed-W sampling along a steepest-descent quench (002 §III A): run SD (ζ = 1, 002 Eq. 4) and keep the configuration and
// time the first time W = (1/N) Σ_i |f_i|² (002 Eq. 1) falls to or below each level W_k; observables are then averaged at
// fixed W, not fixed t. The last level is the inherent structure: FIRE from where SD stopped down to max|f_i| < tol; if that
// ends on a saddle (lowest eigenvalue < 0), the state is pushed along the unstable mode, downhill, and minimized again
// (002 note 10: configurations stuck at saddles with one unstable mode were pushed along it).
import type { Configuration } from '../../configuration.ts';
import { createLandscape } from '../../forces.ts';
import type { Model } from '../../models.ts';
import { energy } from '../../forces.ts';
import { fire } from '../../descent/fire.ts';
import { landscapeForces, maxParticleForce, meanSquaredForce } from '../../descent/state.ts';
import { steepestDescent } from '../../descent/steepestDescent.ts';
import { normalModes } from './normalModes.ts';

/** log10 W_k = −1.5, −2, …, −9 (002 §III A). */
export const DEFAULT_W_LEVELS: readonly number[] = Array.from({ length: 16 }, (_, k) => Math.pow(10, -1.5 - 0.5 * k));

export interface FixedWOptions {
  /** Descending W levels (default DEFAULT_W_LEVELS). */
  levels?: readonly number[];
  /** SD step (default the model's). */
  dt?: number;
  /** Stop SD at this time even if the last level is not reached (default 1e4). */
  tMax?: number;
  /** Inherent structure: FIRE down to max|f_i| below this (default 1e-10). */
  forceTolerance?: number;
  /** Pushes off saddles before giving up (default 3). */
  maxPushes?: number;
  /** Push length along the unit unstable mode (default 1e-3). */
  pushLength?: number;
}

export interface LevelSnapshot {
  /** The level W_k. */
  readonly level: number;
  /** W when it was first reached (≤ level) and the SD time. */
  readonly w: number;
  readonly t: number;
  readonly positions: Float64Array;
}

export interface FixedWRun {
  readonly snapshots: LevelSnapshot[];
  /** The inherent structure: positions, W, the SD time before FIRE took over, and pushes off saddles. */
  readonly inherent: { positions: Float64Array; w: number; t: number; pushes: number; maxForce: number };
}

// 002 §III A.
export function fixedWRun(model: Model, start: Configuration, options: FixedWOptions = {}): FixedWRun {
  const levels = options.levels ?? DEFAULT_W_LEVELS;
  for (let k = 1; k < levels.length; k++) if (!(levels[k] < levels[k - 1])) throw new Error('W levels must be strictly decreasing');
  const land = createLandscape(model, start);
  const forces = landscapeForces(land);
  const n = start.diameters.length, d = model.dim;
  const dt = options.dt ?? model.defaultDt;
  const tMax = options.tMax ?? 1e4;
  const sd = steepestDescent(forces, { dt, n, energyEvery: 100 });
  const s = sd.init(start.positions);
  if (!Number.isFinite(s.energy)) throw new Error('the starting configuration has a non-finite energy (overlapping particles): equilibrate it first');
  const snapshots: LevelSnapshot[] = [];
  let k = 0;
  for (;;) {
    const w = meanSquaredForce(s.forces, n);
    while (k < levels.length && w <= levels[k]) snapshots.push({ level: levels[k++], w, t: s.t, positions: s.positions.slice() });
    if (k === levels.length || s.t >= tMax) break;
    sd.step(s);
  }
  const tSd = s.t;
  // The inherent structure (the IS level), with pushes off saddles.
  const tol = options.forceTolerance ?? 1e-10;
  const x = s.positions.slice();
  let pushes = 0;
  for (;;) {
    const fi = fire(forces, { dt: model.fireDt, dim: d });
    const st = fi.init(x);
    while (maxParticleForce(st.forces, d) > tol && st.step < 1e6 && !st.stuck) fi.step(st);
    x.set(st.positions);
    const lowest = normalModes(land, x, { count: 1 });
    const lambda = lowest.values[0];
    if (!(lambda < -1e-8) || pushes >= (options.maxPushes ?? 3)) {
      const f = new Float64Array(x.length);
      forces(x, f);
      return { snapshots, inherent: { positions: x, w: meanSquaredForce(f, n), t: tSd, pushes, maxForce: maxParticleForce(f, d) } };
    }
    // Downhill along ±e: E(x ± δe) ≈ E + ½λδ², equal to second order, so pick the lower one.
    const e = lowest.vectors[0], delta = options.pushLength ?? 1e-3;
    const plus = x.map((v, j) => v + delta * e[j]), minus = x.map((v, j) => v - delta * e[j]);
    x.set(energy(land, plus) <= energy(land, minus) ? plus : minus);
    pushes++;
  }
}
