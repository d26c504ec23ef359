// Swap Monte Carlo (000 App. A.1a) against exact Boltzmann weights for 2–3 particles, and bookkeeping for larger systems.
// Every statistical test uses a fixed seed and a stated significance: for a correct sampler with a random seed it would
// fail with probability ≈ 1e-3 (the samples are thinned so that they are close to independent).
import { describe, expect, it } from 'vitest';
import { createLandscape, energy } from '../src/physics/forces.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';
import { minimumImage1 } from '../src/physics/space.ts';
import {
  acceptanceRates,
  checkNeighbors,
  createParticleEnergySystem,
  energyPerParticle,
  exactEnergy,
  initMonteCarlo,
  meanSquaredDisplacement,
  monteCarloSweep,
  pairEnergy,
  particleEnergy,
  resynchronizeEnergy,
  runMonteCarlo,
  type MonteCarloState,
} from '../src/physics/mc/index.ts';
import { batchMeansZ, chiSquareTest, directPairEnergy, exactDistanceBins, minimumImageDistance, perimeterInsideSquare, simpson, smallConfiguration } from './statistics.ts';

// ---------- statistics ----------




// ---------- small systems and their exact statistics ----------







/** Histogram of the pair distance r_01 over `samples` samples taken every `thin` sweeps. */
function sampleDistanceHistogram(state: MonteCarloState, bins: number, samples: number, thin: number, extra?: (s: MonteCarloState) => void): Float64Array {
  const c = state.configuration;
  const rMax = c.box.lengths[0] / Math.SQRT2;
  const counts = new Float64Array(bins);
  for (let k = 0; k < samples; k++) {
    for (let t = 0; t < thin; t++) monteCarloSweep(state);
    counts[Math.min(bins - 1, Math.floor((minimumImageDistance(c, 0, 1) / rMax) * bins))]++;
    extra?.(state);
  }
  return counts;
}

// ---------- exact Boltzmann tests ----------

describe('displacement moves sample the exact Boltzmann distribution of two particles (2D code, periodic square box)', () => {
  const bins = 30, samples = 60_000, thin = 5;
  const cases = [
    { name: 'soft spheres, T = 1', model: MODELS.soft2d, L: 3, T: 1.0, delta: 0.5 },
    { name: 'harmonic spheres, T = 0.1', model: MODELS.harmonic2d, L: 2.5, T: 0.1, delta: 0.5 },
  ];
  it('the square-box density of minimum-image distances integrates to the box area', () => {
    for (const L of [2.5, 3]) expect(simpson((r) => perimeterInsideSquare(r, L), 0, L / Math.SQRT2, 200_000)).toBeCloseTo(L * L, 5);
  });
  it.each(cases)('P(r) ∝ perimeter(r) e^{−U(r)/T}: $name (chi-square p > 1e-3)', ({ model, L, T, delta }) => {
    const config = smallConfiguration(L, [0.3, 0.4, 1.7, 2.1], [1, 1]);
    const state = initMonteCarlo(config, model, { temperature: T, seed: 11, swapProbability: 0, maxDisplacement: delta });
    const counts = sampleDistanceHistogram(state, bins, samples, thin);
    const exact = exactDistanceBins(L, bins, (r) => Math.exp(-directPairEnergy(model, r, 1, 1) / T));
    const test = chiSquareTest(counts, exact);
    const idealGas = chiSquareTest(counts, exactDistanceBins(L, bins, () => 1));
    console.log(`${model.name} T=${T}: chi-square ${test.statistic.toFixed(1)} on ${test.df} df, p = ${test.p.toFixed(3)}; ` +
      `against the ideal gas p = ${idealGas.p.toExponential(1)}; displacement acceptance ${acceptanceRates(state).displacement.toFixed(3)}`);
    expect(test.p).toBeGreaterThan(1e-3);
    expect(idealGas.p).toBeLessThan(1e-10); // the test can tell the interaction apart
  });
});

