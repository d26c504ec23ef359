// Serial swap Monte Carlo (000 App. A.1a; docs/PHYSICS.md §2): displacement and diameter-swap trials with Metropolis acceptance.
// An init/step pair over a state object: initMonteCarlo builds it, monteCarloSweep advances it by N trials (mutating it).
import { cloneConfiguration, validateConfiguration, type Configuration } from '../configuration.ts';
import type { Model } from '../models.ts';
import { createRng, Streams, type Rng } from '../rng.ts';
import { wrapPositions } from '../space.ts';
import {
  coverTrial,
  createParticleEnergySystem,
  MONTE_CARLO_SKIN,
  followDiameterChange,
  totalEnergy,
  trialDisplacementEnergies,
  trialSwapEnergies,
  type ParticleEnergySystem,
} from './particleEnergy.ts';

export interface MonteCarloOptions {
  /** T > 0 and finite (T = ∞ states are uniform random positions: randomConfiguration). */
  temperature: number;
  /** Integer in [0, 2^32); the only random numbers come from createRng(seed, Streams.monteCarlo). */
  seed: number;
  /** P_swap (default 0.2 for swappable models, 0 otherwise). */
  swapProbability?: number;
  /** δ_max: each coordinate moves uniformly in [−δ_max, +δ_max] (default 0.12). */
  maxDisplacement?: number;
  /** Swaps are proposed only when |d_i − d_j| < this (default 0.2). */
  maxSwapDiameterDifference?: number;
  /** Verlet skin of the neighbor list (default MONTE_CARLO_SKIN, raised to 3 δ_max √D if smaller): speed only, never results. */
  neighborSkin?: number;
}

export interface MonteCarloCounts {
  displacementAttempted: number;
  displacementAccepted: number;
  /** Swap trials whose pair had |d_i − d_j| < maxSwapDiameterDifference, so an exchange was proposed. */
  swapAttempted: number;
  swapAccepted: number;
  /** Swap trials rejected outright because |d_i − d_j| was too large (no exchange proposed). */
  swapNotAttempted: number;
}

/** Accepted / attempted; 0 where nothing was attempted. Swap rate is per proposed exchange (swapNotAttempted excluded). */
export interface AcceptanceRates {
  displacement: number;
  swap: number;
}

export interface MonteCarloState {
  readonly model: Model;
  /** The state's own copy of the configuration; trials change its positions (kept in [0, L)) and diameters in place. */
  readonly configuration: Configuration;
  readonly system: ParticleEnergySystem;
  readonly rng: Rng;
  readonly temperature: number;
  readonly swapProbability: number;
  readonly maxDisplacement: number;
  readonly maxSwapDiameterDifference: number;
  /** Positions without wrapping, for the mean squared displacement; and where they started. */
  readonly unwrapped: Float64Array;
  readonly initialUnwrapped: Float64Array;
  readonly counts: MonteCarloCounts;
  /** Running total energy E (kept incrementally: E += ΔE on every accepted trial). */
  energy: number;
  /** Largest energy magnitude that entered the running sum since it was last recomputed exactly (its rounding scale). */
  energyScale: number;
  /** How many times the running energy was replaced by an exact recomputation. */
  energyRefreshes: number;
  sweeps: number;
  /** Scratch (length D): trial displacement and trial position. */
  readonly step: Float64Array;
  readonly trial: Float64Array;
}

export function validateTemperature(temperature: number): number {
  if (typeof temperature !== 'number' || !(temperature > 0) || !Number.isFinite(temperature)) {
    throw new Error(`Monte Carlo temperature must be a positive finite number, got ${temperature} (T = ∞ states come from randomConfiguration)`);
  }
  return temperature;
}

function validateFraction(name: string, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`${name} must be in [0, 1], got ${p}`);
  return p;
}

function validateNonNegative(name: string, x: number): number {
  if (!(x >= 0) || !Number.isFinite(x)) throw new Error(`${name} must be a non-negative finite number, got ${x}`);
  return x;
}

