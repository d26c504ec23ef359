// g(x) from sampled reference particles (the worker's x_cut^EQ, src/engine/lab/particleResults.ts) is the full pair list's
// g(x) restricted to the same reference particles: every ordered pair (i, j) with i a reference, counted from the full list
// of pairs i < j (so from the other code path), gives the same histogram, bin for bin, and the same normalization M(N − 1).
import { describe, expect, it } from 'vitest';
import { meanPairVolumeFactor, pairCorrelation, randomReferenceParticles, scaledDistance, scaledNeighbors } from '../src/physics/analysis/pairCorrelation.ts';
import { runMonteCarlo } from '../src/physics/mc/runMonteCarlo.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';
import { ballVolume, boxVolume } from '../src/physics/space.ts';

describe('g(x) of sampled reference particles = the full pair list on the same references', () => {
  for (const name of ['soft2d', 'soft3d'] as const) {
    it(name, () => {
      const model = MODELS[name];
      const c = runMonteCarlo(randomConfiguration(model, 1000, 3), model, { temperature: 0.8, seed: 3, sweeps: 5 }).configuration;
      const n = c.diameters.length, m = 200, xMax = 2, bins = 100, dx = xMax / bins, dim = c.box.dim;
      const sampled = pairCorrelation(c, model, { xMax, bins, referenceParticles: m, referenceSeed: 9 });
      const isReference = new Uint8Array(n);
      for (const i of randomReferenceParticles(n, m, 9)) isReference[i] = 1;
      const counts = new Float64Array(bins);
      const list = scaledNeighbors(c, model, xMax);
      for (let i = 0; i < n; i++) {
        for (let p = list.offsets[i]; p < list.offsets[i + 1]; p++) {
          const j = list.partners[p];
          const bin = Math.floor(scaledDistance(c, i, j, list.sigma[p]) / dx);
          if (bin < bins) counts[bin] += isReference[i] + isReference[j];
        }
      }
      const density = (m * (n - 1)) / boxVolume(c.box) * meanPairVolumeFactor(c, model);
      const g = counts.map((k, b) => k / (density * (ballVolume(dim, (b + 1) * dx) - ballVolume(dim, b * dx))));
      expect(Array.from(sampled.g)).toEqual(Array.from(g));
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
    });
  }
});
