// Per-particle results of one quench on the GPU: defects φ_i (001 SM III) and D²min (000 ref. 62) from the initial and final
// configurations, one submission, the same outputs as src/physics/analysis/defects.ts defectFlags and d2min.ts d2min.
import type { D2minField } from '../../physics/analysis/d2min.ts';
import type { DefectField } from '../../physics/analysis/defects.ts';
import type { Configuration } from '../../physics/configuration.ts';
import type { Model } from '../../physics/models.ts';
import type { GpuContext } from '../device.ts';
import { analysisKernels } from './analysisKernels.ts';
import { uploadConfigurationPair } from './configurationPair.ts';
import { createNonAffineDisplacement } from './d2minGpu.ts';
import { createBondChangeCount, defectFieldOf } from './defectsGpu.ts';

export interface QuenchAnalysisOptions {
  /** x_cut^EQ (001 SM III), e.g. from src/engine/defectCutoff.ts. */
  readonly xCutEq: number;
  /** Breakings: x_ij ≥ xBreak in the final state (default 1.5, as defectFlags). */
  readonly xBreak?: number;
  /** Insertions: x_ij < xInsert in the final state (default 1.23, as defectFlags). */
  readonly xInsert?: number;
  /** D²min neighbours: x_ij < d2minCutoff in the initial state (default 1.5, as d2min). */
  readonly d2minCutoff?: number;
}

export interface QuenchAnalysis {
  readonly defects: DefectField;
  readonly d2min: D2minField;
}

// 001 SM III (B_i, I_i, φ_i) and 000 ref. 62 (D²min_i) in f32 from exact fixed-point separations.
export async function quenchAnalysisGpu(
  gpu: GpuContext, model: Model, initial: Configuration, final: Configuration, options: QuenchAnalysisOptions,
): Promise<QuenchAnalysis> {
  const { xCutEq, xBreak = 1.5, xInsert = 1.23, d2minCutoff = 1.5 } = options;
  if (!(xInsert <= xCutEq && xCutEq <= xBreak)) throw new Error(`quenchAnalysisGpu: need xInsert ≤ xCutEq ≤ xBreak, got ${xInsert}, ${xCutEq}, ${xBreak}`);
  if (initial.box.dim !== model.dim) throw new Error(`model ${model.name} is ${model.dim}D but the configuration is ${initial.box.dim}D`);
  gpu.assertAlive();
  const kernels = await analysisKernels(gpu, model);
  const pair = uploadConfigurationPair(gpu, kernels, model, initial, final,
    { equilibrium: xCutEq, breaking: xBreak, insertion: xInsert, d2minNeighbor: d2minCutoff });
  const parts: { destroy(): void }[] = [pair];
  try {
    const bonds = createBondChangeCount(gpu, kernels, pair);
    parts.push(bonds);
    const nonAffine = createNonAffineDisplacement(gpu, kernels, pair, model.dim);
    parts.push(nonAffine);
    const encoder = gpu.device.createCommandEncoder({ label: 'quench analysis' });
    pair.encode(encoder);
    bonds.encode(encoder);
    nonAffine.encode(encoder);
    gpu.device.queue.submit([encoder.finish()]);
    const [{ breakings, insertions }, d2min] = await Promise.all([bonds.read(), nonAffine.read()]);
    return { defects: defectFieldOf(breakings, insertions, xCutEq), d2min };
  } finally {
    for (const p of parts) p.destroy();
  }
}
