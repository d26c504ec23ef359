// Analysis after the quench: power-law fits and bootstrap, g(x), defects (001 SM III), D²min, distances (001 SM IV A).
import { describe, expect, it } from 'vitest';
import type { Configuration } from '../src/physics/configuration.ts';
import { runMonteCarlo } from '../src/physics/mc/runMonteCarlo.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { MODELS, nonAdditiveRule, randomConfiguration, type Model } from '../src/physics/models.ts';
import { createRng, Streams } from '../src/physics/rng.ts';
import { ballVolume, boxVolume, periodicBox, wrapPositions } from '../src/physics/space.ts';
import {
  bootstrapExponent,
  d2min,
  d2minField,
  defectFlags,
  defectStatistics,
  displacements,
  equilibriumCutoff,
  firstMinimum,
  fitPowerLaw,
  inherentStructureDistance,
  localSlope,
  meanCurve,
  meanPairVolumeFactor,
  pairCorrelation,
  quantile,
} from '../src/physics/analysis/index.ts';

// ---------- helpers (test-only) ----------

const monodisperse2D: Model = MODELS.harmonic2d; // with all d_i = 1 its rule gives d_ij = 1

function configuration(dim: number, L: number | number[], positions: number[] | Float64Array, diameters?: number[]): Configuration {
  const box = periodicBox(dim, L);
  const n = positions.length / dim;
  return {
    box,
    positions: wrapPositions(box, Float64Array.from(positions)),
    diameters: diameters ? Float64Array.from(diameters) : new Float64Array(n).fill(1),
    species: new Uint8Array(n),
  };
}

/** n×n square lattice of spacing a, site (ix, iy) = particle ix + n·iy at ((ix + ½)a, (iy + ½)a), periodic box n·a. */
function squareLattice(n: number, a = 1): Configuration {
  const pos: number[] = [];
  for (let iy = 0; iy < n; iy++) for (let ix = 0; ix < n; ix++) pos.push((ix + 0.5) * a, (iy + 0.5) * a);
  return configuration(2, n * a, pos);
}

function site(n: number, ix: number, iy: number): number {
  return ((ix % n) + n) % n + n * (((iy % n) + n) % n);
}

function moved(c: Configuration, edit: (p: Float64Array) => void, box = c.box): Configuration {
  const p = c.positions.slice();
  edit(p);
  return { ...c, box, positions: wrapPositions(box, p) };
}

function flagged(flags: Uint8Array): number[] {
  const out: number[] = [];
  flags.forEach((f, i) => { if (f) out.push(i); });
  return out;
}

function logGrid(t0: number, t1: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, k) => t0 * Math.pow(t1 / t0, k / (n - 1)));
}

// ---------- power laws and the bootstrap ----------

describe('power-law fits (000 Eq. 3)', () => {
  const t = logGrid(1e-2, 1e4, 61);
  const beta = 0.92;
  const exact = t.map((ti) => 3 * Math.pow(ti, -beta));

  it('recovers β and A of an exact power law in a window', () => {
    const fit = fitPowerLaw(t, exact, { tMin: 1, tMax: 100 });
    expect(fit.beta).toBeCloseTo(beta, 12);
    expect(fit.logPrefactor).toBeCloseTo(Math.log(3), 12);
    expect(fit.rSquared).toBeCloseTo(1, 12);
    expect(fit.points).toBe(t.filter((ti) => ti >= 1 && ti <= 100).length);
  });

  it('ignores t ≤ 0 and v ≤ 0 and throws with fewer than 3 usable points', () => {
    const tt = [0, 1, 2, 4, 8];
    const vv = [5, 1, -1, 0.25, 0.125];
    expect(fitPowerLaw(tt, vv, { tMin: 0, tMax: 10 }).points).toBe(3);
    expect(fitPowerLaw(tt, vv, { tMin: 0, tMax: 10 }).beta).toBeCloseTo(1, 12);
    expect(() => fitPowerLaw(t, exact, { tMin: 1, tMax: 1.3 })).toThrow(/need at least 3/);
  });

  it('local slope of an exact power law is β everywhere, ends included', () => {
    const s = localSlope(t, exact);
    for (const x of s) expect(x).toBeCloseTo(beta, 10);
    // and it follows a change of exponent: v ~ t^-0.5 then t^-1.5
    const broken = t.map((ti) => (ti < 1 ? Math.pow(ti, -0.5) : Math.pow(ti, -1.5)));
    const sb = localSlope(t, broken);
    expect(sb[2]).toBeCloseTo(0.5, 10);
    expect(sb[58]).toBeCloseTo(1.5, 10);
  });

  it('meanCurve averages point by point and rejects ragged samples', () => {
    expect(Array.from(meanCurve([[1, 2, 3], [3, 4, 5]]))).toEqual([2, 3, 4]);
    expect(() => meanCurve([[1, 2], [1]])).toThrow(/different lengths/);
  });
});