/** Permutations of three labels, as index arrays perm[particle] = which diameter. */
const PERMUTATIONS_3 = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
const permutationIndex = (ranks: number[]) => PERMUTATIONS_3.findIndex((p) => p.every((v, k) => v === ranks[k]));

describe('swap moves sample the exact Boltzmann weights of diameter permutations (positions fixed, P_swap = 1)', () => {
  const model = MODELS.soft2d;
  // A triangle with sides r01 = 1.05, r02 = 1.15, r12 = 1.25: every permutation has a probability above 0.02.
  const x2 = (1.05 ** 2 + 1.15 ** 2 - 1.25 ** 2) / (2 * 1.05);
  const positions = [1.0, 1.0, 2.05, 1.0, 1.0 + x2, 1.0 + Math.sqrt(1.15 ** 2 - x2 * x2)];
  const cases = [
    { name: 'all pairs swappable', diameters: [1.0, 1.1, 1.18], T: 1.0 },
    { name: 'one pair differs by ≥ 0.2 (never exchanged directly)', diameters: [1.0, 1.12, 1.24], T: 0.7 },
  ];
  it.each(cases)('$name: frequencies ∝ e^{−E_perm/T} (chi-square p > 1e-3)', ({ diameters, T }) => {
    const config = smallConfiguration(3.3, positions, diameters);
    const r = [[0, 1], [0, 2], [1, 2]].map(([i, j]) => minimumImageDistance(config, i, j));
    const weights = PERMUTATIONS_3.map((p) => {
      const e = directPairEnergy(model, r[0], diameters[p[0]], diameters[p[1]]) + directPairEnergy(model, r[1], diameters[p[0]], diameters[p[2]])
        + directPairEnergy(model, r[2], diameters[p[1]], diameters[p[2]]);
      return Math.exp(-e / T);
    });
    const z = weights.reduce((a, b) => a + b, 0);
    const exact = weights.map((w) => w / z);
    const state = initMonteCarlo(config, model, { temperature: T, seed: 5, swapProbability: 1 });
    const counts = new Float64Array(6);
    const sorted = [...diameters].sort((a, b) => a - b);
    for (let k = 0; k < 40_000; k++) {
      for (let t = 0; t < 4; t++) monteCarloSweep(state); // thinned: with 2 sweeps between samples χ² was inflated by ~10%
      counts[permutationIndex(Array.from(state.configuration.diameters, (d) => sorted.indexOf(d)))]++;
    }
    const test = chiSquareTest(counts, exact);
    console.log(`swap permutations: exact ${exact.map((p) => p.toFixed(3)).join(' ')}, chi-square ${test.statistic.toFixed(1)}, p = ${test.p.toFixed(3)}, ` +
      `swap acceptance ${acceptanceRates(state).swap.toFixed(3)}, not attempted ${state.counts.swapNotAttempted}`);
    expect(Math.min(...exact)).toBeGreaterThan(0.02); // every permutation matters
    expect(test.p).toBeGreaterThan(1e-3);
    expect(state.counts.displacementAttempted).toBe(0);
    expect(Array.from(state.configuration.positions)).toEqual(positions);
  });
});

