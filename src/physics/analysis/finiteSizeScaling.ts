// Finite-size scaling of the SD velocity (001 SM II, Fig. S1; docs/PHYSICS.md §6): ⟨|v|⟩(t, N) = N^{−βz} F(t/N^z), so
// N^{βz}⟨|v|⟩ against t/N^z falls on one curve F when z and β are right. In logs, X = ln t − z ln N and
// Y = ln⟨|v|⟩ + βz ln N; the spread S(z, β) is the variance across sizes of Y at fixed X, averaged over a grid of X in
// the range every curve covers (log-log interpolation). z (with β fitted jointly, or held fixed) minimizes S; a
// bootstrap over the samples at each N gives percentile intervals.
import { createRng, Streams } from '../rng.ts';
import { quantile, type BootstrapOptions } from './bootstrap.ts';
import { meanCurve } from './powerLaw.ts';

/** One system size: its sample times and the ⟨|v|⟩ curve of each sample on them. */
export interface SizeEnsemble {
  readonly n: number;
  readonly t: ArrayLike<number>;
  readonly samples: readonly ArrayLike<number>[];
}

export interface CollapseOptions extends BootstrapOptions {
  /** Hold β fixed instead of fitting it jointly with z. */
  readonly beta?: number;
  /** Search range of z (default [0.05, 2]) and of β (default [0.1, 3]). */
  readonly zRange?: readonly [number, number];
  readonly betaRange?: readonly [number, number];
  /** Points of the X grid on which the spread is measured (default 40). */
  readonly gridPoints?: number;
}

/** A curve in logs: ln t and ln⟨|v|⟩ where both are finite, with ln N. */
interface LogCurve { readonly logN: number; readonly lt: Float64Array; readonly lv: Float64Array }

export class CollapseError extends Error {
  constructor(message: string) { super(message); this.name = 'CollapseError'; }
}

function logCurve(n: number, t: ArrayLike<number>, v: ArrayLike<number>): LogCurve {
  const lt: number[] = [], lv: number[] = [];
  for (let k = 0; k < t.length; k++) if (t[k] > 0 && v[k] > 0 && Number.isFinite(Math.log(v[k]))) { lt.push(Math.log(t[k])); lv.push(Math.log(v[k])); }
  if (lt.length < 2) throw new CollapseError(`the curve at N = ${n} has fewer than 2 points with t > 0 and ⟨|v|⟩ > 0`);
  return { logN: Math.log(n), lt: Float64Array.from(lt), lv: Float64Array.from(lv) };
}

/** ln v at ln t = x by linear interpolation in log-log (x inside the curve's range). */
function interpolate(c: LogCurve, x: number): number {
  let lo = 0, hi = c.lt.length - 1;
  while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (c.lt[mid] <= x) lo = mid; else hi = mid; }
  const w = (x - c.lt[lo]) / (c.lt[hi] - c.lt[lo]);
  return c.lv[lo] + w * (c.lv[hi] - c.lv[lo]);
}

// 001 SM II: the spread of ln(N^{βz}⟨|v|⟩) across sizes at common ln(t/N^z); Infinity where the curves do not overlap.
function spread(curves: readonly LogCurve[], z: number, beta: number, gridPoints: number): number {
  let from = -Infinity, to = Infinity;
  for (const c of curves) {
    from = Math.max(from, c.lt[0] - z * c.logN);
    to = Math.min(to, c.lt[c.lt.length - 1] - z * c.logN);
  }
  if (!(to > from)) return Infinity;
  let total = 0;
  const y = new Float64Array(curves.length);
  for (let g = 0; g < gridPoints; g++) {
    const x = from + ((to - from) * (g + 0.5)) / gridPoints;
    let mean = 0;
    curves.forEach((c, k) => { y[k] = interpolate(c, x + z * c.logN) + beta * z * c.logN; mean += y[k]; });
    mean /= curves.length;
    for (let k = 0; k < curves.length; k++) total += (y[k] - mean) ** 2;
  }
  return total / (gridPoints * curves.length);
}

/** The collapse of given mean curves at any z and β (the lab's z slider): x = t/N^z, y = N^{βz}⟨|v|⟩ and the spread there. */
// 001 SM II: the same spread that finiteSizeScaling minimizes, at a chosen point.
export function collapseAt(curves: readonly { n: number; t: ArrayLike<number>; speed: ArrayLike<number> }[], z: number, beta: number, gridPoints = 40): { spread: number; x: number[][]; y: number[][] } {
  const spreadThere = spread(curves.map((c) => logCurve(c.n, c.t, c.speed)), z, beta, gridPoints);
  const x = curves.map((c) => Array.from(c.t, (t) => t / Math.pow(c.n, z)));
  const y = curves.map((c) => Array.from(c.speed, (v) => v * Math.pow(c.n, beta * z)));
  return { spread: spreadThere, x, y };
}