/** M curves A_k t^(−β) · exp(σ ξ_k(t)) with ξ standard normal, one stream per sample. */
function noisySamples(t: Float64Array, beta: number, m: number, sigma: number, seed: number): Float64Array[] {
  return Array.from({ length: m }, (_, k) => {
    const rng = createRng(seed, Streams.sample(k));
    const amplitude = Math.exp(0.3 * rng.normal());
    return t.map((ti) => amplitude * Math.pow(ti, -beta) * Math.exp(sigma * rng.normal()));
  });
}

describe('bootstrap interval on β', () => {
  const t = logGrid(1e-2, 1e3, 51);
  const window = { tMin: 1, tMax: 1000 };

  it('a clean ensemble (different prefactors, same β) gives an interval on the truth', () => {
    const samples = [0.5, 1, 2, 7].map((a) => t.map((ti) => a * Math.pow(ti, -0.85)));
    const r = bootstrapExponent(t, samples, window, { resamples: 200, seed: 3 });
    expect(r.beta).toBeCloseTo(0.85, 12);
    expect(r.low).toBeLessThanOrEqual(0.85 + 1e-12);
    expect(r.high).toBeGreaterThanOrEqual(0.85 - 1e-12);
    expect(r.high - r.low).toBeLessThan(1e-12);
    expect(r.interval).toBe('percentile');
  });

  it('a noisy ensemble: the interval contains the true β, has a sensible width, and is reproducible', () => {
    const samples = noisySamples(t, 0.92, 20, 0.3, 11);
    const r = bootstrapExponent(t, samples, window, { seed: 1 });
    expect(r.low).toBeLessThan(0.92);
    expect(r.high).toBeGreaterThan(0.92);
    expect(r.low).toBeLessThan(r.beta);
    expect(r.high).toBeGreaterThan(r.beta);
    expect(r.high - r.low).toBeGreaterThan(0.005);
    expect(r.high - r.low).toBeLessThan(0.1);
    expect(r.resamples).toBe(1000);
    expect(r.samples).toBe(20);
    expect(bootstrapExponent(t, samples, window, { seed: 1 })).toEqual(r);
    expect(bootstrapExponent(t, samples, window, { seed: 2 }).low).not.toBe(r.low);
  });

  it('covers the truth in most of 40 independent noisy ensembles (nominal 95 %)', () => {
    let covered = 0;
    for (let e = 0; e < 40; e++) {
      const r = bootstrapExponent(t, noisySamples(t, 1.25, 16, 0.4, 100 + e), window, { resamples: 400, seed: e });
      if (r.low <= 1.25 && 1.25 <= r.high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(32); // ≥ 80 %: percentile intervals from 16 samples undercover a little
    expect(covered).toBeLessThanOrEqual(40);
  });

  it('the interval at level 68 % has the half-width of the true spread of β̂ over independent ensembles', () => {
    const betas: number[] = [];
    let halfWidth = 0;
    const ensembles = 100;
    for (let e = 0; e < ensembles; e++) {
      const r = bootstrapExponent(t, noisySamples(t, 1, 16, 0.4, 500 + e), window, { resamples: 300, level: 0.6827, seed: e });
      betas.push(r.beta);
      halfWidth += (r.high - r.low) / 2 / ensembles;
    }
    const mean = betas.reduce((a, b) => a + b, 0) / ensembles;
    const sd = Math.sqrt(betas.reduce((a, b) => a + (b - mean) ** 2, 0) / (ensembles - 1));
    expect(Math.abs(mean - 1)).toBeLessThan(3 * sd / Math.sqrt(ensembles));
    expect(halfWidth / sd).toBeGreaterThan(0.8);
    expect(halfWidth / sd).toBeLessThan(1.2);
  });

  it('quantile interpolates between order statistics (type 7)', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20], 0.975)).toBeCloseTo(19.75, 12);
  });

  it('one sample: no interval, said so', () => {
    const r = bootstrapExponent(t, noisySamples(t, 1, 1, 0.1, 5), window);
    expect(r.low).toBe(r.beta);
    expect(r.high).toBe(r.beta);
    expect(r.interval).toBe('none (1 sample)');
    expect(r.resamples).toBe(0);
  });
});