describe('displacement and swap moves combined', () => {
  it('two particles of different diameters: P(r) and which particle carries the larger diameter', () => {
    const model = MODELS.soft2d, L = 3, T = 1, d = [1.0, 1.15];
    const state = initMonteCarlo(smallConfiguration(L, [0.5, 0.5, 2.0, 1.9], d), model, { temperature: T, seed: 21, maxDisplacement: 0.5 });
    expect(state.swapProbability).toBe(0.2);
    let zeroLarger = 0;
    const samples = 60_000;
    const counts = sampleDistanceHistogram(state, 30, samples, 5, (s) => { if (s.configuration.diameters[0] > s.configuration.diameters[1]) zeroLarger++; });
    const exact = exactDistanceBins(L, 30, (r) => Math.exp(-directPairEnergy(model, r, d[0], d[1]) / T));
    const test = chiSquareTest(counts, exact);
    // Exchanging the two diameters leaves U_01 unchanged: every proposed swap is accepted and each labeling has weight ½.
    const z = (zeroLarger - samples / 2) / Math.sqrt(samples / 4);
    console.log(`2 particles, both moves: chi-square ${test.statistic.toFixed(1)} on ${test.df} df, p = ${test.p.toFixed(3)}; P(particle 0 larger) = ${(zeroLarger / samples).toFixed(4)}, z = ${z.toFixed(2)}`);
    expect(test.p).toBeGreaterThan(1e-3);
    expect(Math.abs(z)).toBeLessThan(3.29); // two-sided p > 1e-3
    expect(acceptanceRates(state).swap).toBe(1);
  });

  it('three particles, three diameters (one pair never exchanged directly): ⟨E⟩ and ⟨U between the smallest and largest⟩ against 4D quadrature', () => {
    const model = MODELS.soft2d, L = 3.1, T = 1, d = [1.0, 1.1, 1.22];
    // Exact: by exchangeability put the carrier of d0 at the origin, of d1 at p and of d2 at q (midpoint grid, M² cells each);
    // p − q then lies on the integer grid, so each pair's Boltzmann factor is a table.
    const m = 64, h = L / m;
    const table = (offset: number, di: number, dj: number) => {
      const u = new Float64Array(m * m), w = new Float64Array(m * m);
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) {
        const r = Math.hypot(minimumImage1((a + offset) * h, L), minimumImage1((b + offset) * h, L));
        const e = directPairEnergy(model, r, di, dj);
        w[a * m + b] = Math.exp(-e / T);
        u[a * m + b] = w[a * m + b] > 0 ? e : 0; // r = 0 gives e = ∞ with weight 0: keep 0 · ∞ out of the sums
      }
      return { u, w };
    };
    const t01 = table(0.5, d[0], d[1]), t02 = table(0.5, d[0], d[2]), t12 = table(0, d[1], d[2]);
    let z = 0, sumE = 0, sumU02 = 0;
    for (let pa = 0; pa < m; pa++) for (let pb = 0; pb < m; pb++) {
      const p = pa * m + pb, wp = t01.w[p], up = t01.u[p];
      if (wp === 0) continue;
      for (let qa = 0; qa < m; qa++) {
        const da = ((pa - qa + m) % m) * m;
        for (let qb = 0; qb < m; qb++) {
          const q = qa * m + qb, pq = da + ((pb - qb + m) % m);
          const w = wp * t02.w[q] * t12.w[pq];
          z += w; sumE += w * (up + t02.u[q] + t12.u[pq]); sumU02 += w * t02.u[q];
        }
      }
    }
    const exactE = sumE / z, exactU02 = sumU02 / z;

    const state = initMonteCarlo(smallConfiguration(L, [0.2, 0.3, 1.4, 0.5, 0.8, 1.9], d), model,
      { temperature: T, seed: 3, swapProbability: 0.5, maxDisplacement: 0.5 });
    const energies: number[] = [], u02: number[] = [];
    const dia = state.configuration.diameters;
    for (let k = 0; k < 150_000; k++) {
      monteCarloSweep(state);
      energies.push(state.energy);
      const small = dia.indexOf(d[0]), large = dia.indexOf(d[2]);
      u02.push(pairEnergy(state.system, small, large));
    }
    const zE = batchMeansZ(energies, exactE), zU = batchMeansZ(u02, exactU02);
    console.log(`3 particles, both moves: ⟨E⟩ exact ${exactE.toFixed(4)} MC ${zE.mean.toFixed(4)} ± ${zE.standardError.toFixed(4)} (z = ${zE.z.toFixed(2)}); ` +
      `⟨U_small,large⟩ exact ${exactU02.toFixed(4)} MC ${zU.mean.toFixed(4)} ± ${zU.standardError.toFixed(4)} (z = ${zU.z.toFixed(2)}); ` +
      `swaps accepted ${state.counts.swapAccepted}/${state.counts.swapAttempted}, not attempted ${state.counts.swapNotAttempted}`);
    // Two observables, each two-sided at p > 5e-4 (Bonferroni for 1e-3 overall).
    expect(Math.abs(zE.z)).toBeLessThan(3.48);
    expect(Math.abs(zU.z)).toBeLessThan(3.48);
    expect(state.counts.swapNotAttempted).toBeGreaterThan(0);
  });
});

