// β of ⟨|v(t)|⟩ ~ t^−β with an interval, as the lab and its readouts show it (000 Eq. 3): several sample curves give a
// bootstrap interval over initial configurations; one curve gives β ± 1.96 standard errors of the least-squares slope.
import { bootstrapExponent } from './bootstrap.ts';
import { fitPowerLaw, meanCurve, type FitWindow, type PowerLawFit } from './powerLaw.ts';

/**
 * The one shape of a fit of β (000 Eq. 3): the least-squares line of powerLaw.ts (β, ln A of v = A t^−β fitted to the mean curve,
 * the points used) with its interval and window. What links, run files and results files keep of it is BetaInterval.
 */
export interface BetaFit extends Pick<PowerLawFit, 'beta' | 'logPrefactor' | 'points'> {
  low: number;
  high: number;
  tMin: number;
  tMax: number;
  /** How [low, high] was obtained: bootstrap over samples, the regression's standard error, or not at all. */
  interval: 'bootstrap' | 'regression' | 'none';
  /** Curves that entered the fit. */
  samples: number;
}

/** β, its interval and the window: the part of a BetaFit a link, a run file or a results file keeps. */
export type BetaInterval = Pick<BetaFit, 'beta' | 'low' | 'high' | 'tMin' | 'tMax'>;

function pointsIn(t: ArrayLike<number>, v: ArrayLike<number>, w: FitWindow): number {
  let m = 0;
  for (let k = 0; k < t.length; k++) if (t[k] >= w.tMin && t[k] <= w.tMax && t[k] > 0 && v[k] > 0) m++;
  return m;
}

/** 000 Eq. (3) on one curve: OLS in log-log, interval ±1.96 s.e.; null when the window holds fewer than 3 points. */
export function curveBetaFit(t: ArrayLike<number>, v: ArrayLike<number>, w: FitWindow): BetaFit | null {
  const points = pointsIn(t, v, w);
  if (points < 3) return null;
  const f = fitPowerLaw(t, v, w);
  const half = Number.isFinite(f.betaStandardError) ? 1.96 * f.betaStandardError : 0;
  return { beta: f.beta, low: f.beta - half, high: f.beta + half, logPrefactor: f.logPrefactor, tMin: w.tMin, tMax: w.tMax, points, interval: 'regression', samples: 1 };
}

/**
 * 000 Eqs. (2)–(3) over samples on a common time grid `t` (each sample as long as t): β of the mean curve with a 95% percentile
 * bootstrap interval (one sample: the regression interval). Null when the window holds fewer than 3 points.
 */
export function ensembleBetaFit(t: ArrayLike<number>, samples: readonly ArrayLike<number>[], w: FitWindow, resamples = 1000): BetaFit | null {
  if (samples.length === 0) return null;
  if (samples.length === 1) return curveBetaFit(t, samples[0], w);
  const mean = meanCurve(samples);
  const points = pointsIn(t, mean, w);
  if (points < 3) return null;
  const b = bootstrapExponent(t, samples, w, { resamples });
  const f = fitPowerLaw(t, mean, w);
  return { beta: b.beta, low: b.low, high: b.high, logPrefactor: f.logPrefactor, tMin: w.tMin, tMax: w.tMax, points, interval: 'bootstrap', samples: samples.length };
}