// ---------- g(x) ----------

/** Uniform random positions with the given diameters (an ideal gas), density ρ = 1. */
function idealGas(dim: number, n: number, seed: number, diameters?: Float64Array): Configuration {
  const L = Math.pow(n, 1 / dim);
  const rng = createRng(seed, Streams.positions);
  const pos = Float64Array.from({ length: n * dim }, () => rng.uniform() * L);
  const box = periodicBox(dim, L);
  return { box, positions: wrapPositions(box, pos), diameters: diameters ?? new Float64Array(n).fill(1), species: new Uint8Array(n) };
}

/** Checks g ≈ 1 beyond x = 0.5: each bin within 5 standard errors of pair counting, and the mean within 1.5 %. */
function expectFlatUnity(c: Configuration, model: Model, bins: number): void {
  const n = c.diameters.length;
  const dim = c.box.dim;
  const V = Math.pow(c.box.lengths[0], dim);
  const { x, g } = pairCorrelation(c, model, { xMax: 3, bins });
  const dx = 3 / bins;
  const factor = meanPairVolumeFactor(c, model);
  let sum = 0, count = 0;
  for (let b = 0; b < bins; b++) {
    if (x[b] < 0.5) continue;
    const expectedPairs = ((n * (n - 1)) / 2 / V) * factor * (ballVolume(dim, (b + 1) * dx) - ballVolume(dim, b * dx));
    expect(Math.abs(g[b] - 1)).toBeLessThan(5 / Math.sqrt(expectedPairs));
    sum += g[b];
    count++;
  }
  expect(Math.abs(sum / count - 1)).toBeLessThan(0.015);
}

describe('g(x), x = r/d_ij', () => {
  it('is 1 for a monodisperse ideal gas in 2D and 3D', () => {
    expectFlatUnity(idealGas(2, 2000, 1), monodisperse2D, 30);
    expectFlatUnity(idealGas(3, 2000, 2), MODELS.harmonic3d, 30);
  });

  it('is 1 for a polydisperse non-additive ideal gas (normalized by ⟨d_ij^D⟩, which is far from 1 here)', () => {
    const c = randomConfiguration(MODELS.soft2d, 2000, 7);
    expect(meanPairVolumeFactor(c, MODELS.soft2d)).toBeLessThan(0.97); // so "as if d_ij = 1" would fail this test
    expectFlatUnity(c, MODELS.soft2d, 30);
  });

  it('⟨d_ij^D⟩ from the quantile subsample matches the all-pairs mean for N = 3000', () => {
    const c = randomConfiguration(MODELS.soft3d, 3000, 3);
    let sum = 0;
    const d = c.diameters;
    for (let i = 0; i < d.length; i++) for (let j = i + 1; j < d.length; j++) sum += Math.pow(MODELS.soft3d.rule.sigma(d[i], d[j], 0, 0), 3);
    const brute = sum / ((d.length * (d.length - 1)) / 2);
    expect(Math.abs(meanPairVolumeFactor(c, MODELS.soft3d) / brute - 1)).toBeLessThan(1e-5);
  });

  it('of a square lattice has its first peak at the lattice spacing, is empty below it, and counts 4 neighbors there', () => {
    const a = 1.11; // the centre of a bin of width 0.02, so the first shell is not split between two bins
    const c = squareLattice(20, a);
    const { x, g } = pairCorrelation(c, monodisperse2D, { xMax: 3, bins: 150 });
    const first = g.findIndex((v) => v > 0);
    expect(x[first]).toBeCloseTo(a, 10);
    expect(g[first + 1]).toBe(0);
    // ∫ ρ' g dV over the first shell = 4 nearest neighbors, ρ' = (N − 1)/V the density of the others (N(N−1) normalization);
    // the second shell (√2 a) holds 4 more
    const rho = (c.diameters.length - 1) / Math.pow(c.box.lengths[0], 2);
    const shell = (lo: number, hi: number) => {
      let sum = 0;
      for (let b = 0; b < g.length; b++) if (x[b] > lo && x[b] < hi) sum += rho * g[b] * (ballVolume(2, (b + 1) * 0.02) - ballVolume(2, b * 0.02));
      return sum;
    };
    expect(shell(0, 1.3)).toBeCloseTo(4, 10);
    expect(shell(1.3, 1.7)).toBeCloseTo(4, 10);
  });

  it('refuses a range beyond half the box', () => {
    expect(() => pairCorrelation(squareLattice(4), monodisperse2D, { xMax: 3 })).toThrow(/box sides/);
  });
});

