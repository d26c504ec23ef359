// Confidence interval on the decay exponent β (000 Eq. 3) by bootstrap over initial configurations.
import { createRng, Streams } from '../rng.ts';
import { fitPowerLaw, meanCurve, type FitWindow } from './powerLaw.ts';

export interface BootstrapOptions {
  /** Number of resampled ensembles (default 1000). */
  readonly resamples?: number;
  /** Coverage of the percentile interval (default 0.95). */
  readonly level?: number;
  /** Seed of the counter-based generator, stream Streams.bootstrap (default 0). */
  readonly seed?: number;
}

export interface BootstrapExponent {
  /** β fitted to the mean curve of all samples. */
  readonly beta: number;
  readonly low: number;
  readonly high: number;
  /** Resampled ensembles actually fitted (0 with a single sample). */
  readonly resamples: number;
  /** Number of per-configuration curves. */
  readonly samples: number;
  /** How [low, high] was obtained. */
  readonly interval: 'percentile' | 'none (1 sample)';
}

// 000 Eq. (3) with ⟨·⟩ of Eq. (2): β of the sample mean; percentile interval of β over ensembles drawn with replacement.
export function bootstrapExponent(
  t: ArrayLike<number>,
  samples: readonly ArrayLike<number>[],
  window: FitWindow,
  options: BootstrapOptions = {},
): BootstrapExponent {
  const { resamples = 1000, level = 0.95, seed = 0 } = options;
  if (!(level > 0 && level < 1)) throw new Error(`bootstrapExponent: level must lie in (0, 1), got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`bootstrapExponent: resamples must be a positive integer, got ${resamples}`);
  for (const s of samples) if (s.length !== t.length) throw new Error(`bootstrapExponent: a sample has ${s.length} values for ${t.length} times`);
  const inWindow = windowIndices(t, window);
  const tw = inWindow.map((k) => t[k]);
  const sw = samples.map((s) => inWindow.map((k) => s[k]));
  const beta = fitPowerLaw(tw, meanCurve(sw), window).beta;
  if (samples.length === 1) return { beta, low: beta, high: beta, resamples: 0, samples: 1, interval: 'none (1 sample)' };

  const rng = createRng(seed, Streams.bootstrap);
  const betas = new Float64Array(resamples);
  const drawn: number[][] = new Array<number[]>(sw.length);
  for (let b = 0; b < resamples; b++) {
    for (let m = 0; m < sw.length; m++) drawn[m] = sw[rng.int(sw.length)];
    betas[b] = fitPowerLaw(tw, meanCurve(drawn), window).beta;
  }
  betas.sort();
  return {
    beta,
    low: quantile(betas, (1 - level) / 2),
    high: quantile(betas, (1 + level) / 2),
    resamples,
    samples: samples.length,
    interval: 'percentile',
  };
}

/** Indices of the grid inside the fit window (only those points can enter any fit). */
function windowIndices(t: ArrayLike<number>, window: FitWindow): number[] {
  const out: number[] = [];
  for (let k = 0; k < t.length; k++) if (t[k] >= window.tMin && t[k] <= window.tMax && t[k] > 0) out.push(k);
  return out;
}

/** Quantile q of sorted values, linear interpolation between order statistics (Hyndman–Fan type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error('quantile of an empty list');
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface BootstrapMean {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly samples: number;
}

// Percentile bootstrap of a sample mean (Efron 1979), as for β above: the mean of samples drawn with replacement.
export function bootstrapMean(values: ArrayLike<number>, options: BootstrapOptions = {}): BootstrapMean {
  const { resamples = 1000, level = 0.95, seed = 0 } = options;
  const n = values.length;
  if (n === 0) throw new Error('bootstrapMean: no values');
  let mean = 0;
  for (let k = 0; k < n; k++) mean += values[k] / n;
  if (n === 1) return { mean, low: mean, high: mean, samples: 1 };
  const rng = createRng(seed, Streams.bootstrap);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let m = 0; m < n; m++) s += values[rng.int(n)];
    means[b] = s / n;
  }
  means.sort();
  return { mean, low: quantile(means, (1 - level) / 2), high: quantile(means, (1 + level) / 2), samples: n };
}
