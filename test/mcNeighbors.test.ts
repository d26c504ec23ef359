// The Monte Carlo Verlet list (src/physics/mc/mcNeighborList.ts) against brute force: after many random moves (across the
// periodic boundary) and swaps, every row equals an all-pairs scan of the reference positions, every interacting pair is
// listed, and each particle's energy equals the all-pairs sum written out independently (u(r/s) from the potential's u(x)).
import { describe, expect, it } from 'vitest';
import { MODELS, randomConfiguration, type Model } from '../src/physics/models.ts';
import { checkNeighbors, initMonteCarlo, monteCarloTrial, particleEnergy, type MonteCarloState } from '../src/physics/mc/index.ts';
import { minimumImage1 } from '../src/physics/space.ts';

/** E_i = Σ_{j≠i} ε_ij u(r_ij/s_ij) over all pairs, from u(x) (not uOfX2) and the minimum image of the configuration. */
function allPairsEnergy(model: Model, state: MonteCarloState, i: number): number {
  const c = state.configuration, d = c.box.dim;
  let e = 0;
  for (let j = 0; j < c.diameters.length; j++) {
    if (j === i) continue;
    const s = model.rule.sigma(c.diameters[i], c.diameters[j], c.species[i], c.species[j]);
    let r2 = 0;
    for (let a = 0; a < d; a++) r2 += minimumImage1(c.positions[j * d + a] - c.positions[i * d + a], c.box.lengths[a]) ** 2;
    const r = Math.sqrt(r2);
    if (r < model.potential.xc * s) e += model.rule.epsilon(c.species[i], c.species[j]) * model.potential.u(r / s);
  }
  return e;
}

function expectEnergiesMatchAllPairs(model: Model, state: MonteCarloState): void {
  for (let i = 0; i < state.system.n; i += 13) {
    const reference = allPairsEnergy(model, state, i);
    expect(Math.abs(particleEnergy(state.system, i) - reference)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(reference)));
  }
}

/** How many coordinates crossed the periodic boundary (unwrapped differs from wrapped by a box length or more). */
function boundaryCrossings(state: MonteCarloState): number {
  const c = state.configuration, d = c.box.dim;
  let k = 0;
  for (let q = 0; q < c.positions.length; q++) if (Math.abs(state.unwrapped[q] - c.positions[q]) > 0.5 * c.box.lengths[q % d]) k++;
  return k;
}

describe('Monte Carlo neighbor list equals brute force', () => {
  const cases = [
    // soft2d: non-additive diameters with swaps (cells used: L ≈ 17 holds 5 cells of the list range); hot, so particles travel.
    { model: MODELS.soft2d, n: 300, T: 2.0, swap: 0.5, delta: 0.15, cells: true },
    // soft3d at N = 160: fewer than 3 cells per axis, every particle a candidate.
    { model: MODELS.soft3d, n: 160, T: 2.0, swap: 0.5, delta: 0.15, cells: false },
    // ka3d: species-table cutoffs, no swaps; N = 1000 gives 3 cells per axis of the list range at the default skin.
    { model: MODELS.ka3d, n: 1000, T: 3.0, swap: 0, delta: 0.1, cells: true },
  ];
  it.each(cases)('$model.name N = $n: rows, interactions and E_i after moves and swaps', ({ model, n, T, swap, delta, cells }) => {
    const state = initMonteCarlo(randomConfiguration(model, n, 3), model, { temperature: T, seed: 11, swapProbability: swap, maxDisplacement: delta });
    const list = state.system.neighbors;
    expect(list.cells !== null).toBe(cells);
    checkNeighbors(state.system);
    for (let round = 0; round < 3; round++) {
      for (let t = 0; t < 10 * n; t++) monteCarloTrial(state);
      checkNeighbors(state.system);
      expectEnergiesMatchAllPairs(model, state);
    }
    // The list really was exercised: rows were rebuilt, particles crossed the boundary, swaps were accepted.
    expect(list.rowRebuilds).toBeGreaterThan(n);
    expect(boundaryCrossings(state)).toBeGreaterThan(0);
    if (swap > 0) expect(state.counts.swapAccepted).toBeGreaterThan(100);
  });

  it('pairs that interact across the box boundary are listed, and rows grow when many particles crowd together', () => {
    const model = MODELS.soft2d;
    const config = randomConfiguration(model, 400, 8);
    const L = config.box.lengths[0];
    // 150 particles in a 0.1 × 0.15 patch straddling the corner (0, 0): far more partners than a row's initial room.
    for (let i = 0; i < 150; i++) {
      config.positions[2 * i] = (L - 0.05 + 0.01 * (i % 10)) % L;
      config.positions[2 * i + 1] = (L - 0.07 + 0.01 * Math.floor(i / 10)) % L;
    }
    const state = initMonteCarlo(config, model, { temperature: 1e6, seed: 4, maxDisplacement: 0.05 });
    expect(state.system.neighbors.capacity).toBeGreaterThanOrEqual(150);
    checkNeighbors(state.system);
    expectEnergiesMatchAllPairs(model, state);
    for (let t = 0; t < 4000; t++) monteCarloTrial(state);
    checkNeighbors(state.system);
    expectEnergiesMatchAllPairs(model, state);
  });
});
