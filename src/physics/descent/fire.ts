// FIRE 2.0 (Guénolé et al., Comput. Mater. Sci. 175, 109584 (2020)), semi-implicit Euler, half step back on P ≤ 0;
// defaults as LAMMPS min_style fire (docs/PHYSICS.md §3). A minimizer, not a dynamics.
// The step limit (LAMMPS dmax): no particle moves more than maxStep in one step, the kick and mixing keep Δt, the move uses
// h = min(Δt, maxStep / max_i |v_i|), and the half step back on P ≤ 0 undoes half of that last move (½ h v, at most maxStep/2),
// so a start with overlapping particles (forces ~1e12) relaxes at maxStep per step instead of flying apart.
import { DivergenceError } from '../errors.ts';
import { initDescentState, type DescentState, type ForceFunction } from './state.ts';

export interface FireParams {
  dt: number;
  /** Spatial dimension (per-particle step limit). */
  dim: number;
  dtMax?: number; // default 10 dt
  dtMin?: number; // default 0.02 dt
  nDelay?: number; // 20
  fInc?: number; // 1.1
  fDec?: number; // 0.5
  alpha0?: number; // 0.25
  fAlpha?: number; // 0.99
  /** Largest displacement of any particle in one step (LAMMPS dmax = 0.1). */
  maxStep?: number;
  /** Consecutive P ≤ 0 steps after which the run is declared stuck (LAMMPS: 2000). */
  maxUphill?: number;
}

/** Every FIRE constant resolved for an initial step Δt: the one definition the GPU engine reads too (src/gpu/descentControl.ts). */
export type FireConstants = Required<Omit<FireParams, 'dim'>>;

/** LAMMPS min_style fire's defaults (dmax = 0.1, delaystep 20, dtgrow 1.1, dtshrink 0.5, alpha0 0.25, alphashrink 0.99, vdfmax 2000). */
export function fireConstants(dt: number, overrides: Partial<FireConstants> = {}): FireConstants {
  return {
    dt, dtMax: 10 * dt, dtMin: 0.02 * dt, nDelay: 20, fInc: 1.1, fDec: 0.5, alpha0: 0.25, fAlpha: 0.99, maxStep: 0.1, maxUphill: 2000,
    ...overrides,
  };
}

/** FIRE skips the energy; `energy` in the state is the starting one until the quench evaluates it at a sample. */
export interface FireState extends DescentState {
  readonly velocities: Float64Array;
  dt: number;
  alpha: number;
  nPositive: number;
  nNegative: number;
  /** The last move's step min(Δt, maxStep / max_i |v_i|): the half step back undoes ½ h v. */
  h: number;
  stuck: boolean;
}

// Guénolé et al. 2020, Algorithm 2 (FIRE 2.0) with the LAMMPS defaults.
export function fire(forces: ForceFunction, params: FireParams) {
  const dt0 = params.dt;
  if (!(dt0 > 0) || !Number.isFinite(dt0)) throw new Error(`FIRE time step must be positive and finite, got ${dt0}`);
  const { dtMax, dtMin, nDelay, fInc, fDec, alpha0, fAlpha, maxStep, maxUphill } = fireConstants(dt0, definedOnly(params));
  const d = params.dim;

  const init = (positions: Float64Array): FireState => {
    const base = initDescentState(forces, positions);
    return { ...base, velocities: new Float64Array(base.positions.length), dt: dt0, alpha: alpha0, nPositive: 0, nNegative: 0, h: 0, stuck: false };
  };

  const step = (s: FireState): FireState => {
    const x = s.positions, f = s.forces, v = s.velocities;
    const m = x.length;
    let power = 0;
    for (let k = 0; k < m; k++) power += f[k] * v[k];
    if (power > 0) {
      s.nPositive++;
      s.nNegative = 0;
      if (s.nPositive > nDelay) {
        s.dt = Math.min(s.dt * fInc, dtMax);
        s.alpha *= fAlpha;
      }
    } else {
      s.nNegative++;
      s.nPositive = 0;
      if (s.nNegative > maxUphill) s.stuck = true;
      if (s.step >= nDelay) {
        // "initial delay": no dt reduction during the first N_delay steps
        s.dt = Math.max(s.dt * fDec, dtMin);
        s.alpha = alpha0;
      }
      for (let k = 0; k < m; k++) { x[k] -= 0.5 * s.h * v[k]; v[k] = 0; }
    }
    // Semi-implicit Euler: v ← v + Δt f, then mix v ← (1 − α) v + α |v| f̂, then x ← x + Δt v.
    let vv = 0, ff = 0;
    for (let k = 0; k < m; k++) { v[k] += s.dt * f[k]; vv += v[k] * v[k]; ff += f[k] * f[k]; }
    if (!Number.isFinite(vv) || !Number.isFinite(ff)) throw fireDiverged(s.step);
    if (ff > 0) {
      const a = 1 - s.alpha, b = s.alpha * Math.sqrt(vv / ff);
      for (let k = 0; k < m; k++) v[k] = a * v[k] + b * f[k];
    }
    let vmax2 = 0;
    for (let k = 0; k < m; k += d) {
      let s2 = 0;
      for (let a = 0; a < d; a++) s2 += v[k + a] * v[k + a];
      if (s2 > vmax2) vmax2 = s2;
    }
    const h = Math.min(s.dt, maxStep / Math.sqrt(vmax2 || 1e-300));
    for (let k = 0; k < m; k++) x[k] += h * v[k];
    forces(x, f, false);
    s.step++;
    s.forceCalls++;
    s.h = h;
    s.t += h;
    return s;
  };
  return { init, step };
}

/** The FIRE divergence, worded once for both engines. */
export function fireDiverged(step: number): DivergenceError {
  return new DivergenceError(`FIRE diverged at step ${step}: the velocities or forces are not finite; start from a less overlapping state (more sweeps)`);
}

function definedOnly(p: FireParams): Partial<FireConstants> {
  const out: Partial<FireConstants> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined && k !== 'dim') (out as Record<string, number>)[k] = v;
  return out;
}
