// Steepest descent as a dynamics in physical time: ζ dr_i/dt = −∂E/∂r_i, explicit Euler with step Δt (000 Eq. 1).
// Adaptive substeps (issue 9, docs/PHYSICS.md §3): from a start with overlaps the forces are ~1e12 and an Euler step of the
// fixed Δt would be unstable. With `adaptive`, each Δt is then crossed in substeps h ≤ Δt chosen from the embedded
// Euler/Heun error estimate: the Euler step x_E = x + h f(x) and the Heun step x_H = x + ½h (f(x) + f(x_E)) differ by
// ½h |f(x_E) − f(x)|, so ρ = |f(x_E) − f(x)| / |f(x)| is that estimate relative to the step h|f(x)| (×2). A substep is taken
// (x_E, whose force f(x_E) is the next step's: one force evaluation per substep, as plain Euler) when the energy does not rise
// and ρ ≤ RHO_STABLE for a full step of Δt (the fixed-Δt run's own stability), ρ ≤ 2·RHO_TARGET for a shorter substep (a
// decay resolved to ~5%: Euler's factor 1 − hλ against e^(−hλ)); otherwise it is undone and h shrinks. While h < Δt, h follows
// ρ → RHO_TARGET, growing back to Δt once the error allows; a full step of Δt that passes is kept at Δt. A well-equilibrated start never rejects and runs plain Euler bit for bit. The run stays on physical
// time: every step() advances t by exactly Δt, so samples fall on the same times as the fixed-Δt run.
import { DivergenceError } from '../errors.ts';
import { initDescentState, type DescentState, type ForceFunction } from './state.ts';

/** Largest accepted ρ = |Δf|/|f|: the Heun correction may not exceed the Euler step itself (a dominant mode's hλ ≤ 2, Euler's stability limit). */
export const RHO_STABLE = 2;
/** The ρ an adaptive substep aims at (choice: a dominant mode's hλ ≈ 0.1, its decay rate within ~5% of e^(−λt)). */
export const RHO_TARGET = 0.1;
/** An rms Heun correction per coordinate (lengths in d̄) below which a substep is accepted whatever ρ says: a jump of the
 * force at a cutoff, not stiffness (choice: 1e-10, far below any displacement the quench resolves). */
export const NEGLIGIBLE_ERROR = 1e-10;
/** Consecutive rejections (each shrinks h at least twofold: 2^-300 ~ 1e-90) after which no step is stable (non-finite forces). */
const MAX_REJECTIONS = 300;

/** `energy` in the state is refreshed every `energyEvery` steps; the quench evaluates it exactly at its sample times. */
export interface SteepestDescentParams {
  dt: number;
  /** Check the energy (the instability guard) every this many steps (default 1: the energy costs ~5% of the forces); other steps skip it. */
  energyEvery?: number;
  /** Number of particles, for the round-off allowance of the instability guard. */
  n: number;
  /** Cross each Δt in error-controlled substeps when a single Euler step would be unstable (default false: plain Euler, which throws). */
  adaptive?: boolean;
}

/** Steepest descent's state: the suggested substep and the substeps taken (forceCalls counts rejected ones too). */
export interface SteepestDescentState extends DescentState {
  h: number;
  substeps: number;
}

// 000 Eq. (1) with ζ = 1: r(t + Δt) = r(t) + Δt f(t).
export function steepestDescent(forces: ForceFunction, params: SteepestDescentParams) {
  const { dt } = params;
  if (!(dt > 0) || !Number.isFinite(dt)) throw new Error(`time step Δt must be positive and finite, got ${dt}`);
  const n = params.n;
  const every = params.energyEvery ?? 1;
  const roundOff = (e: number) => 1e-9 * Math.abs(e) + 1e-12 * n;
  const init = (positions: Float64Array): SteepestDescentState => ({ ...initDescentState(forces, positions), h: dt, substeps: 0 });
  let x0 = new Float64Array(0), f0 = new Float64Array(0);

  const fixedStep = (s: SteepestDescentState): SteepestDescentState => {
    const x = s.positions, f = s.forces;
    for (let k = 0; k < x.length; k++) x[k] += dt * f[k];
    s.step++;
    s.forceCalls++;
    s.substeps++;
    s.t = s.step * dt;
    const check = s.step % every === 0;
    const previous = s.energy;
    const e = forces(x, f, check);
    if (!check) return s;
    s.energy = e;
    // Guard: for Δt < 2/λ_max the energy cannot rise; a rise beyond round-off means the Euler step is unstable.
    if (!Number.isFinite(s.energy) || s.energy - previous > roundOff(previous)) {
      throw new DivergenceError(
        `steepest descent is unstable at t = ${s.t.toPrecision(4)}: the energy rose from ${previous} to ${s.energy}; use a smaller Δt than ${dt}, or start from a relaxed state`,
      );
    }
    return s;
  };

  // One Δt in substeps: Euler with the Euler/Heun error estimate ρ (header).
  const adaptiveStep = (s: SteepestDescentState): SteepestDescentState => {
    const x = s.positions, f = s.forces, m = x.length;
    if (x0.length !== m) { x0 = new Float64Array(m); f0 = new Float64Array(m); }
    const check = (s.step + 1) % every === 0;
    let remaining = dt, rejections = 0;
    while (remaining > 0) {
      const clamped = s.h >= remaining; // the last substep of this Δt: its length says nothing about the next one
      const h = clamped ? remaining : s.h;
      x0.set(x); f0.set(f);
      let f2 = 0;
      for (let k = 0; k < m; k++) { x[k] += h * f[k]; f2 += f[k] * f[k]; }
      const e = forces(x, f, check);
      s.forceCalls++;
      let d2 = 0;
      for (let k = 0; k < m; k++) { const df = f[k] - f0[k]; d2 += df * df; }
      const rho = f2 > 0 ? Math.sqrt(d2 / f2) : 0;
      const energyOk = !check || (Number.isFinite(e) && e - s.energy <= roundOff(s.energy));
      // A pair crossing a cutoff where the force jumps (truncated-and-shifted KA) keeps ρ ~ 1 however small h gets; once the
      // Heun correction ½h|Δf| is below NEGLIGIBLE_ERROR the substep is taken anyway (else h would shrink without end, a Zeno hang).
      const negligible = 0.5 * h * Math.sqrt(d2 / m) <= NEGLIGIBLE_ERROR;
      if (Number.isFinite(rho) && (rho <= (h === dt ? RHO_STABLE : 2 * RHO_TARGET) || negligible) && energyOk) {
        s.substeps++;
        rejections = 0;
        if (check) s.energy = e;
        remaining = clamped || remaining - h < 1e-12 * dt ? 0 : remaining - h;
        // a full Δt that passes stays at Δt (plain Euler); a substep grows towards ρ = RHO_TARGET, at most ×2
        if (h < dt && !clamped) s.h = Math.min(dt, h * Math.min(2, Math.max(0.5, RHO_TARGET / Math.max(rho, 1e-300))));
      } else {
        x.set(x0); f.set(f0);
        s.h = h * (Number.isFinite(rho) ? Math.min(0.5, Math.max(0.1, RHO_TARGET / rho)) : 0.1);
        if (++rejections > MAX_REJECTIONS || !(s.h > 0)) {
          throw new DivergenceError(`steepest descent found no stable step at t = ${s.t.toPrecision(4)} (${MAX_REJECTIONS} substeps refused): the forces are not finite; start from a relaxed state`);
        }
      }
    }
    s.step++;
    s.t = s.step * dt;
    return s;
  };

  return { init, step: params.adaptive ? adaptiveStep : fixedStep };
}
