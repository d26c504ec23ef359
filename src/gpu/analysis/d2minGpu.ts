// D²min on the GPU (Falk–Langer, 000 ref. 62): the kernel nonAffineDisplacement of shaders/analysisd2min.wgsl over a
// ConfigurationPair, read back as float64 with NaN where Y is singular, as src/physics/analysis/d2min.ts d2min returns it.
import type { GpuContext } from '../device.ts';
import { bindBuffers, dispatch, groupsFor, readBack, storageBuffer } from '../kernels.ts';
import type { AnalysisKernels } from './analysisKernels.ts';
import type { ConfigurationPair } from './configurationPair.ts';

/** The kernel's mark for a singular Y (D²min itself is ≥ 0). */
const SINGULAR_BONDS = -1;

export interface GpuNonAffineDisplacement {
  encode(encoder: GPUCommandEncoder): void;
  /** D²min_i after the encoded work has run (NaN: fewer than D neighbours spanning space). */
  read(): Promise<Float64Array>;
  destroy(): void;
}

// 000 ref. 62: D²min_i of every particle, one thread each (shaders/analysisd2min.wgsl nonAffineDisplacement).
export function createNonAffineDisplacement(gpu: GpuContext, kernels: AnalysisKernels, pair: ConfigurationPair, dim: number): GpuNonAffineDisplacement {
  if (dim > 3) throw new Error(`the GPU D²min kernel handles 2 and 3 dimensions, not ${dim}`);
  const n = pair.count;
  const out = storageBuffer(gpu, 'D²min', 4 * n);
  const group = bindBuffers(gpu, kernels.d2min, [pair.params, pair.positions, pair.traits, pair.initialCells.cellStarts,
    pair.initialCells.cellOrder, pair.cutoffs, out]);
  return {
    encode(encoder) { dispatch(encoder, kernels.d2min, 'nonAffineDisplacement', group, groupsFor(n, 64)); },
    async read() {
      const values = new Float32Array(await readBack(gpu, out, 4 * n));
      return Float64Array.from(values, (v) => (v === SINGULAR_BONDS ? Number.NaN : v));
    },
    destroy() { out.destroy(); },
  };
}
