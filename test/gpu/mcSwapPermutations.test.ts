// Diameter swaps of the GPU Monte Carlo (src/gpu/mc) against the exact Boltzmann weights of the six diameter permutations of
// three particles at fixed positions (docs/ARCHITECTURE.md hazard 3): swaps inside a cell, and swaps between two paired cells of one
// color (the only way a distant particle's diameter can change). Positions are held fixed by δ_max = 0: the displacement
// trials (P = 1 − P_swap = 0.5) are accepted null moves, so the number of swaps in a pass is random — with P_swap = 1 a
// union of two particles that always accept would make an even number of swaps and return to its start every pass.
//
// Samples are strongly correlated (a cross-cell swap needs the two cells paired, ≈ 1 sweep in 4; measured: the χ² of the raw
// counts is inflated ≈ 7×), so each permutation's frequency is tested by batch means (Student's t on 30 batches of 400 sweeps,
// ≫ the correlation time), two-sided p > 1e-3/6 each (Bonferroni: a correct sampler fails with probability ≤ 1e-3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { GpuMonteCarlo } from '../../src/gpu/mc/index.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { MODELS } from '../../src/physics/models.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';
import { batchMeansZ, chiSquareTest, directPairEnergy, minimumImageDistance, smallConfiguration, studentTwoSided } from '../statistics.ts';

/** Permutations of three labels, as index arrays perm[particle] = which diameter. */
const PERMUTATIONS_3 = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
const permutationIndex = (ranks: number[]) => PERMUTATIONS_3.findIndex((p) => p.every((v, k) => v === ranks[k]));

const model = MODELS.soft2d;
const diameters = [1.0, 1.1, 1.18];
const BATCHES = 30;

/** Exact probabilities of the six permutations, from the three minimum-image pair distances. */
function exactPermutations(c: Configuration, T: number): number[] {
  const r = [[0, 1], [0, 2], [1, 2]].map(([i, j]) => minimumImageDistance(c, i, j));
  const w = PERMUTATIONS_3.map((p) => Math.exp(-(directPairEnergy(model, r[0], diameters[p[0]], diameters[p[1]])
    + directPairEnergy(model, r[1], diameters[p[0]], diameters[p[2]]) + directPairEnergy(model, r[2], diameters[p[1]], diameters[p[2]])) / T));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

// A triangle with sides r01 = 1.05, r02 = 1.15, r12 = 1.25 (as test/montecarlo.test.ts).
const x2 = (1.05 ** 2 + 1.15 ** 2 - 1.25 ** 2) / (2 * 1.05);
const triangle = [1.0, 1.0, 2.05, 1.0, 1.0 + x2, 1.0 + Math.sqrt(1.15 ** 2 - x2 * x2)];

describe.skipIf(!gpuAvailable)(`GPU swaps sample the exact Boltzmann weights of diameter permutations${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  it.each([
    { name: 'an interacting triangle in 2 × 2 cells: swaps inside a cell', L: 3.3, positions: triangle, T: 1.0, cells: 2 },
    // Particle 2 sits (L/2, L/2) from particle 0, two cells away along both axes: it never shares a cell with 0 or 1 (nor
    // interacts with them), and its diameter can change only by swaps between paired cells of one color.
    { name: 'an interacting pair and a distant particle in 4 × 4 cells: swaps between paired cells', L: 6.6, positions: [1.0, 1.0, 2.05, 1.0, 4.3, 4.3], T: 0.6, cells: 4 },
  ])('$name: each permutation\'s frequency ∝ e^{−E_perm/T} (batch means, p > 1.7e-4 each)', async ({ L, positions, T, cells }) => {
    const samples = 12_000;
    const config = smallConfiguration(L, positions, diameters);
    const exact = exactPermutations(config, T);
    const mc = await GpuMonteCarlo.create(model, config, {
      gpu, temperature: T, seed: 5, swapProbability: 0.5, maxDisplacement: 0, trialsPerParticle: 10, sweepsPerBatch: 512,
    });
    try {
      expect(mc.grid.cellsPerAxis).toEqual([cells, cells]);
      const configs = await mc.sample(samples, 1);
      const index = configs.map((c) => permutationIndex(Array.from(c.diameters, (d) => diameters.indexOf(d))));
      const tests = exact.map((p, k) => {
        const z = batchMeansZ(index.map((i) => (i === k ? 1 : 0)), p, BATCHES);
        return { ...z, p: studentTwoSided(z.z, BATCHES - 1) };
      });
      const counts = Float64Array.from(exact, (_, k) => index.filter((i) => i === k).length);
      const naive = chiSquareTest(counts, exact);
      const distantMoved = configs.filter((c) => c.diameters[2] !== diameters[2]).length / samples;
      console.log(`GPU swap permutations, L = ${L}, T = ${T}: exact ${exact.map((p) => p.toFixed(4)).join(' ')}; `
        + `MC ${tests.map((t) => `${t.mean.toFixed(4)}±${t.standardError.toFixed(4)}`).join(' ')}; p ${tests.map((t) => t.p.toFixed(3)).join(' ')}; `
        + `(naive χ² of correlated counts ${naive.statistic.toFixed(1)} on ${naive.df} df); particle 2 not carrying its own diameter ${distantMoved.toFixed(3)}; ${JSON.stringify(mc.counts)}`);
      expect(Math.min(...exact)).toBeGreaterThan(0.02); // every permutation matters
      for (const t of tests) expect(t.p).toBeGreaterThan(1e-3 / 6);
      expect(distantMoved).toBeGreaterThan(0.3); // particle 2's diameter does travel
      expect(mc.counts.swapAccepted).toBeGreaterThan(0);
      expect(Array.from(configs[configs.length - 1].positions)).toEqual(Array.from(config.positions));
    } finally {
      mc.destroy();
    }
  });

  it('without cell pairing a distant particle keeps its diameter (the paired-cell swaps above are what moves it)', async () => {
    const config = smallConfiguration(6.6, [1.0, 1.0, 2.05, 1.0, 4.3, 4.3], diameters);
    const mc = await GpuMonteCarlo.create(model, config, { gpu, temperature: 0.6, seed: 5, swapProbability: 0.5, maxDisplacement: 0, trialsPerParticle: 10, pairCells: false });
    try {
      await mc.sweeps(200);
      const after = await mc.readConfiguration();
      expect(after.diameters[2]).toBe(diameters[2]);
      expect(mc.counts.swapAccepted).toBeGreaterThan(0); // particles 0 and 1 did exchange
    } finally {
      mc.destroy();
    }
  });
});
