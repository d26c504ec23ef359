// The quench on the GPU: steepest descent (a dynamics, 000 Eq. 1) or FIRE 2.0 from a configuration, recording ⟨|v|⟩, E/N and W
// on the same log-spaced times as src/physics/descent/quench.ts, whose options, stopping rules and result it mirrors.
// Many steps per submission; one readback per chunk (docs/ARCHITECTURE.md hazard 6); positions in 64-bit fixed point (hazard 1).
import { cloneConfiguration, particleCount, type Configuration } from '../physics/configuration.ts';
import { fireConstants } from '../physics/descent/fire.ts';
import { QUENCH_DEFAULTS, validateQuenchOptions, type QuenchOptions, type QuenchResult } from '../physics/descent/quench.ts';
import type { Model } from '../physics/models.ts';
import { wrapPositions } from '../physics/space.ts';
import { permuteConfiguration, spatialOrder, unpermutePositions } from '../physics/spatialSort.ts';
import { GpuDescent, type DescentAlgorithm } from './descentRun.ts';
import { acquireGpu, type GpuContext } from './device.ts';
import { GpuLandscape } from './forces.ts';
import type { GpuQuenchOptions } from './quenchOptions.ts';
import { runDescent } from './quenchLoop.ts';
import { gpuUnsupported } from './wgslModels.ts';

export type { GpuQuenchOptions, GpuQuenchProgress, PositionSnapshot } from './quenchOptions.ts';

export interface GpuQuenchResult extends QuenchResult {
  engine: 'gpu';
  adapter: string;
  chunks: number;
  /** Chunks that halted because a particle moved more than skin/2 (each followed by a rebuild on the host). */
  rebuildHalts: number;
}

/**
 * FIRE's default stop on the GPU, max_i |f_i| < 1e-4: float32 forces carry round-off of ~1e-7 of the pair forces, so at a
 * minimum the GPU's max_i |f_i| stays near 1e-5 (soft spheres) to 5e-5 (Kob–Andersen), never near quench()'s 1e-10.
 * Steepest descent runs to t_max by default (tolerance 0).
 */
export const FLOAT32_FORCE_TOLERANCE = 1e-4;

/** The force tolerance the GPU quench uses when none is given. */
export function defaultGpuForceTolerance(algorithm: 'sd' | 'fire' | 'cg'): number {
  return algorithm === 'sd' ? 0 : FLOAT32_FORCE_TOLERANCE;
}

/**
 * Quench `original` on the GPU (SD or FIRE; CG runs on the float64 engine only). Returns what quench() returns, with the final
 * configuration decoded from fixed point into float64. `gpu`: a device to use (default: acquire one and destroy it at the end).
 */
export async function quenchGpu(model: Model, original: Configuration, options: GpuQuenchOptions, gpu?: GpuContext): Promise<GpuQuenchResult> {
  validateQuenchOptions(options);
  if (options.algorithm === 'cg') throw new Error('the GPU engine runs sd and fire; conjugate gradient runs on the float64 engine');
  const refusal = gpuUnsupported(model); // before a device is acquired: the caller falls back to float64 at once
  if (refusal) throw new Error(refusal);
  const algorithm: DescentAlgorithm = options.algorithm;
  const context = gpu ?? (await acquireGpu());
  let land: GpuLandscape | null = null;
  let descent: GpuDescent | null = null;
  try {
    // a Mari–Kurchan state's shifts are keyed by particle index (Philox counter (i, j, try)): its order is kept, as quench() does
    const order = model.pairShifts ? Int32Array.from({ length: particleCount(original) }, (_, k) => k) : spatialOrder(original);
    const start = model.pairShifts ? original : permuteConfiguration(original, order);
    const dt = options.dt ?? (algorithm === 'fire' ? model.fireDt : model.defaultDt);
    const forceTolerance = options.forceTolerance ?? defaultGpuForceTolerance(algorithm);
    land = await GpuLandscape.create(model, start, { gpu: context, skin: options.skin, neighborCapacity: options.neighborCapacity });
    descent = await GpuDescent.create(land, model, { algorithm, dt, forceTolerance, fire: fireConstants(dt) });
    const onPositions = options.onPositions;
    const run = await runDescent(land, descent, {
      ...options, algorithm, dt, forceTolerance,
      onPositions: onPositions && ((p) => onPositions({
        ...p, positions: unpermutePositions(p.positions, order, model.dim),
        ...(p.speeds ? { speeds: Float32Array.from(unpermutePositions(Float64Array.from(p.speeds), order, 1)) } : {}),
      })),
      tMax: options.tMax ?? QUENCH_DEFAULTS.tMax, maxSteps: options.maxSteps ?? QUENCH_DEFAULTS.maxSteps, perDecade: options.samplesPerDecade ?? QUENCH_DEFAULTS.samplesPerDecade,
    });
    const n = particleCount(start);
    const final = cloneConfiguration(original);
    final.positions.set(unpermutePositions(await land.readPositions(), order, model.dim));
    wrapPositions(final.box, final.positions);
    return {
      engine: 'gpu', adapter: context.adapterName, algorithm, dt, final, series: run.series, steps: run.steps, forceCalls: run.steps + 1,
      reason: run.reason, energyPerParticle: run.final.energy / n, maxForce: run.final.maxForce, neighborListBuilds: land.neighborStats.builds,
      chunks: run.chunks, rebuildHalts: run.rebuildHalts,
    };
  } finally {
    descent?.destroy();
    land?.destroy();
    if (!gpu) context.destroy();
  }
}

