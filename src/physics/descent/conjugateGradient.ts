// Polak–Ribière nonlinear conjugate gradient with restarts and a derivative-based line search (docs/PHYSICS.md §3).
// A minimizer, not a dynamics: its "time" is the accumulated line-search step.
import { initDescentState, type DescentState, type ForceFunction } from './state.ts';

export interface ConjugateGradientParams {
  /** Spatial dimension (per-particle step limit). */
  dim: number;
  /** Largest displacement of any particle in the first trial of a line search (LAMMPS dmax = 0.1). */
  maxStep?: number;
  /** Restart with the steepest-descent direction every this many iterations (default: number of degrees of freedom). */
  restartEvery?: number;
  /** Line search ends when |φ′(α)| ≤ this × |φ′(0)| (strong Wolfe curvature condition). */
  curvature?: number;
}

export interface ConjugateGradientState extends DescentState {
  readonly direction: Float64Array;
  readonly trialPositions: Float64Array;
  readonly trialForces: Float64Array;
  lastAlpha: number;
  sinceRestart: number;
  stuck: boolean;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
};

// Polak–Ribière (PR+) CG: h ← f_new + max(0, f_new·(f_new − f_old)/f_old·f_old) h.
export function conjugateGradient(forces: ForceFunction, params: ConjugateGradientParams) {
  const maxStep = params.maxStep ?? 0.1;
  const c2 = params.curvature ?? 0.1;
  const d = params.dim;

  const init = (positions: Float64Array): ConjugateGradientState => {
    const base = initDescentState(forces, positions);
    const m = base.positions.length;
    return {
      ...base,
      direction: base.forces.slice(),
      trialPositions: new Float64Array(m),
      trialForces: new Float64Array(m),
      lastAlpha: 0,
      sinceRestart: 0,
      stuck: false,
    };
  };

  /** Evaluate E and φ′(α) = −f(x + αh)·h at the trial point. */
  const probe = (s: ConjugateGradientState, alpha: number): { e: number; slope: number } => {
    const x = s.positions, h = s.direction, xt = s.trialPositions;
    for (let k = 0; k < x.length; k++) xt[k] = x[k] + alpha * h[k];
    const e = forces(xt, s.trialForces);
    s.forceCalls++;
    return { e, slope: -dot(s.trialForces, h) };
  };

  const accept = (s: ConjugateGradientState, alpha: number, e: number) => {
    // Copy the last probed point into the state (re-probe if the accepted α is not the last probed one).
    s.positions.set(s.trialPositions);
    s.forces.set(s.trialForces);
    s.energy = e;
    s.t += alpha;
    s.lastAlpha = alpha;
  };

  const lineSearch = (s: ConjugateGradientState, slope0: number): boolean => {
    const h = s.direction;
    let hmax = 0;
    for (let k = 0; k < h.length; k += d) {
      let q = 0;
      for (let a = 0; a < d; a++) q += h[k + a] * h[k + a];
      if (q > hmax) hmax = q;
    }
    hmax = Math.sqrt(hmax);
    if (hmax === 0) return false;
    const cap = maxStep / hmax;
    let lo = 0, slopeLo = slope0;
    let hi = Number.NaN, slopeHi = Number.NaN;
    let alpha = s.lastAlpha > 0 ? Math.min(2 * s.lastAlpha, cap) : cap;
    const e0 = s.energy;
    for (let it = 0; it < 40; it++) {
      const { e, slope } = probe(s, alpha);
      if (!Number.isFinite(e)) { hi = alpha; slopeHi = Infinity; }
      else if (Math.abs(slope) <= c2 * Math.abs(slope0) && e <= e0 + 1e-12 * Math.abs(e0)) { accept(s, alpha, e); return true; }
      else if (slope > 0 || e > e0 + 1e-12 * Math.abs(e0)) { hi = alpha; slopeHi = slope; }
      else { lo = alpha; slopeLo = slope; }
      if (Number.isNaN(hi)) {
        alpha = 2 * alpha; // still descending: expand
        continue;
      }
      // Secant on φ′ inside [lo, hi], safeguarded by bisection.
      let next = Number.isFinite(slopeHi) && slopeHi > slopeLo ? lo - (slopeLo * (hi - lo)) / (slopeHi - slopeLo) : 0.5 * (lo + hi);
      if (!(next > lo + 0.05 * (hi - lo) && next < hi - 0.05 * (hi - lo))) next = 0.5 * (lo + hi);
      alpha = next;
    }
    if (lo > 0) {
      const { e } = probe(s, lo);
      if (e <= e0 + 1e-12 * Math.abs(e0)) { accept(s, lo, e); return true; }
    }
    return false;
  };

  const step = (s: ConjugateGradientState): ConjugateGradientState => {
    const h = s.direction;
    let slope0 = -dot(s.forces, h);
    if (!(slope0 < 0)) {
      h.set(s.forces); // not a descent direction: restart
      s.sinceRestart = 0;
      slope0 = -dot(s.forces, h);
    }
    const fOld = s.forces.slice();
    const ffOld = dot(fOld, fOld);
    if (!lineSearch(s, slope0)) {
      if (s.sinceRestart === 0) { s.stuck = true; s.step++; return s; }
      h.set(s.forces);
      s.sinceRestart = 0;
      s.step++;
      return s;
    }
    s.step++;
    s.sinceRestart++;
    const f = s.forces;
    let num = 0;
    for (let k = 0; k < f.length; k++) num += f[k] * (f[k] - fOld[k]);
    const beta = Math.max(0, num / ffOld);
    const restartEvery = params.restartEvery ?? f.length;
    if (s.sinceRestart >= restartEvery || beta === 0) {
      h.set(f);
      s.sinceRestart = 0;
    } else {
      for (let k = 0; k < f.length; k++) h[k] = f[k] + beta * h[k];
    }
    return s;
  };
  return { init, step };
}