export function initMonteCarlo(config: Configuration, model: Model, options: MonteCarloOptions): MonteCarloState {
  const temperature = validateTemperature(options.temperature);
  const swapProbability = validateFraction('swapProbability', options.swapProbability ?? (model.swappable ? 0.2 : 0));
  const maxDisplacement = validateNonNegative('maxDisplacement', options.maxDisplacement ?? 0.12);
  const maxSwapDiameterDifference = validateNonNegative('maxSwapDiameterDifference', options.maxSwapDiameterDifference ?? 0.2);
  if (swapProbability > 0 && !model.swappable) throw new Error(`model ${model.name} has no continuous polydispersity: swap moves do not apply (set swapProbability = 0)`);
  if (model.pairShifts) throw new Error(`model ${model.name} is equilibrated by planting, not Monte Carlo: use equilibrate, which plants at any T`);
  const configuration = cloneConfiguration(validateConfiguration(config));
  if (swapProbability > 0 && configuration.diameters.length < 2) throw new Error('swap moves need at least 2 particles');
  wrapPositions(configuration.box, configuration.positions);
  const dim = configuration.box.dim;
  const skin = Math.max(validateNonNegative('neighborSkin', options.neighborSkin ?? MONTE_CARLO_SKIN), 3 * maxDisplacement * Math.sqrt(dim));
  const system = createParticleEnergySystem(configuration, model, skin > 0 ? skin : MONTE_CARLO_SKIN);
  const energy = totalEnergy(system);
  return {
    model, configuration, system, rng: createRng(options.seed, Streams.monteCarlo),
    temperature, swapProbability, maxDisplacement, maxSwapDiameterDifference,
    unwrapped: configuration.positions.slice(), initialUnwrapped: configuration.positions.slice(),
    counts: { displacementAttempted: 0, displacementAccepted: 0, swapAttempted: 0, swapAccepted: 0, swapNotAttempted: 0 },
    energy, energyScale: Math.abs(energy), energyRefreshes: 0, sweeps: 0,
    step: new Float64Array(dim), trial: new Float64Array(dim),
  };
}

// 000 App. A.1a: Metropolis, accept with probability min(1, e^{−ΔE/T}) (draws a uniform only when ΔE > 0).
export function metropolisAccept(deltaE: number, temperature: number, rng: Rng): boolean {
  if (Number.isNaN(deltaE)) throw new Error('Monte Carlo energy difference is NaN: positions or diameters are corrupted');
  if (deltaE <= 0) return true;
  return rng.uniform() < Math.exp(-deltaE / temperature);
}

/** Add an accepted ΔE to the running energy and remember the largest magnitude involved (for the exact refresh). */
function acceptEnergyChange(state: MonteCarloState, before: number, after: number): void {
  state.energy += after - before;
  state.energyScale = Math.max(state.energyScale, Math.abs(before), Math.abs(after), Math.abs(state.energy));
}

// 000 App. A.1a, choice (docs/PHYSICS.md §2): "a box with linear length δ_max" read as each coordinate displaced uniformly in [−δ_max, +δ_max].
export function displacementTrial(state: MonteCarloState): boolean {
  const { system: sys, rng, step, trial } = state;
  const d = sys.box.dim, L = sys.box.lengths, x = sys.positions;
  const i = Math.floor(rng.uniform() * sys.n);
  for (let a = 0; a < d; a++) {
    step[a] = (2 * rng.uniform() - 1) * state.maxDisplacement;
    let y = x[i * d + a] + step[a];
    y -= L[a] * Math.floor(y / L[a]);
    trial[a] = y >= L[a] ? y - L[a] : y; // −tiny wraps to L in floating point
  }
  state.counts.displacementAttempted++;
  coverTrial(sys, i, trial);
  const sums = trialDisplacementEnergies(sys, i, trial);
  const before = sums[0], after = sums[1];
  if (!metropolisAccept(after - before, state.temperature, rng)) return false;
  for (let a = 0; a < d; a++) { x[i * d + a] = trial[a]; state.unwrapped[i * d + a] += step[a]; }
  state.counts.displacementAccepted++;
  acceptEnergyChange(state, before, after);
  return true;
}