export interface CollapseFit { readonly z: number; readonly beta: number; readonly spread: number }

/** z (and β) of least spread: a grid over the ranges, then three zooms around the best point. */
function minimizeSpread(curves: readonly LogCurve[], options: CollapseOptions): CollapseFit {
  const [z0, z1] = options.zRange ?? [0.05, 2];
  const [b0, b1] = options.betaRange ?? [0.1, 3];
  const fixed = options.beta;
  const grid = options.gridPoints ?? 40;
  const steps = 24;
  let best: CollapseFit = { z: Number.NaN, beta: Number.NaN, spread: Infinity };
  let zLo = z0, zHi = z1, bLo = fixed ?? b0, bHi = fixed ?? b1;
  for (let round = 0; round < 4; round++) {
    const dz = (zHi - zLo) / steps, db = fixed === undefined ? (bHi - bLo) / steps : 0;
    for (let a = 0; a <= steps; a++) for (let b = 0; b <= (fixed === undefined ? steps : 0); b++) {
      const z = zLo + a * dz, beta = bLo + b * db;
      const s = spread(curves, z, beta, grid);
      if (s < best.spread) best = { z, beta, spread: s };
    }
    if (!Number.isFinite(best.spread)) throw new CollapseError('no z in the search range makes the curves overlap in t/N^z: run longer (--t-max) or over closer sizes');
    zLo = Math.max(z0, best.z - 2 * dz); zHi = Math.min(z1, best.z + 2 * dz);
    if (fixed === undefined) { bLo = Math.max(b0, best.beta - 2 * db); bHi = Math.min(b1, best.beta + 2 * db); }
  }
  return best;
}

export interface CollapsedCurve {
  readonly n: number;
  readonly t: number[];
  readonly speed: number[];
  /** t/N^z and N^{βz}⟨|v|⟩ at the fitted z and β. */
  readonly x: number[];
  readonly y: number[];
}

export interface FiniteSizeScaling extends CollapseFit {
  readonly interval: { readonly z: [number, number]; readonly beta: [number, number] };
  readonly betaFixed: boolean;
  readonly resamples: number;
  readonly curves: CollapsedCurve[];
}

// 001 SM II: the collapse of the sample-mean curves, with percentile intervals over ensembles resampled within each N.
export function finiteSizeScaling(sizes: readonly SizeEnsemble[], options: CollapseOptions = {}): FiniteSizeScaling {
  if (sizes.length < 2) throw new CollapseError(`a collapse needs at least 2 system sizes, got ${sizes.length}`);
  if (new Set(sizes.map((s) => s.n)).size !== sizes.length) throw new CollapseError('each system size may appear only once');
  const { resamples = 200, level = 0.68, seed = 0 } = options;
  const means = sizes.map((s) => meanCurve(s.samples));
  const fit = minimizeSpread(sizes.map((s, k) => logCurve(s.n, s.t, means[k])), options);
  const zs: number[] = [], betas: number[] = [];
  const rng = createRng(seed, Streams.bootstrap);
  const canResample = sizes.some((s) => s.samples.length > 1);
  for (let r = 0; canResample && r < resamples; r++) {
    const curves = sizes.map((s) => logCurve(s.n, s.t, meanCurve(s.samples.map(() => s.samples[rng.int(s.samples.length)]))));
    const f = minimizeSpread(curves, options);
    zs.push(f.z); betas.push(f.beta);
  }
  const range = (v: number[], central: number): [number, number] => {
    if (v.length === 0) return [central, central];
    const sorted = Float64Array.from(v).sort();
    return [quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2)];
  };
  const curves = sizes.map((s, k) => {
    const t = Array.from(s.t), speed = Array.from(means[k]);
    const scale = Math.pow(s.n, fit.z);
    return { n: s.n, t, speed, x: t.map((x) => x / scale), y: speed.map((v) => v * Math.pow(scale, fit.beta)) };
  });
  return {
    ...fit, betaFixed: options.beta !== undefined, resamples: zs.length,
    interval: { z: range(zs, fit.z), beta: range(betas, fit.beta) }, curves,
  };
}
