// The start of Monte Carlo at finite T (issue 9: from uniform random positions, E/N ≈ 1e9 after 2 sweeps at T = 2): random
// positions with the overlaps removed, no pair closer than c·s_ij; T = ∞ stays uniform random positions (000 App. A.1).
import { describe, expect, it } from 'vitest';
import { runJobHere } from '../src/cli/labJob.ts';
import { fromConfigurationData } from '../src/engine/lab/configurationData.ts';
import { DEFAULT_SPEC } from '../src/engine/runSpec.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { createLandscape, energy } from '../src/physics/forces.ts';
import { contactFactor, likePairPacking, overlapFreeConfiguration } from '../src/physics/initialState.ts';
import { MODELS, MODEL_NAMES, randomConfiguration, type Model, type ModelName } from '../src/physics/models.ts';
import { minimumImage1 } from '../src/physics/space.ts';

/** min over all pairs of r_ij / s_ij, by brute force. */
function closestContact(model: Model, c: Configuration): number {
  const d = model.dim, n = c.diameters.length;
  let least = Infinity;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    let r2 = 0;
    for (let a = 0; a < d; a++) r2 += minimumImage1(c.positions[j * d + a] - c.positions[i * d + a], c.box.lengths[a]) ** 2;
    least = Math.min(least, Math.sqrt(r2) / model.rule.sigma(c.diameters[i], c.diameters[j], c.species[i], c.species[j]));
  }
  return least;
}

/** The lab's equilibrate job (the one pipeline the CLI and the page share), on the float64 engine. */
async function equilibrate(model: ModelName, n: number, temperature: number, sweeps: number, seed: number) {
  const spec = { ...DEFAULT_SPEC, model, n, temperature, sweeps, seed };
  const { result } = await runJobHere('equilibrate', { kind: 'equilibrate', spec }, 'cpu', 'equilibrate', { quiet: true });
  return { configuration: fromConfigurationData(result.final, MODELS[model], n), energyPerParticle: result.record.energyPerParticle };
}

describe('the overlap-free start of Monte Carlo', () => {
  const n = 200;
  // The models studied at finite T in 2D and 3D. mk3d is planted in equilibrium instead (no Monte Carlo), and harmonic
  // spheres in 4D and 8D are studied from T = ∞ only (000 App. A.1b); at N = 200 the 8D box is smaller than two cutoffs.
  const finiteT = MODEL_NAMES.filter((m) => MODELS[m].dim <= 3 && !MODELS[m].pairShifts);
  for (const name of finiteT) {
    it(`${name}: no pair closer than c·s_ij (c ≥ 0.7), E/N of order 1, and 2 sweeps at T = 2 stay there`, async () => {
      const model = MODELS[name];
      const { configuration, contactFactor: c } = overlapFreeConfiguration(model, n, 4);
      expect(c).toBeGreaterThanOrEqual(0.7);
      expect(c).toBeLessThanOrEqual(1);
      expect(closestContact(model, configuration)).toBeGreaterThanOrEqual(c * (1 - 1e-6));
      // the same particles as the T = ∞ state of this seed: only the positions moved
      const random = randomConfiguration(model, n, 4);
      expect(Array.from(configuration.diameters)).toEqual(Array.from(random.diameters));
      expect(closestContact(model, random)).toBeLessThan(0.5); // the T = ∞ state does overlap
      const startEnergy = energy(createLandscape(model, configuration), configuration.positions.slice()) / n;
      expect(startEnergy).toBeLessThan(30);
      const r = await equilibrate(name, n, 2, 2, 4);
      const last = r.energyPerParticle[r.energyPerParticle.length - 1];
      console.log(`${name}: c = ${c.toFixed(3)}, E/N at the start ${startEnergy.toFixed(3)}, after 2 sweeps at T = 2 ${last.toFixed(3)}`);
      expect(Number.isFinite(last)).toBe(true);
      expect(last).toBeLessThan(30);
    });
  }

  it('contact factor: spheres of diameter c·s_ii fill 0.7 of random close packing (or c = 1 when already below)', () => {
    const model = MODELS.ka3d;
    const c0 = randomConfiguration(model, 300, 1);
    const c = contactFactor(model, c0);
    expect(likePairPacking(model, c0) * c ** 3).toBeCloseTo(0.7 * 0.64, 10);
    // KA 3D at ρ = 1.2: φ = 1.2·(π/6)(0.8 + 0.2·0.88³) = 0.5875 by hand
    expect(likePairPacking(model, c0)).toBeCloseTo(1.2 * (Math.PI / 6) * (0.8 * 1 + 0.2 * 0.88 ** 3), 2);
  });

  it('T = ∞ stays uniform random positions, exactly randomConfiguration', async () => {
    const r = await equilibrate('soft2d', 100, Infinity, 10, 9);
    expect(Array.from(r.configuration.positions)).toEqual(Array.from(randomConfiguration(MODELS.soft2d, 100, 9).positions));
  });
});