// 000 App. A.1a: pick i ≠ j uniformly; if |d_i − d_j| < 0.2 propose exchanging their diameters (symmetric proposal).
export function swapTrial(state: MonteCarloState): boolean {
  const { system: sys, rng } = state;
  const n = sys.n, dia = sys.diameters;
  const i = Math.floor(rng.uniform() * n);
  let j = Math.floor(rng.uniform() * (n - 1));
  if (j >= i) j++;
  const di = dia[i], dj = dia[j];
  if (!(Math.abs(di - dj) < state.maxSwapDiameterDifference)) { state.counts.swapNotAttempted++; return false; }
  state.counts.swapAttempted++;
  // E_i and E_j without the i–j pair, plus that pair, before and after the exchange.
  const sums = trialSwapEnergies(sys, i, j);
  const before = sums[0], after = sums[1];
  if (!metropolisAccept(after - before, state.temperature, rng)) return false;
  dia[i] = dj; dia[j] = di;
  followDiameterChange(sys, i);
  followDiameterChange(sys, j);
  state.counts.swapAccepted++;
  acceptEnergyChange(state, before, after);
  return true;
}

// docs/PHYSICS.md §2: one trial, a swap with probability P_swap, otherwise a displacement.
export function monteCarloTrial(state: MonteCarloState): boolean {
  return state.rng.uniform() < state.swapProbability ? swapTrial(state) : displacementTrial(state);
}

// docs/PHYSICS.md §2: one sweep = N trials. Mutates and returns the state.
export function monteCarloSweep(state: MonteCarloState): MonteCarloState {
  for (let t = 0; t < state.system.n; t++) monteCarloTrial(state);
  state.sweeps++;
  refreshEnergyIfImprecise(state);
  return state;
}

/**
 * The running energy carries rounding of order 1e-16 × the largest magnitude summed into it; after a relaxation from an
 * overlapping start (E ~ 1e20 and more) that would swamp E itself, so it is recomputed exactly whenever that scale exceeds
 * 1e4 × max(|E|, 1) (choice: keeps the running value good to ~1e-12 relative).
 */
function refreshEnergyIfImprecise(state: MonteCarloState): void {
  if (state.energyScale > 1e4 * Math.max(Math.abs(state.energy), 1)) resynchronizeEnergy(state);
}

// 000 App. A.1: E = Σ_{i<j} U_ij recomputed from scratch (does not touch the running value).
export function exactEnergy(state: MonteCarloState): number {
  return totalEnergy(state.system);
}

/** Replace the running energy by the exact one; returns it. */
export function resynchronizeEnergy(state: MonteCarloState): number {
  state.energy = exactEnergy(state);
  state.energyScale = Math.abs(state.energy);
  state.energyRefreshes++;
  return state.energy;
}

/** Running energy per particle E/N. */
export function energyPerParticle(state: MonteCarloState): number {
  return state.energy / state.system.n;
}

export function acceptanceRates(state: MonteCarloState): AcceptanceRates {
  const c = state.counts;
  return {
    displacement: c.displacementAttempted > 0 ? c.displacementAccepted / c.displacementAttempted : 0,
    swap: c.swapAttempted > 0 ? c.swapAccepted / c.swapAttempted : 0,
  };
}

// docs/PHYSICS.md §2: mean squared displacement from the start, (1/N) Σ_i |r_i(t) − r_i(0)|², on unwrapped positions.
export function meanSquaredDisplacement(state: MonteCarloState): number {
  const u = state.unwrapped, u0 = state.initialUnwrapped;
  let s = 0;
  for (let k = 0; k < u.length; k++) { const dx = u[k] - u0[k]; s += dx * dx; }
  return s / state.system.n;
}
