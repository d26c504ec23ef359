// Equilibrium starting states: uniform random positions at T = ∞, swap Monte Carlo at finite T (000 App. A.1) from an
// overlap-free start (src/physics/initialState.ts).
import type { Configuration } from '../physics/configuration.ts';
import { overlapFreeConfiguration } from '../physics/initialState.ts';
import { runMonteCarlo } from '../physics/mc/runMonteCarlo.ts';
import { plantMariKurchan } from '../physics/mariKurchan/planting.ts';
import { getModel, randomConfiguration, type Model } from '../physics/models.ts';

export interface EquilibrationResult {
  configuration: Configuration;
  /** Energy per particle after each recorded sweep (empty at T = ∞). */
  energyPerParticle: number[];
  meanSquaredDisplacement: number[];
  recordedSweeps: number[];
  acceptance: { displacement: number; swap: number } | null;
  sweeps: number;
}

export interface EquilibrationProgress {
  sweep: number;
  sweeps: number;
  energyPerParticle: number;
  acceptance: { displacement: number; swap: number };
}

export function equilibrate(
  modelName: string,
  n: number,
  temperature: number,
  sweeps: number,
  seed: number,
  onProgress?: (p: EquilibrationProgress) => void,
): EquilibrationResult {
  const model: Model = getModel(modelName);
  // 000 App. A.1d: a Mari–Kurchan state is planted in equilibrium at T directly, with no sweeps.
  if (model.pairShifts) {
    return { configuration: plantMariKurchan(model, n, seed, temperature), energyPerParticle: [], meanSquaredDisplacement: [], recordedSweeps: [], acceptance: null, sweeps: 0 };
  }
  if (temperature === Infinity || sweeps === 0) {
    return { configuration: randomConfiguration(model, n, seed), energyPerParticle: [], meanSquaredDisplacement: [], recordedSweeps: [], acceptance: null, sweeps: 0 };
  }
  const start = overlapFreeConfiguration(model, n, seed).configuration;
  const run = runMonteCarlo(start, model, {
    temperature,
    seed,
    sweeps,
    recordEvery: Math.max(1, Math.floor(sweeps / 200)),
    onProgress: (sweep, energyPerParticle, acceptance) => onProgress?.({ sweep, sweeps, energyPerParticle, acceptance }),
  });
  return {
    configuration: run.configuration,
    energyPerParticle: run.energyPerParticle,
    meanSquaredDisplacement: run.meanSquaredDisplacement,
    recordedSweeps: run.recordedSweeps,
    acceptance: run.acceptance,
    sweeps,
  };
}
