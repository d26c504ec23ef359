// Power law or exponential? The Mari–Kurchan velocity decays as t^(−β) above the state-following temperature T_SF and
// exponentially below it (000 §III A, Fig. 1; T_SF between 1e-4 and 0.006). Both forms are straight lines: ln v against
// ln t (power law, 000 Eq. 3) and ln v against t (exponential, v ∝ e^(−t/τ)). Over one window the form whose line leaves
// the smaller residual wins; the temperatures where each form wins bracket T_SF.
import type { FitWindow } from './powerLaw.ts';

export type DecayForm = 'power law' | 'exponential';

export interface DecayFormTest {
  form: DecayForm;
  /** Root-mean-square residual of ln v about each straight line. */
  powerLawResidual: number;
  exponentialResidual: number;
  /** −slope of ln v against ln t, and against t (1/τ). */
  beta: number;
  rate: number;
  points: number;
}

export class DecayFormError extends Error {
  constructor(message: string) { super(message); this.name = 'DecayFormError'; }
}

/** Least-squares line y = a + b x; returns the slope and the RMS residual. */
function line(x: readonly number[], y: readonly number[]): { slope: number; residual: number } {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let k = 0; k < n; k++) { sxy += (x[k] - mx) * (y[k] - my); sxx += (x[k] - mx) ** 2; }
  const slope = sxy / sxx;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (y[k] - my - slope * (x[k] - mx)) ** 2;
  return { slope, residual: Math.sqrt(ss / n) };
}

// 000 Fig. 1: ln⟨|v|⟩ linear in ln t (power law) or in t (exponential) over the window; points with v ≤ floor (the descent
// has reached its minimum to machine precision) are left out.
export function decayFormTest(t: ArrayLike<number>, v: ArrayLike<number>, window: FitWindow, floor = 1e-12): DecayFormTest {
  const ts: number[] = [], lts: number[] = [], lvs: number[] = [];
  for (let k = 0; k < t.length; k++) {
    if (t[k] >= window.tMin && t[k] <= window.tMax && t[k] > 0 && v[k] > floor) { ts.push(t[k]); lts.push(Math.log(t[k])); lvs.push(Math.log(v[k])); }
  }
  if (ts.length < 4) throw new DecayFormError(`a decay test needs at least 4 points with ⟨|v|⟩ > ${floor} in t ∈ [${window.tMin}, ${window.tMax}], got ${ts.length}`);
  const p = line(lts, lvs), e = line(ts, lvs);
  return { form: p.residual <= e.residual ? 'power law' : 'exponential', powerLawResidual: p.residual, exponentialResidual: e.residual, beta: -p.slope, rate: -e.slope, points: ts.length };
}

/**
 * T_SF bracketed by the per-temperature forms: above the highest exponential T and below the lowest power-law T. Null
 * when one form is missing or the forms interleave (no single crossover).
 */
export function stateFollowingBracket(points: readonly { temperature: number; form: DecayForm }[]): [number, number] | null {
  const exp = points.filter((p) => p.form === 'exponential').map((p) => p.temperature);
  const pow = points.filter((p) => p.form === 'power law').map((p) => p.temperature);
  if (exp.length === 0 || pow.length === 0) return null;
  const below = Math.max(...exp), above = Math.min(...pow);
  return below < above ? [below, above] : null;
}
