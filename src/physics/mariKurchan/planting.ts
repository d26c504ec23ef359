// Planted equilibrium states of the Mari–Kurchan model at any T (000 App. A.1d): uniform positions r⁰, then shifts drawn
// pair by pair from e^{−U/T} (shifts.ts). Exact, with no Monte Carlo: given r⁰, each pair's shifted separation is an
// independent Boltzmann draw, which is the planted ensemble of the model (docs/PHYSICS.md §1.4).
import type { Configuration } from '../configuration.ts';
import { randomConfiguration, type Model } from '../models.ts';
import { validatePlantingTemperature } from './shifts.ts';

// 000 App. A.1d: the planted state's shifts are implicit (seed, T, r⁰); they are drawn when a landscape first lists them.
export function plantMariKurchan(model: Model, n: number, seed: number, temperature: number): Configuration {
  if (!model.pairShifts) throw new Error(`model ${model.name} has no pair shifts to plant`);
  validatePlantingTemperature(temperature);
  const c = randomConfiguration(model, n, seed);
  return { ...c, shifts: { seed, temperature, planted: c.positions.slice() } };
}
