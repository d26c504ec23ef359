// Steepest descent as a dynamics in physical time: ζ dr_i/dt = −∂E/∂r_i, explicit Euler with step Δt (000 Eq. 1).
import { DivergenceError } from '../errors.ts';
import { initDescentState, type DescentState, type ForceFunction } from './state.ts';

/** `energy` in the state is refreshed every `energyEvery` steps; the quench evaluates it exactly at its sample times. */
export interface SteepestDescentParams {
  dt: number;
  /** Check the energy (the instability guard) every this many steps (default 1: the energy costs ~5% of the forces); other steps skip it. */
  energyEvery?: number;
  /** Number of particles, for the round-off allowance of the instability guard. */
  n: number;
}

// 000 Eq. (1) with ζ = 1: r(t + Δt) = r(t) + Δt f(t).
export function steepestDescent(forces: ForceFunction, params: SteepestDescentParams) {
  const { dt } = params;
  if (!(dt > 0) || !Number.isFinite(dt)) throw new Error(`time step Δt must be positive and finite, got ${dt}`);
  const n = params.n;
  const every = params.energyEvery ?? 1;
  const init = (positions: Float64Array): DescentState => initDescentState(forces, positions);
  const step = (s: DescentState): DescentState => {
    const x = s.positions, f = s.forces;
    for (let k = 0; k < x.length; k++) x[k] += dt * f[k];
    s.step++;
    s.forceCalls++;
    s.t = s.step * dt;
    const check = s.step % every === 0;
    const previous = s.energy;
    const e = forces(x, f, check);
    if (!check) return s;
    s.energy = e;
    // Guard: for Δt < 2/λ_max the energy cannot rise; a rise beyond round-off means the Euler step is unstable.
    if (!Number.isFinite(s.energy) || s.energy - previous > 1e-9 * Math.abs(previous) + 1e-12 * n) {
      throw new DivergenceError(
        `steepest descent is unstable at t = ${s.t.toPrecision(4)}: the energy rose from ${previous} to ${s.energy}; use a smaller Δt than ${dt}`,
      );
    }
    return s;
  };
  return { init, step };
}
