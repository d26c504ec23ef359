// Power-law decays v(t) = A t^(−β) (000 Eq. 3): least-squares fits in log-log, local slopes and sample means.

export interface FitWindow {
  readonly tMin: number;
  readonly tMax: number;
}

export interface PowerLawFit {
  /** Decay exponent β of v ~ t^(−β). */
  readonly beta: number;
  /** ln A (natural logarithm of the prefactor). */
  readonly logPrefactor: number;
  /** Number of (t, v) points that entered the fit. */
  readonly points: number;
  /** Coefficient of determination of the straight line in (ln t, ln v). */
  readonly rSquared: number;
  /** Standard error of β from the residuals (NaN with fewer than 3 points); log-spaced samples of one curve are correlated, so treat it as a scale, not a coverage guarantee. */
  readonly betaStandardError: number;
}

// 000 Eq. (3): ln v = ln A − β ln t, ordinary least squares over tMin ≤ t ≤ tMax with t > 0, v > 0.
export function fitPowerLaw(t: ArrayLike<number>, v: ArrayLike<number>, window: FitWindow): PowerLawFit {
  if (t.length !== v.length) throw new Error(`fitPowerLaw: ${t.length} times but ${v.length} values`);
  const logT: number[] = [];
  const logV: number[] = [];
  for (let k = 0; k < t.length; k++) {
    if (t[k] >= window.tMin && t[k] <= window.tMax && t[k] > 0 && v[k] > 0) {
      logT.push(Math.log(t[k]));
      logV.push(Math.log(v[k]));
    }
  }
  if (logT.length < 3) {
    throw new Error(`fitPowerLaw: only ${logT.length} points with t > 0, v > 0 in the window [${window.tMin}, ${window.tMax}]; need at least 3`);
  }
  return straightLineFit(logT, logV);
}

/** Least squares y = a + b x; returns β = −b, ln A = a. */
function straightLineFit(x: readonly number[], y: readonly number[]): PowerLawFit {
  const n = x.length;
  let mx = 0, my = 0;
  for (let k = 0; k < n; k++) { mx += x[k]; my += y[k]; }
  mx /= n; my /= n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let k = 0; k < n; k++) {
    const dx = x[k] - mx, dy = y[k] - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  if (!(sxx > 0)) throw new Error('fitPowerLaw: all times in the window are equal; cannot fit a slope');
  const slope = sxy / sxx;
  // R² = 1 − SS_res/SS_tot; a perfectly flat exact line (syy = 0) is a perfect fit.
  const rSquared = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1;
  const residual = Math.max(0, syy - slope * sxy); // SS_res = S_yy − b S_xy
  const betaStandardError = n > 2 ? Math.sqrt(residual / (n - 2) / sxx) : NaN;
  return { beta: -slope, logPrefactor: my - slope * mx, points: n, rSquared, betaStandardError };
}

// 000 Eq. (3): local exponent β(t) = −d ln v / d ln t; centered differences inside, one-sided at the ends, NaN where t ≤ 0 or v ≤ 0.
export function localSlope(t: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  if (t.length !== v.length) throw new Error(`localSlope: ${t.length} times but ${v.length} values`);
  const n = t.length;
  const out = new Float64Array(n).fill(NaN);
  if (n < 2) return out;
  const lt = (k: number) => (t[k] > 0 ? Math.log(t[k]) : NaN);
  const lv = (k: number) => (v[k] > 0 ? Math.log(v[k]) : NaN);
  for (let k = 0; k < n; k++) {
    const lo = Math.max(0, k - 1);
    const hi = Math.min(n - 1, k + 1);
    out[k] = -(lv(hi) - lv(lo)) / (lt(hi) - lt(lo));
  }
  return out;
}

// 000 Eq. (2): ⟨·⟩ over initial configurations, point by point on a common time grid.
export function meanCurve(samples: readonly ArrayLike<number>[]): Float64Array {
  if (samples.length === 0) throw new Error('meanCurve: no samples');
  const n = samples[0].length;
  const out = new Float64Array(n);
  for (const s of samples) {
    if (s.length !== n) throw new Error(`meanCurve: samples have different lengths (${n} and ${s.length}); put them on a common time grid first`);
    for (let k = 0; k < n; k++) out[k] += s[k];
  }
  for (let k = 0; k < n; k++) out[k] /= samples.length;
  return out;
}
