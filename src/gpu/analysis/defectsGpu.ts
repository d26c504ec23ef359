// Defects φ_i on the GPU (001 SM III): the kernel countBondChanges of shaders/analysisdefects.wgsl over a ConfigurationPair, and
// the field φ_i = [B_i + I_i > 0] from its counts. Mirrors src/physics/analysis/defects.ts defectFlags.
import type { DefectField } from '../../physics/analysis/defects.ts';
import type { GpuContext } from '../device.ts';
import { bindBuffers, dispatch, groupsFor, readBack, storageBuffer } from '../kernels.ts';
import type { AnalysisKernels } from './analysisKernels.ts';
import type { ConfigurationPair } from './configurationPair.ts';

export interface GpuBondChanges {
  encode(encoder: GPUCommandEncoder): void;
  /** B_i and I_i after the encoded work has run. */
  read(): Promise<{ breakings: Int32Array; insertions: Int32Array }>;
  destroy(): void;
}

// 001 SM III: B_i and I_i of every particle, one thread each (shaders/analysisdefects.wgsl countBondChanges).
export function createBondChangeCount(gpu: GpuContext, kernels: AnalysisKernels, pair: ConfigurationPair): GpuBondChanges {
  const n = pair.count;
  const counts = storageBuffer(gpu, 'bond changes (B_i, I_i)', 8 * n);
  const group = bindBuffers(gpu, kernels.defects, [pair.params, pair.positions, pair.traits, pair.initialCells.cellStarts,
    pair.initialCells.cellOrder, pair.finalCells.cellStarts, pair.finalCells.cellOrder, pair.cutoffs, counts]);
  return {
    encode(encoder) { dispatch(encoder, kernels.defects, 'countBondChanges', group, groupsFor(n, 64)); },
    async read() {
      const words = new Uint32Array(await readBack(gpu, counts, 8 * n));
      const breakings = new Int32Array(n);
      const insertions = new Int32Array(n);
      for (let i = 0; i < n; i++) { breakings[i] = words[2 * i]; insertions[i] = words[2 * i + 1]; }
      return { breakings, insertions };
    },
    destroy() { counts.destroy(); },
  };
}

// 001 SM III: φ_i = [B_i + I_i > 0], φ = (1/N) Σ_i φ_i.
export function defectFieldOf(breakings: Int32Array, insertions: Int32Array, xCutEq: number): DefectField {
  const n = breakings.length;
  const flags = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) if (breakings[i] + insertions[i] > 0) { flags[i] = 1; count++; }
  return { flags, breakings, insertions, concentration: count / n, xCutEq };
}