// ---------- larger systems ----------

describe('incremental energy bookkeeping', () => {
  const cases = [
    { model: MODELS.soft2d, n: 400, T: 0.5 },
    { model: MODELS.soft3d, n: 500, T: 0.5 },
    { model: MODELS.ka3d, n: 500, T: 1.0 },
  ];
  it.each(cases)('$model.name N = $n: the running energy equals forces.ts energy() after many sweeps (1e-9 relative)', ({ model, n, T }) => {
    const state = initMonteCarlo(randomConfiguration(model, n, 4), model, { temperature: T, seed: 9 });
    for (let s = 0; s < 10; s++) monteCarloSweep(state); // leave the overlapping start
    resynchronizeEnergy(state);
    const refreshes = state.energyRefreshes;
    for (let s = 0; s < 40; s++) monteCarloSweep(state);
    expect(state.energyRefreshes).toBe(refreshes); // no exact refresh hid the incremental sums
    const reference = energy(createLandscape(model, state.configuration), state.configuration.positions);
    expect(Math.abs(state.energy - reference)).toBeLessThan(1e-9 * Math.abs(reference));
    expect(Math.abs(exactEnergy(state) - reference)).toBeLessThan(1e-10 * Math.abs(reference));
    checkNeighbors(state.system);
    const rates = acceptanceRates(state);
    console.log(`${model.name} N=${n} T=${T}: E/N = ${energyPerParticle(state).toFixed(5)}, acceptance displacement ${rates.displacement.toFixed(3)}, swap ${rates.swap.toFixed(3)}`);
    expect(rates.displacement).toBeGreaterThan(0);
    expect(rates.displacement).toBeLessThan(1);
    if (model.swappable) { expect(rates.swap).toBeGreaterThan(0); expect(rates.swap).toBeLessThan(1); }
  });
  // The Verlet list against brute force (moves, swaps, box boundary, crowding): test/mcNeighbors.test.ts.
});