describe('first minimum of g(x)', () => {
  // g = 1 + cos(2π(x−1)) e^{−(x−1)} beyond a hard core: peak near 1, first minimum where tan 2πu = −1/(2π), u = x − 1.
  const trueMinimum = 1 + (Math.PI - Math.atan(1 / (2 * Math.PI))) / (2 * Math.PI);
  const x = Float64Array.from({ length: 150 }, (_, b) => (b + 0.5) * 0.02);
  const clean = x.map((xi) => (xi < 0.8 ? 0 : 1 + Math.cos(2 * Math.PI * (xi - 1)) * Math.exp(-(xi - 1))));

  it('is found to sub-bin accuracy on a smooth curve', () => {
    expect(trueMinimum).toBeCloseTo(1.4747, 3);
    expect(firstMinimum(x, clean)).toBeCloseTo(trueMinimum, 2);
    // bins of 0.03 put the nearest centre 0.01 away (1.485): the parabolic refinement must do much better
    const coarse = Float64Array.from({ length: 100 }, (_, b) => (b + 0.5) * 0.03);
    const g = coarse.map((xi) => (xi < 0.8 ? 0 : 1 + Math.cos(2 * Math.PI * (xi - 1)) * Math.exp(-(xi - 1))));
    expect(Math.abs(firstMinimum(coarse, g) - trueMinimum)).toBeLessThan(0.003);
  });

  it('survives noise thanks to the light smoothing, and honours `after`', () => {
    const rng = createRng(9, 0);
    const noisy = clean.map((v) => v * (1 + 0.03 * rng.normal()));
    expect(Math.abs(firstMinimum(x, noisy) - trueMinimum)).toBeLessThan(0.06);
    expect(Math.abs(firstMinimum(x, clean, { after: 1.6 }) - (trueMinimum + 1))).toBeLessThan(0.03); // the second minimum
  });

  it('throws when there is no minimum', () => {
    expect(() => firstMinimum(x, x.map((xi) => Math.exp(-xi)))).toThrow(/no local minimum/);
  });

  // The first minimum of g(x) at T = 0.8 is flat (g within ±0.01 over x = 1.33–1.43), so counting noise moves it: measured on
  // one N = 64000 state, 4000 reference particles gave 1.34–1.36 for five draws and 1.26 for a sixth (a noise dip on the flank)
  // against 1.37 for all particles, and independent N = 16000 states differ by 0.05 among themselves with all particles. So the
  // subset is held to its statistics bin by bin, and its minimum to 0.05 (2.5 bins) of the full one on this state.
  it('g(x) from 4000 random reference particles of a T = 0.8 soft2d liquid (N = 8000) agrees with the full g(x) within counting noise', () => {
    const model = MODELS.soft2d;
    const c = runMonteCarlo(randomConfiguration(model, 8000, 5), model, { temperature: 0.8, seed: 5, sweeps: 40 }).configuration;
    const bins = 100;
    const full = pairCorrelation(c, model, { xMax: 2, bins });
    const subset = pairCorrelation(c, model, { xMax: 2, bins, referenceParticles: 4000 });
    const n = c.diameters.length;
    const shellPairs = (b: number) => (4000 * (n - 1)) / boxVolume(c.box) * meanPairVolumeFactor(c, model) * (ballVolume(2, (b + 1) * 0.02) - ballVolume(2, b * 0.02));
    let worst = 0;
    for (let b = 0; b < bins; b++) {
      if (full.g[b] === 0) { expect(subset.g[b]).toBe(0); continue; }
      const sigma = Math.sqrt(full.g[b] / shellPairs(b)); // Poisson error of the subset's count, as a g value
      worst = Math.max(worst, Math.abs(subset.g[b] - full.g[b]) / sigma);
    }
    const xFull = equilibriumCutoff(c, model);
    const xSubset = equilibriumCutoff(c, model, { referenceParticles: 4000 });
    console.log(`g(x) subset vs full: worst bin ${worst.toFixed(2)} σ; x_cut^EQ all 8000 particles ${xFull.toFixed(4)}, 4000 reference particles ${xSubset.toFixed(4)}`);
    expect(worst).toBeLessThan(5);
    expect(Math.abs(xSubset - xFull)).toBeLessThan(0.05);
    // as many reference particles as particles: the default, every pair
    expect(Array.from(pairCorrelation(c, model, { xMax: 2, bins, referenceParticles: n }).g)).toEqual(Array.from(full.g));
  }, 60_000);

  it('g(x) from reference particles is 1 for an ideal gas (the M(N − 1) normalization)', () => {
    const c = randomConfiguration(MODELS.soft2d, 4000, 11);
    const { x, g } = pairCorrelation(c, MODELS.soft2d, { xMax: 3, bins: 30, referenceParticles: 1000 });
    let sum = 0, count = 0;
    for (let b = 0; b < g.length; b++) if (x[b] >= 0.5) { sum += g[b]; count++; }
    expect(Math.abs(sum / count - 1)).toBeLessThan(0.02);
  });

  it('equilibriumCutoff of a thermally jittered triangular lattice falls between the 1st and 2nd shells (1 and √3)', () => {
    const c = jitteredTriangular(24, 0.06, 4);
    const xc = equilibriumCutoff(c, monodisperse2D);
    expect(xc).toBeGreaterThan(1.25);
    expect(xc).toBeLessThan(1.55);
  });
});

