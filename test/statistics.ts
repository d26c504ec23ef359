// Shared statistics and exact small-system weights for the Monte Carlo tests (serial and GPU): χ² and Student's t tails,
// batch means, and the exact pair-distance distributions they are compared with.
import type { Configuration } from '../src/physics/configuration.ts';
import type { Model } from '../src/physics/models.ts';
import { minimumImage1, periodicBox } from '../src/physics/space.ts';

/** Upper tail Q(a, x) of the regularized incomplete gamma function (Numerical Recipes §6.2). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lanczos = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  let s = lanczos[0];
  for (let k = 1; k < 9; k++) s += lanczos[k] / (a - 1 + k);
  const t = a - 1 + 7.5;
  const logGammaA = 0.5 * Math.log(2 * Math.PI) + (a - 0.5) * Math.log(t) - t + Math.log(s);
  const prefactor = Math.exp(-x + a * Math.log(x) - logGammaA);
  if (x < a + 1) {
    let term = 1 / a, sum = term;
    for (let n = 1; n < 10000 && Math.abs(term) > 1e-16 * Math.abs(sum); n++) { term *= x / (a + n); sum += term; }
    return 1 - sum * prefactor;
  }
  let b = x + 1 - a, c = 1e300, d = 1 / b, h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b; if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c; if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    h *= d * c;
    if (Math.abs(d * c - 1) < 1e-16) break;
  }
  return prefactor * h;
}

/** P(χ²_df ≥ statistic). */
export const chiSquareSurvival = (statistic: number, df: number): number => gammaQ(df / 2, statistic / 2);

export interface ChiSquare { statistic: number; df: number; p: number }

/** Pearson chi-square of counts against bin probabilities; bins expecting fewer than 5 counts are pooled into one. */
export function chiSquareTest(observed: ArrayLike<number>, probabilities: ArrayLike<number>): ChiSquare {
  let n = 0;
  for (let k = 0; k < observed.length; k++) n += observed[k];
  let statistic = 0, bins = 0, pooledO = 0, pooledE = 0;
  for (let k = 0; k < observed.length; k++) {
    const e = n * probabilities[k];
    if (e < 5) { pooledO += observed[k]; pooledE += e; continue; }
    statistic += ((observed[k] - e) ** 2) / e;
    bins++;
  }
  if (pooledE > 0) {
    if (pooledE < 1e-300) { if (pooledO > 0) statistic = Infinity; } else { statistic += ((pooledO - pooledE) ** 2) / pooledE; bins++; }
  }
  const df = bins - 1;
  return { statistic, df, p: chiSquareSurvival(statistic, df) };
}

/** Means of `batches` consecutive equal batches of a correlated series (the tail that does not fill a batch is dropped). */
export function batchMeans(series: ArrayLike<number>, batches: number): number[] {
  const size = Math.floor(series.length / batches);
  return Array.from({ length: batches }, (_, b) => {
    let s = 0;
    for (let k = b * size; k < (b + 1) * size; k++) s += series[k];
    return s / size;
  });
}

/** Mean and standard error of the mean of (nearly independent) batch means. */
export function meanAndError(values: readonly number[]): { mean: number; standardError: number } {
  const m = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / m;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (m - 1);
  return { mean, standardError: Math.sqrt(variance / m) };
}

/** Batch-means z score of a correlated series against an exact mean. */
export function batchMeansZ(series: ArrayLike<number>, exact: number, batches = 50): { mean: number; standardError: number; z: number } {
  const { mean, standardError } = meanAndError(batchMeans(series, batches));
  return { mean, standardError, z: (mean - exact) / standardError };
}

