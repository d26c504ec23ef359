// A whole swap Monte Carlo run: sweeps from a configuration, recording E/N, the mean squared displacement and the
// acceptance rates, by which equilibration is judged (PHYSICS.md §2).
import type { Configuration } from '../configuration.ts';
import type { Model } from '../models.ts';
import {
  acceptanceRates,
  energyPerParticle,
  initMonteCarlo,
  meanSquaredDisplacement,
  monteCarloSweep,
  type AcceptanceRates,
  type MonteCarloCounts,
  type MonteCarloOptions,
} from './swapMonteCarlo.ts';

export interface MonteCarloRunOptions extends MonteCarloOptions {
  /** Number of sweeps (N trials each). */
  sweeps: number;
  /** Record E/N and the MSD every this many sweeps (default 1); the last sweep is always recorded. */
  recordEvery?: number;
  /** Called at every recorded sweep. */
  onProgress?: (sweep: number, energyPerParticle: number, rates: AcceptanceRates) => void;
}

export interface MonteCarloRun {
  /** The final configuration (a copy owned by the caller). */
  configuration: Configuration;
  sweeps: number;
  /** Sweep numbers of the records below. */
  recordedSweeps: number[];
  energyPerParticle: number[];
  /** Mean squared displacement from the start (unwrapped), per recorded sweep. */
  meanSquaredDisplacement: number[];
  acceptance: AcceptanceRates;
  counts: MonteCarloCounts;
}

// PHYSICS.md §2: equilibrate by swap Monte Carlo, recording E/N and the MSD to judge stationarity.
export function runMonteCarlo(config: Configuration, model: Model, options: MonteCarloRunOptions): MonteCarloRun {
  const { sweeps, recordEvery = 1, onProgress } = options;
  if (!Number.isInteger(sweeps) || sweeps < 0) throw new Error(`sweeps must be a non-negative integer, got ${sweeps}`);
  if (!Number.isInteger(recordEvery) || recordEvery < 1) throw new Error(`recordEvery must be a positive integer, got ${recordEvery}`);
  const state = initMonteCarlo(config, model, options);
  const run: MonteCarloRun = {
    configuration: state.configuration, sweeps, recordedSweeps: [], energyPerParticle: [], meanSquaredDisplacement: [],
    acceptance: acceptanceRates(state), counts: state.counts,
  };
  for (let s = 1; s <= sweeps; s++) {
    monteCarloSweep(state);
    if (s % recordEvery !== 0 && s !== sweeps) continue;
    const e = energyPerParticle(state);
    run.recordedSweeps.push(s);
    run.energyPerParticle.push(e);
    run.meanSquaredDisplacement.push(meanSquaredDisplacement(state));
    onProgress?.(s, e, acceptanceRates(state));
  }
  run.acceptance = acceptanceRates(state);
  return run;
}