describe('equilibration from T = ∞', () => {
  it('soft2d N = 300, T = 0.8: energy per particle becomes stationary within 600 sweeps; MSD grows; rates in (0, 1)', () => {
    // From overlapping random positions (E/N ~ 1e9) the energy relaxes within ~300 sweeps; the mean over the last third
    // (sweeps 400–600) must agree with the middle third (200–400) within 0.06, about 2–3 standard errors at N = 300.
    const model = MODELS.soft2d;
    const sweeps = 600;
    const progress: number[] = [];
    const run = runMonteCarlo(randomConfiguration(model, 300, 1), model, {
      temperature: 0.8, sweeps, seed: 1, recordEvery: 2, onProgress: (sweep) => progress.push(sweep),
    });
    const e = run.energyPerParticle;
    expect(e.length).toBe(sweeps / 2);
    expect(run.recordedSweeps[0]).toBe(2);
    expect(progress).toEqual(run.recordedSweeps);
    expect(e.every(Number.isFinite)).toBe(true);
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    const third = e.length / 3;
    const middle = mean(e.slice(third, 2 * third)), last = mean(e.slice(2 * third));
    const msd = run.meanSquaredDisplacement;
    console.log(`soft2d T=0.8: E/N at sweep 2 ${e[0].toExponential(3)}, middle third ${middle.toFixed(4)}, last third ${last.toFixed(4)}; ` +
      `acceptance displacement ${run.acceptance.displacement.toFixed(3)}, swap ${run.acceptance.swap.toFixed(3)}; MSD(${sweeps}) = ${msd[msd.length - 1].toFixed(2)}`);
    expect(Math.abs(last - middle)).toBeLessThan(0.06);
    expect(e[0]).toBeGreaterThan(10 * last);
    expect(run.acceptance.displacement).toBeGreaterThan(0);
    expect(run.acceptance.displacement).toBeLessThan(1);
    expect(run.acceptance.swap).toBeGreaterThan(0);
    expect(run.acceptance.swap).toBeLessThan(1);
    expect(msd[msd.length - 1]).toBeGreaterThan(msd[Math.floor(third)]);
    const L = run.configuration.box.lengths[0];
    expect(Array.from(run.configuration.positions).every((x) => x >= 0 && x < L)).toBe(true);
  });

  it('two particles on top of each other (r = 0 exactly) give a finite energy and separate', () => {
    const state = initMonteCarlo(smallConfiguration(3, [1, 1, 1, 1], [1, 1]), MODELS.soft2d, { temperature: 1, seed: 1 });
    expect(Number.isFinite(state.energy)).toBe(true);
    for (let s = 0; s < 50; s++) monteCarloSweep(state);
    expect(Number.isFinite(state.energy)).toBe(true);
    expect(Math.abs(state.energy - exactEnergy(state))).toBeLessThan(1e-9);
  });

  it('is reproducible from the seed', () => {
    const model = MODELS.soft2d;
    const go = (seed: number) => runMonteCarlo(randomConfiguration(model, 100, 3), model, { temperature: 0.5, sweeps: 20, seed });
    const a = go(1), b = go(1), c = go(2);
    expect(Array.from(a.configuration.positions)).toEqual(Array.from(b.configuration.positions));
    expect(Array.from(a.configuration.diameters)).toEqual(Array.from(b.configuration.diameters));
    expect(a.energyPerParticle).toEqual(b.energyPerParticle);
    expect(Array.from(a.configuration.positions)).not.toEqual(Array.from(c.configuration.positions));
  });

  it('leaves the input configuration untouched and tracks the unwrapped MSD', () => {
    const model = MODELS.soft2d;
    const config = randomConfiguration(model, 100, 3);
    const before = config.positions.slice();
    const state = initMonteCarlo(config, model, { temperature: 0.5, seed: 4 });
    expect(meanSquaredDisplacement(state)).toBe(0);
    for (let s = 0; s < 5; s++) monteCarloSweep(state);
    expect(Array.from(config.positions)).toEqual(Array.from(before));
    expect(meanSquaredDisplacement(state)).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  const model = MODELS.soft2d;
  const config = randomConfiguration(model, 50, 1);
  it.each([0, -1, Number.NaN, Infinity, -Infinity])('T = %s throws a clear message', (T) => {
    expect(() => initMonteCarlo(config, model, { temperature: T, seed: 1 })).toThrow(/temperature must be a positive finite number/);
    expect(() => runMonteCarlo(config, model, { temperature: T, seed: 1, sweeps: 1 })).toThrow(/temperature/);
  });
  it('rejects swaps for a model without polydispersity, bad probabilities, sweeps and boxes too small for the cutoff', () => {
    const ka = MODELS.ka3d;
    expect(initMonteCarlo(randomConfiguration(ka, 500, 1), ka, { temperature: 1, seed: 1 }).swapProbability).toBe(0);
    expect(() => initMonteCarlo(randomConfiguration(ka, 500, 1), ka, { temperature: 1, seed: 1, swapProbability: 0.2 })).toThrow(/swap/);
    expect(() => initMonteCarlo(config, model, { temperature: 1, seed: 1, swapProbability: 1.5 })).toThrow(/swapProbability/);
    expect(() => runMonteCarlo(config, model, { temperature: 1, seed: 1, sweeps: -1 })).toThrow(/sweeps/);
    expect(() => initMonteCarlo(smallConfiguration(2, [0, 0, 1, 1], [1, 1]), model, { temperature: 1, seed: 1 })).toThrow(/cutoff/);
    expect(() => createParticleEnergySystem(smallConfiguration(3, [0, 0, 3.5, 1], [1, 1]), model)).toThrow(/outside/);
  });
});