/** Triangular lattice of unit spacing, nx = n, ny = n (n even), each site displaced by a Gaussian of width `jitter`. */
function jitteredTriangular(n: number, jitter: number, seed: number): Configuration {
  const h = Math.sqrt(3) / 2;
  const rng = createRng(seed, Streams.positions);
  const pos: number[] = [];
  for (let iy = 0; iy < n; iy++) for (let ix = 0; ix < n; ix++) pos.push(ix + 0.5 * (iy % 2) + jitter * rng.normal(), iy * h + jitter * rng.normal());
  return configuration(2, [n, n * h], pos);
}

// ---------- defects (001 SM III) ----------

describe('defects φ_i (001 SM III)', () => {
  const n = 10;
  const lattice = squareLattice(n);
  const options = { xCutEq: 1.3 }; // between the 1st (x = 1) and 2nd (√2) shells; breaking 1.5, insertion 1.23

  it('an unchanged configuration has no defects (explicit and default x_cut^EQ)', () => {
    const r = defectFlags(lattice, lattice, monodisperse2D, options);
    expect(flagged(r.flags)).toEqual([]);
    expect(r.concentration).toBe(0);
    const warm = jitteredTriangular(24, 0.06, 4);
    const d = defectFlags(warm, warm, monodisperse2D);
    expect(flagged(d.flags)).toEqual([]);
    expect(d.xCutEq).toBeGreaterThan(1.25);
  });

  it('a small affine strain (box and particles together, and a sheared patch) flags nobody', () => {
    const box = periodicBox(2, [n * 1.03, n * 0.98]);
    const strained = moved(lattice, (p) => { for (let i = 0; i < p.length; i += 2) { p[i] *= 1.03; p[i + 1] *= 0.98; } }, box);
    expect(flagged(defectFlags(lattice, strained, monodisperse2D, options).flags)).toEqual([]);
    const patch = configuration(2, 30, Array.from(squareLattice(8).positions, (v) => v + 11));
    const sheared = moved(patch, (p) => { for (let i = 0; i < p.length; i += 2) p[i] += 0.06 * (p[i + 1] - 15); });
    expect(flagged(defectFlags(patch, sheared, monodisperse2D, options).flags)).toEqual([]);
  });

  it('exchanging two neighbors across the periodic boundary flags exactly them and the 6 particles whose shells changed', () => {
    const y = 4;
    const i = site(n, 0, y), j = site(n, -1, y); // neighbors through the boundary x = 0
    const final = moved(lattice, (p) => {
      const xi = p[2 * i], yi = p[2 * i + 1];
      p[2 * i] = p[2 * j]; p[2 * i + 1] = p[2 * j + 1];
      p[2 * j] = xi; p[2 * j + 1] = yi;
    });
    const r = defectFlags(lattice, final, monodisperse2D, options);
    const k = site(n, 1, y), m = site(n, -2, y); // the far neighbors of i and j: their bond breaks, the swapped one arrives
    const sides = [site(n, 0, y + 1), site(n, 0, y - 1), site(n, -1, y + 1), site(n, -1, y - 1)];
    expect(flagged(r.flags)).toEqual([i, j, k, m, ...sides].sort((a, b) => a - b));
    expect([r.breakings[i], r.breakings[j], r.breakings[k], r.breakings[m]]).toEqual([1, 1, 1, 1]);
    expect([r.insertions[i], r.insertions[j], r.insertions[k], r.insertions[m]]).toEqual([3, 3, 1, 1]);
    for (const s of sides) expect([r.breakings[s], r.insertions[s]]).toEqual([0, 1]);
    expect(r.concentration).toBe(8 / (n * n));
  });

  it('moving one particle towards a diagonal neighbor inserts exactly that bond', () => {
    const i = site(n, 3, 3), q = site(n, 4, 4);
    const final = moved(lattice, (p) => { p[2 * i] += 0.15; p[2 * i + 1] += 0.15; });
    const r = defectFlags(lattice, final, monodisperse2D, options);
    expect(flagged(r.flags)).toEqual([i, q]);
    expect([r.insertions[i], r.insertions[q], r.breakings[i], r.breakings[q]]).toEqual([1, 1, 0, 0]);
  });

  it('pulling one particle away breaks one bond and inserts two diagonals (hand count)', () => {
    const i = site(n, 5, 5);
    const final = moved(lattice, (p) => { p[2 * i] -= 0.55; });
    const r = defectFlags(lattice, final, monodisperse2D, options);
    const right = site(n, 6, 5), upLeft = site(n, 4, 6), downLeft = site(n, 4, 4);
    expect(flagged(r.flags)).toEqual([i, right, upLeft, downLeft].sort((a, b) => a - b));
    expect([r.breakings[i], r.insertions[i]]).toEqual([1, 2]);
    expect([r.breakings[right], r.insertions[right]]).toEqual([1, 0]);
    expect([r.breakings[upLeft], r.insertions[upLeft]]).toEqual([0, 1]);
  });

  it('uses the scaled distance x = r/d_ij, not r, and the three cutoffs where they belong', () => {
    const model = { rule: nonAdditiveRule(0), maxSigma: () => 1.5 };
    const pair = (r: number) => configuration(2, 10, [2, 5, 2 + r, 5], [1.5, 1.5]); // d_ij = 1.5
    const phi = (r0: number, r1: number) => flagged(defectFlags(pair(r0), pair(r1), model, options).flags);
    expect(phi(2.1, 1.8)).toEqual([0, 1]); // x: 1.4 → 1.2: inserted (r = 1.8 would not be < 1.23)
    expect(phi(2.1, 2.1)).toEqual([]);
    expect(phi(1.8, 2.1)).toEqual([]); // x: 1.2 → 1.4 < 1.5: kept (r = 2.1 would count as broken)
    expect(phi(1.8, 2.4)).toEqual([0, 1]); // x: 1.2 → 1.6 ≥ 1.5: broken
    expect(phi(1.875, 1.5)).toEqual([]); // x: 1.25 → 1.0: was already in L_EQ (1.25 < x_cut^EQ = 1.3), not an insertion
    expect(phi(1.965, 1.5)).toEqual([0, 1]); // x: 1.31 → 1.0: outside L_EQ, inserted
  });

  it('rejects cutoffs for which an unchanged state would have defects', () => {
    expect(() => defectFlags(lattice, lattice, monodisperse2D, { xCutEq: 1.6 })).toThrow(/xInsert ≤ xCutEq ≤ xBreak/);
  });

  it('χ = N(⟨φ²⟩ − ⟨φ⟩²) by hand', () => {
    const s = defectStatistics([0.1, 0.2, 0.3, 0.2], 100);
    expect(s.mean).toBeCloseTo(0.2, 14);
    expect(s.chi).toBeCloseTo(100 * (0.045 - 0.04), 12);
    expect(s.samples).toBe(4);
    expect(defectStatistics([0.25], 64).chi).toBe(0);
  });
});