/** ln Γ(x) (Lanczos, as gammaQ in test/statistics.ts). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  let s = c[0];
  for (let k = 1; k < 9; k++) s += c[k] / (x - 1 + k);
  const t = x - 1 + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x - 0.5) * Math.log(t) - t + Math.log(s);
}

/** Regularized incomplete beta I_x(a, b) by its continued fraction (Numerical Recipes §6.4). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  const fraction = (x: number, a: number, b: number) => {
    let c = 1, d = 1 - ((a + b) * x) / (a + 1);
    if (Math.abs(d) < 1e-300) d = 1e-300;
    d = 1 / d;
    let h = d;
    for (let m = 1; m < 10000; m++) {
      const m2 = 2 * m;
      let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
      d = 1 + aa * d; if (Math.abs(d) < 1e-300) d = 1e-300;
      c = 1 + aa / c; if (Math.abs(c) < 1e-300) c = 1e-300;
      d = 1 / d; h *= d * c;
      aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
      d = 1 + aa * d; if (Math.abs(d) < 1e-300) d = 1e-300;
      c = 1 + aa / c; if (Math.abs(c) < 1e-300) c = 1e-300;
      d = 1 / d;
      const step = d * c;
      h *= step;
      if (Math.abs(step - 1) < 1e-15) break;
    }
    return h;
  };
  return x < (a + 1) / (a + b + 2) ? (front * fraction(x, a, b)) / a : 1 - (front * fraction(1 - x, b, a)) / b;
}

/** Two-sided p-value of Student's t with df degrees of freedom. */
export function studentTwoSided(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** Welch's two-sample t test on two sets of (nearly independent) batch means. */
export function welch(a: readonly number[], b: readonly number[]): { difference: number; standardError: number; t: number; df: number; p: number } {
  const A = meanAndError(a), B = meanAndError(b);
  const va = A.standardError ** 2, vb = B.standardError ** 2;
  const standardError = Math.sqrt(va + vb);
  const t = (A.mean - B.mean) / standardError;
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { difference: A.mean - B.mean, standardError, t, df, p: studentTwoSided(t, df) };
}

// ---------- small systems and their exact statistics ----------

export function smallConfiguration(box: number, positions: number[], diameters: number[]): Configuration {
  return { box: periodicBox(2, box), positions: Float64Array.from(positions), diameters: Float64Array.from(diameters), species: new Uint8Array(diameters.length) };
}

/** Pair energy ε u(r/s) of the model written out directly (independent of the code under test). */
export function directPairEnergy(model: Model, r: number, di: number, dj: number): number {
  const s = model.rule.sigma(di, dj, 0, 0);
  return r < model.potential.xc * s ? model.rule.epsilon(0, 0) * model.potential.u(r / s) : 0;
}

/** Length of the circle of radius r inside the square [−L/2, L/2]²: the density of minimum-image distances in 2D. */
export function perimeterInsideSquare(r: number, L: number): number {
  if (r <= L / 2) return 2 * Math.PI * r;
  if (r >= L / Math.SQRT2) return 0;
  return r * (2 * Math.PI - 8 * Math.acos(L / (2 * r)));
}

/** ∫ over [a, b] by composite Simpson with m (even) intervals. */
export function simpson(f: (x: number) => number, a: number, b: number, m = 400): number {
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let k = 1; k < m; k++) s += (k % 2 ? 4 : 2) * f(a + k * h);
  return (s * h) / 3;
}

/** Exact probabilities of `bins` equal bins of the minimum-image distance r ∈ [0, L/√2) for weight perimeter(r)·w(r). */
export function exactDistanceBins(L: number, bins: number, weight: (r: number) => number): number[] {
  const rMax = L / Math.SQRT2;
  const mass = Array.from({ length: bins }, (_, k) =>
    simpson((r) => perimeterInsideSquare(r, L) * weight(r), (k * rMax) / bins, ((k + 1) * rMax) / bins, 2000));
  const total = mass.reduce((a, b) => a + b, 0);
  return mass.map((m) => m / total);
}

export function minimumImageDistance(c: Configuration, i: number, j: number): number {
  const L = c.box.lengths;
  const dx = minimumImage1(c.positions[2 * j] - c.positions[2 * i], L[0]);
  const dy = minimumImage1(c.positions[2 * j + 1] - c.positions[2 * i + 1], L[1]);
  return Math.hypot(dx, dy);
}
