// A whole swap Monte Carlo run: sweeps from a configuration, recording E/N, the mean squared displacement and the
// acceptance rates, by which equilibration is judged (docs/PHYSICS.md §2).
import type { Configuration } from '../configuration.ts';
import type { Model } from '../models.ts';
import {
  acceptanceRates,
  energyPerParticle,
  initMonteCarlo,
  meanSquaredDisplacement,
  monteCarloTrial,
  resynchronizeEnergy,
  type AcceptanceRates,
  type MonteCarloCounts,
  type MonteCarloOptions,
  type MonteCarloState,
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

/** A swap Monte Carlo run in progress (startMonteCarlo): advance it by whole sweeps in slices; the same numbers as runMonteCarlo. */
export interface MonteCarloStepper {
  readonly state: MonteCarloState;
  /** The records so far; `configuration` is the live state (copy it to keep a snapshot). */
  readonly run: MonteCarloRun;
  /** Sweeps done so far. */
  readonly sweep: number;
  readonly done: boolean;
  /** Runs up to `maxSweeps` more sweeps, or until performance.now() ≥ `deadlineMs` (then it may stop inside a sweep); true once all are done. */
  advance(limit?: { maxSweeps?: number; deadlineMs?: number }): boolean;
}

// docs/PHYSICS.md §2: equilibrate by swap Monte Carlo, recording E/N and the MSD to judge stationarity, sweep by sweep.
export function startMonteCarlo(config: Configuration, model: Model, options: MonteCarloRunOptions): MonteCarloStepper {
  const { sweeps, recordEvery = 1, onProgress } = options;
  if (!Number.isInteger(sweeps) || sweeps < 0) throw new Error(`sweeps must be a non-negative integer, got ${sweeps}`);
  if (!Number.isInteger(recordEvery) || recordEvery < 1) throw new Error(`recordEvery must be a positive integer, got ${recordEvery}`);
  const state = initMonteCarlo(config, model, options);
  const run: MonteCarloRun = {
    configuration: state.configuration, sweeps, recordedSweeps: [], energyPerParticle: [], meanSquaredDisplacement: [],
    acceptance: acceptanceRates(state), counts: state.counts,
  };
  const n = state.system.n;
  let s = 0; // sweeps done
  let trials = 0; // trials done in sweep s + 1
  // Sweep s + 1 in pieces of TRIALS_PER_CHECK trials (a sweep at N = 64000 takes longer than a slice): the same trials
  // as monteCarloSweep, and at its end what monteCarloSweep does after its N trials.
  const continueSweep = (deadlineMs: number | undefined): boolean => {
    while (trials < n) {
      const upTo = deadlineMs === undefined ? n : Math.min(n, trials + TRIALS_PER_CHECK);
      for (; trials < upTo; trials++) monteCarloTrial(state);
      if (trials < n && deadlineMs !== undefined && performance.now() >= deadlineMs) return false;
    }
    trials = 0;
    state.sweeps++;
    refreshEnergyIfImprecise(state);
    return true;
  };
  return {
    state,
    run,
    get sweep() { return s; },
    get done() { return s >= sweeps; },
    advance(limit = {}) {
      const budget = limit.maxSweeps ?? Infinity;
      for (let taken = 0; s < sweeps && taken < budget; taken++) {
        if (!continueSweep(limit.deadlineMs)) break;
        s++;
        if (s % recordEvery === 0 || s === sweeps) {
          const e = energyPerParticle(state);
          run.recordedSweeps.push(s);
          run.energyPerParticle.push(e);
          run.meanSquaredDisplacement.push(meanSquaredDisplacement(state));
          onProgress?.(s, e, acceptanceRates(state));
        }
        if (limit.deadlineMs !== undefined && performance.now() >= limit.deadlineMs) break;
      }
      run.acceptance = acceptanceRates(state);
      return s >= sweeps;
    },
  };
}

/** Trials between two looks at the clock inside a sweep. */
const TRIALS_PER_CHECK = 512;

/**
 * Mirrors the end of monteCarloSweep (swapMonteCarlo.ts, whose refreshEnergyIfImprecise is private): the running energy is
 * recomputed exactly when its rounding scale exceeds 1e4 × max(|E|, 1). Checked against runMonteCarlo in test/lab/steppable.test.ts.
 */
function refreshEnergyIfImprecise(state: MonteCarloState): void {
  if (state.energyScale > 1e4 * Math.max(Math.abs(state.energy), 1)) resynchronizeEnergy(state);
}

// docs/PHYSICS.md §2: the whole run in one call (startMonteCarlo advanced to its end).
export function runMonteCarlo(config: Configuration, model: Model, options: MonteCarloRunOptions): MonteCarloRun {
  const stepper = startMonteCarlo(config, model, options);
  stepper.advance();
  return stepper.run;
}