// ---------- D²min ----------

/** Applies r → c + F (r − c) to every particle. */
function affine(conf: Configuration, F: number[][], center: number[]): Configuration {
  const d = conf.box.dim;
  return moved(conf, (p) => {
    const u = new Array<number>(d);
    for (let i = 0; i < p.length; i += d) {
      for (let a = 0; a < d; a++) u[a] = p[i + a] - center[a];
      for (let a = 0; a < d; a++) { let s = center[a]; for (let b = 0; b < d; b++) s += F[a][b] * u[b]; p[i + a] = s; }
    }
  });
}

/** A jittered simple-cubic (or square) patch of side m in the middle of a large box, far from its faces. */
function isolatedPatch(dim: number, m: number, L: number, seed: number): Configuration {
  const rng = createRng(seed, Streams.positions);
  const pos: number[] = [];
  const total = Math.pow(m, dim);
  for (let k = 0; k < total; k++) {
    let rest = k;
    for (let a = 0; a < dim; a++) { pos.push(L / 2 - m / 2 + (rest % m) + 0.1 * rng.normal()); rest = Math.floor(rest / m); }
  }
  return configuration(dim, L, pos);
}

describe('D²min (Falk–Langer, OVITO convention)', () => {
  it('vanishes for shear + dilation of an isolated patch, 2D and 3D', () => {
    const p2 = isolatedPatch(2, 12, 40, 1);
    const F2 = [[1.04, 0.07], [-0.03, 0.96]];
    const r2 = d2min(p2, affine(p2, F2, [20, 20]), monodisperse2D);
    for (const v of r2) expect(v).toBeLessThan(1e-20);
    const p3 = isolatedPatch(3, 6, 30, 2);
    const F3 = [[1.02, 0.05, 0], [0, 0.97, -0.04], [0.03, 0, 1.01]];
    const r3 = d2min(p3, affine(p3, F3, [15, 15, 15]), MODELS.harmonic3d);
    for (const v of r3) expect(v).toBeLessThan(1e-20);
    // and it is not trivially zero: a random kick of the same patch gives D²min > 0
    const rng = createRng(3, 0);
    const kicked = moved(p2, (p) => { for (let k = 0; k < p.length; k++) p[k] += 0.05 * rng.normal(); });
    expect(Math.min(...d2min(p2, kicked, monodisperse2D))).toBeGreaterThan(1e-6);
  });

  it('vanishes across periodic boundaries for a dilation of box and particles plus a wrapped translation', () => {
    const c = jitteredTriangular(16, 0.05, 8);
    const [Lx, Ly] = c.box.lengths;
    const box = periodicBox(2, [Lx * 1.05, Ly * 0.97]);
    const final = moved(c, (p) => { for (let i = 0; i < p.length; i += 2) { p[i] = p[i] * 1.05 + 0.4 * Lx; p[i + 1] = p[i + 1] * 0.97 + 3.3; } }, box);
    for (const v of d2min(c, final, monodisperse2D)) expect(v).toBeLessThan(1e-20);
  });

  it('a single displaced particle in a square lattice gets the largest value, 8|u|² (8 neighbors, Σ d⁰ = 0 so F = 1)', () => {
    const lattice = squareLattice(10);
    const i = site(10, 0, 9); // at a corner of the box: bonds cross both boundaries
    const u = [0.07, -0.05];
    const r = d2min(lattice, moved(lattice, (p) => { p[2 * i] += u[0]; p[2 * i + 1] += u[1]; }), monodisperse2D);
    expect(r[i]).toBeCloseTo(8 * (u[0] ** 2 + u[1] ** 2), 12);
    for (let k = 0; k < r.length; k++) if (k !== i) expect(r[k]).toBeLessThan(r[i]);
  });

  it('matches a hand computation: a plus of 5 particles with one arm stretched by a gives [a²/2, 0, a²/6, 0, a²/6]', () => {
    const a = 0.2;
    const start = configuration(2, 20, [10, 10, 11, 10, 10, 11, 9, 10, 10, 9]); // centre, +x, +y, −x, −y
    const end = configuration(2, 20, [10, 10, 11 + a, 10, 10, 11, 9, 10, 10, 9]);
    const r = d2min(start, end, monodisperse2D);
    const expected = [a * a / 2, 0, a * a / 6, 0, a * a / 6];
    for (let k = 0; k < 5; k++) expect(r[k]).toBeCloseTo(expected[k], 14);
  });

  it('where Y is singular (one neighbor, collinear neighbors, none) takes F = I: Σ_j |d_ij − d⁰_ij|², flagged, never NaN', () => {
    const pair = configuration(2, 20, [10, 10, 11, 10]);
    const stretched = configuration(2, 20, [10, 10, 11.3, 10.4]);
    const p = d2minField(pair, stretched, monodisperse2D);
    expect(Array.from(p.degenerate)).toEqual([1, 1]);
    for (const v of p.values) expect(v).toBeCloseTo(0.3 ** 2 + 0.4 ** 2, 14); // one bond, |Δd|² = 0.25
    const chain = configuration(2, 20, [9, 10, 10, 10, 11, 10]);
    const bent = configuration(2, 20, [9, 10, 10, 10.2, 11, 10]);
    const c = d2minField(chain, bent, monodisperse2D);
    expect(Array.from(c.degenerate)).toEqual([1, 1, 1]);
    expect(c.values[0]).toBeCloseTo(0.04, 14);
    expect(c.values[1]).toBeCloseTo(0.08, 14);
    expect(c.values[2]).toBeCloseTo(0.04, 14);
    const lonely = configuration(2, 20, [3, 3, 10, 10, 11, 10, 10, 11]);
    const r = d2minField(lonely, lonely, monodisperse2D);
    expect(r.values[0]).toBe(0); // no neighbors: no residual
    expect(r.degenerate[0]).toBe(1);
    expect(r.degenerate[1]).toBe(0);
    expect(r.values[1]).toBe(0);
    expect(d2min(lonely, lonely, monodisperse2D)).toEqual(r.values);
  });

  it('harmonic2d from T = ∞ (N = 256, seed 1) has a finite D²min for every particle after SD (particle 146 was NaN)', () => {
    const model = MODELS.harmonic2d;
    const start = randomConfiguration(model, 256, 1);
    const final = quench(model, start, { algorithm: 'sd', tMax: 100, forceTolerance: 0 }).final;
    const f = d2minField(start, final, model);
    expect(f.values.every(Number.isFinite)).toBe(true);
    expect(f.degenerate.reduce((a, x) => a + x, 0)).toBeGreaterThan(0); // the random start leaves some particle without D neighbors
  });
});

