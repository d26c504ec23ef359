// The GPU swap Monte Carlo (src/gpu/mc, Anderson et al. 2013 checkerboard) against the exact Boltzmann distribution of two
// particles (docs/ARCHITECTURE.md hazard 3; the 3-particle swap tests are in mcSwapPermutations.test.ts). Every statistical test uses a
// fixed seed and a stated significance: for a correct sampler with a random seed it would fail with probability ≈ 1e-3.
// Consecutive GPU sweeps stay correlated however many trials each makes (within a sweep a particle cannot leave its cell;
// measured lag-1 autocorrelation of r ≈ 0.17, lag 2 ≈ 0.05), so the histogram is taken every 2 sweeps and means use batch means.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { GpuMonteCarlo } from '../../src/gpu/mc/index.ts';
import { MODELS } from '../../src/physics/models.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';
import {
  batchMeansZ, chiSquareTest, studentTwoSided, directPairEnergy, exactDistanceBins, minimumImageDistance, perimeterInsideSquare, simpson, smallConfiguration,
} from '../statistics.ts';

describe.skipIf(!gpuAvailable)(`GPU swap Monte Carlo samples exact Boltzmann weights${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  it('two particles, displacements and swaps, 2 × 2 cells (L = 3): P(r) ∝ perimeter(r) e^{−U(r)/T} (chi-square p > 1e-3), each labeling ½', async () => {
    const model = MODELS.soft2d, L = 3, T = 1, d = [1.0, 1.15], bins = 30, samples = 6000;
    const mc = await GpuMonteCarlo.create(model, smallConfiguration(L, [0.5, 0.5, 2.0, 1.9], d), {
      gpu, temperature: T, seed: 21, maxDisplacement: 0.5, trialsPerParticle: 10, sweepsPerBatch: 512,
    });
    try {
      expect(mc.grid.cellsPerAxis).toEqual([2, 2]);
      const configs = await mc.sample(samples, 2);
      const counts = new Float64Array(bins);
      const rMax = L / Math.SQRT2;
      for (const c of configs) counts[Math.min(bins - 1, Math.floor((minimumImageDistance(c, 0, 1) / rMax) * bins))]++;
      const test = chiSquareTest(counts, exactDistanceBins(L, bins, (r) => Math.exp(-directPairEnergy(model, r, d[0], d[1]) / T)));
      const idealGas = chiSquareTest(counts, exactDistanceBins(L, bins, () => 1));
      // Exchanging the two diameters leaves U_01 unchanged: every proposed swap is accepted and each labeling has weight ½.
      const zeroLarger = configs.map((c) => (c.diameters[0] > c.diameters[1] ? 1 : 0));
      const half = batchMeansZ(zeroLarger, 0.5, 30);
      const halfP = studentTwoSided(half.z, 29);
      console.log(`GPU 2 particles, L = 3: chi-square ${test.statistic.toFixed(1)} on ${test.df} df, p = ${test.p.toFixed(3)}; ideal gas p = ${idealGas.p.toExponential(1)}; `
        + `P(particle 0 larger) = ${half.mean.toFixed(4)} ± ${half.standardError.toFixed(4)} (z = ${half.z.toFixed(2)}, p = ${halfP.toFixed(3)}); acceptance ${JSON.stringify(mc.acceptanceRates())}; ${JSON.stringify(mc.counts)}`);
      expect(test.p).toBeGreaterThan(1e-3);
      expect(idealGas.p).toBeLessThan(1e-10); // the test can tell the interaction apart
      expect(halfP).toBeGreaterThan(1e-3); // Student's t on 30 batch means, two-sided
      expect(mc.acceptanceRates().swap).toBe(1);
      expect(mc.counts.displacementLeftCell).toBeGreaterThan(0);
    } finally {
      mc.destroy();
    }
  });

  it('two particles, 4 × 4 cells (L = 6, the full 3 × 3 stencil): ⟨U⟩ and P(r < x_c s_01) against quadrature (batch means, p > 5e-4 each)', async () => {
    const model = MODELS.soft2d, L = 6, T = 0.5, d = [1.0, 1.15], samples = 8000;
    const u = (r: number) => directPairEnergy(model, r, d[0], d[1]);
    const range = model.potential.xc * model.rule.sigma(d[0], d[1], 0, 0);
    const weight = (r: number) => { const e = u(r); return Number.isFinite(e) && e < 700 ? Math.exp(-e / T) : 0; };
    const rMax = L / Math.SQRT2;
    const z = simpson((r) => perimeterInsideSquare(r, L) * weight(r), 0, range, 20_000) + simpson((r) => perimeterInsideSquare(r, L), range, rMax, 20_000);
    const exactU = simpson((r) => (weight(r) > 0 ? perimeterInsideSquare(r, L) * u(r) * weight(r) : 0), 0, range, 20_000) / z;
    const exactInside = simpson((r) => perimeterInsideSquare(r, L) * weight(r), 0, range, 20_000) / z;
    const mc = await GpuMonteCarlo.create(model, smallConfiguration(L, [0.5, 0.5, 3.3, 3.6], d), {
      gpu, temperature: T, seed: 5, maxDisplacement: 0.6, trialsPerParticle: 10, sweepsPerBatch: 512,
    });
    try {
      expect(mc.grid.cellsPerAxis).toEqual([4, 4]);
      const configs = await mc.sample(samples, 1);
      const r = configs.map((c) => minimumImageDistance(c, 0, 1));
      const zU = batchMeansZ(r.map(u), exactU, 40), zIn = batchMeansZ(r.map((x) => (x < range ? 1 : 0)), exactInside, 40);
      const pU = studentTwoSided(zU.z, 39), pIn = studentTwoSided(zIn.z, 39);
      console.log(`GPU 2 particles, L = 6: ⟨U⟩ exact ${exactU.toFixed(5)} MC ${zU.mean.toFixed(5)} ± ${zU.standardError.toFixed(5)} (z = ${zU.z.toFixed(2)}, p = ${pU.toFixed(3)}); `
        + `P(r < ${range.toFixed(3)}) exact ${exactInside.toFixed(4)} MC ${zIn.mean.toFixed(4)} ± ${zIn.standardError.toFixed(4)} (z = ${zIn.z.toFixed(2)}, p = ${pIn.toFixed(3)}); ${JSON.stringify(mc.counts)}`);
      // Two observables, each two-sided at p > 5e-4 (Bonferroni for 1e-3 overall).
      expect(pU).toBeGreaterThan(5e-4);
      expect(pIn).toBeGreaterThan(5e-4);
      expect(exactInside).toBeLessThan(0.9 * simpson((x) => perimeterInsideSquare(x, L), 0, range, 20_000) / (L * L)); // interaction matters
    } finally {
      mc.destroy();
    }
  });
});
