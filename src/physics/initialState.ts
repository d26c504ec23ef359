// The start of Monte Carlo at finite T: the T = ∞ state of 000 App. A.1 (uniform random positions, randomConfiguration) with
// its overlaps removed, so that the first sweeps sample the liquid instead of climbing down from E/N ~ 1e9 (issue 9).
// The overlaps are removed by FIRE on a purely repulsive harmonic overlap energy U_ij = ½ ε_ij (1 − r/(c s_ij))² for
// r < c s_ij (the harmonic model's pair function, 000 App. A.1b), with the contact factor c ≤ 1 chosen so that spheres of
// diameter c s_ii fill OVERLAP_FREE_FRACTION of random close packing: far from jamming, FIRE empties the overlap energy fast.
// T = ∞ itself stays uniform random positions (that is the paper's T = ∞ state): this start is for finite T only.
import type { Configuration } from './configuration.ts';
import { quench } from './descent/quench.ts';
import { randomConfiguration, type CombiningRule, type Model } from './models.ts';
import { harmonicPotential } from './potentials.ts';
import { ballVolume } from './space.ts';

/** Random close packing fractions (2D disks ≈ 0.84, 3D spheres ≈ 0.64; O'Hern et al., PRE 68, 011306 (2003)). */
const RANDOM_CLOSE_PACKING: Record<number, number> = { 2: 0.84, 3: 0.64 };
/** The packing of the contact spheres as a fraction of random close packing (choice: far enough below jamming to relax in ~100 FIRE steps). */
export const OVERLAP_FREE_FRACTION = 0.7;
/** FIRE stops once every |f_i| of the overlap energy is below this: overlaps deeper than ~1e-9 s_ij are gone. */
const OVERLAP_FORCE_TOLERANCE = 1e-9;

/** φ = Σ_i V_D(s_ii/2) / V_box: the volume fraction of spheres of the model's like-pair diameter s_ii. */
export function likePairPacking(model: Model, c: Configuration): number {
  let v = 0;
  for (let i = 0; i < c.diameters.length; i++) {
    v += ballVolume(model.dim, 0.5 * model.rule.sigma(c.diameters[i], c.diameters[i], c.species[i], c.species[i]));
  }
  return v / c.box.lengths.reduce((p, L) => p * L, 1);
}

/** c = min(1, (φ_target/φ)^(1/D)) with φ_target = OVERLAP_FREE_FRACTION × random close packing: no pair ends closer than c s_ij. */
export function contactFactor(model: Model, c: Configuration): number {
  const target = OVERLAP_FREE_FRACTION * (RANDOM_CLOSE_PACKING[model.dim] ?? RANDOM_CLOSE_PACKING[3]);
  return Math.min(1, Math.pow(target / likePairPacking(model, c), 1 / model.dim));
}

function scaledRule(rule: CombiningRule, factor: number): CombiningRule {
  return { ...rule, name: `${rule.name}, × ${factor}`, sigma: (di, dj, ti, tj) => factor * rule.sigma(di, dj, ti, tj) };
}

/** The harmonic overlap landscape of a model: U_ij = ½ ε_ij (1 − r/(c s_ij))² for r < c s_ij, zero beyond. */
export function overlapModel(model: Model, factor: number): Model {
  return {
    ...model, potential: harmonicPotential, rule: scaledRule(model.rule, factor),
    maxSigma: (c) => factor * model.maxSigma(c),
  };
}

// 000 App. A.1 T = ∞ positions, then FIRE (descent/fire.ts) on the harmonic overlap energy until no pair is closer than c s_ij.
export function overlapFreeConfiguration(model: Model, n: number, seed: number): { configuration: Configuration; contactFactor: number } {
  const start = randomConfiguration(model, n, seed);
  const factor = contactFactor(model, start);
  const relaxed = quench(overlapModel(model, factor), start, {
    algorithm: 'fire', dt: 0.1 * factor, forceTolerance: OVERLAP_FORCE_TOLERANCE, maxSteps: 100 * n + 10_000,
  });
  return { configuration: relaxed.final, contactFactor: factor };
}