// ---------- distances (001 SM IV A) ----------

describe('distance between inherent structures (001 SM IV A)', () => {
  const c = idealGas(2, 200, 5);
  const L = c.box.lengths[0];

  it('a rigid shift s (wrapping particles through the boundaries) gives |s| for everyone', () => {
    const s = [0.3, -0.4];
    const shifted = moved(c, (p) => { for (let i = 0; i < p.length; i += 2) { p[i] += s[0]; p[i + 1] += s[1]; } });
    expect(inherentStructureDistance(c, shifted)).toBeCloseTo(0.5, 12);
    for (const u of displacements(c, shifted)) expect(u).toBeCloseTo(0.5, 12);
  });

  it('uses the minimum image: a shift of 0.7 L is a distance of 0.3 L', () => {
    const shifted = moved(c, (p) => { for (let i = 0; i < p.length; i += 2) p[i] += 0.7 * L; });
    expect(inherentStructureDistance(c, shifted)).toBeCloseTo(0.3 * L, 10);
  });

  it('half the particles moved by u gives |u|/√2; identical states give 0', () => {
    const half = moved(c, (p) => { for (let i = 0; i < 100; i++) p[2 * i + 1] += 0.6; });
    expect(inherentStructureDistance(c, half)).toBeCloseTo(0.6 / Math.SQRT2, 12);
    expect(inherentStructureDistance(c, c)).toBe(0);
  });

  it('refuses configurations of different systems', () => {
    expect(() => inherentStructureDistance(c, idealGas(2, 100, 5))).toThrow(/particles/);
  });
});
