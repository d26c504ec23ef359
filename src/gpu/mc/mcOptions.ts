// The options of the GPU Monte Carlo, checked and completed with their defaults before anything is uploaded
// (GpuMonteCarlo.create): the same choices and error messages as the serial engine where they overlap.
import { cloneConfiguration, validateConfiguration, type Configuration } from '../../physics/configuration.ts';
import type { MonteCarloOptions } from '../../physics/mc/swapMonteCarlo.ts';
import { validateTemperature } from '../../physics/mc/swapMonteCarlo.ts';
import type { Model } from '../../physics/models.ts';
import { validateSeed } from '../../physics/rng.ts';
import { wrapPositions } from '../../physics/space.ts';
import type { GpuContext } from '../device.ts';
import { checkerboardGrid, type CheckerboardGrid } from './checkerboard.ts';
import type { McTrialSettings } from './params.ts';
import { gpuUnsupported } from '../wgslModels.ts';

export interface GpuMonteCarloOptions extends MonteCarloOptions {
  /** A device to share; by default the sampler acquires its own and destroys it in destroy(). */
  gpu?: GpuContext;
  /** Trials per particle per sweep (default 1: a sweep is N trials, as in the serial engine). */
  trialsPerParticle?: number;
  /** Swaps also between randomly paired cells of one color (default true); false keeps swaps inside a cell. */
  pairCells?: boolean;
  /** Sweeps encoded per submission (default 64); the acceptance counters are read back once per batch. */
  sweepsPerBatch?: number;
  /**
   * Member slots per cell to start with (default: initialCapacity), raised to the fullest initial cell if smaller; too few
   * only costs a replay of the batch.
   */
  cellCapacity?: number;
}

/** The sampler's settings, checked, defaults filled in. */
export interface McSettings extends McTrialSettings {
  readonly sweepsPerBatch: number;
  /** The cellCapacity asked for (undefined: the default). */
  readonly cellCapacity: number | undefined;
}

/** What a sampler starts from: its own copy of the configuration (positions wrapped into the box), the grid, the settings. */
export interface McStart {
  readonly configuration: Configuration;
  readonly grid: CheckerboardGrid;
  readonly settings: McSettings;
}

function validateChoice(name: string, value: number, ok: boolean): number {
  if (!ok) throw new Error(`${name} is invalid: ${value}`);
  return value;
}

export function resolveStart(model: Model, configuration: Configuration, options: GpuMonteCarloOptions): McStart {
  const temperature = validateTemperature(options.temperature);
  const seed = validateSeed(options.seed);
  const swapProbability = options.swapProbability ?? (model.swappable ? 0.2 : 0);
  validateChoice('swapProbability', swapProbability, swapProbability >= 0 && swapProbability <= 1);
  if (swapProbability > 0 && !model.swappable) throw new Error(`model ${model.name} has no continuous polydispersity: swap moves do not apply (set swapProbability = 0)`);
  const maxDisplacement = options.maxDisplacement ?? 0.12;
  const maxSwapDiameterDifference = options.maxSwapDiameterDifference ?? 0.2;
  validateChoice('maxSwapDiameterDifference', maxSwapDiameterDifference, maxSwapDiameterDifference >= 0 && Number.isFinite(maxSwapDiameterDifference));
  const trialsPerParticle = options.trialsPerParticle ?? 1;
  validateChoice('trialsPerParticle', trialsPerParticle, Number.isInteger(trialsPerParticle) && trialsPerParticle >= 1);
  const c = cloneConfiguration(validateConfiguration(configuration));
  if (c.box.dim !== model.dim) throw new Error(`model ${model.name} is ${model.dim}D but the configuration is ${c.box.dim}D`);
  // its kernels take D ≤ 4, but only 2D and 3D are tested against exact Boltzmann weights and the serial engine (test/gpu/mc*.test.ts)
  if (c.box.dim > 3) throw new Error(`the GPU Monte Carlo runs 2D and 3D, not ${c.box.dim}D: the float64 engine runs it`);
  if (model.pairShifts) throw new Error(`model ${model.name} is equilibrated by planting, not Monte Carlo: use equilibrate, which plants at any T`);
  const refusal = gpuUnsupported(model);
  if (refusal) throw new Error(refusal);
  wrapPositions(c.box, c.positions);
  const minSide = Math.min(...c.box.lengths);
  validateChoice('maxDisplacement', maxDisplacement, maxDisplacement >= 0 && maxDisplacement < minSide / 2);
  const grid = checkerboardGrid(c.box, model.potential.xc * model.maxSigma(c), c.diameters.length);
  const trialsPerSweep = c.diameters.length * trialsPerParticle;
  const sweepsPerBatch = Math.max(1, Math.min(options.sweepsPerBatch ?? 64, Math.floor(2 ** 31 / trialsPerSweep)));
  validateChoice('sweepsPerBatch', sweepsPerBatch, Number.isInteger(sweepsPerBatch));
  const cellCapacity = options.cellCapacity;
  if (cellCapacity !== undefined) validateChoice('cellCapacity', cellCapacity, Number.isInteger(cellCapacity) && cellCapacity >= 1);
  return {
    configuration: c, grid,
    settings: {
      temperature, seed, swapProbability, maxDisplacement, maxSwapDiameterDifference, trialsPerParticle,
      pairCells: options.pairCells ?? true, sweepsPerBatch, cellCapacity,
    },
  };
}
