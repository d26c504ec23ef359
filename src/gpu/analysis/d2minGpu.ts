// D²min on the GPU (Falk–Langer, 000 ref. 62): the kernel nonAffineDisplacement of shaders/analysisd2min.wgsl over a
// ConfigurationPair, read back as float64 with the degenerate flags (singular Y, F = I), as src/physics/analysis/d2min.ts d2minField.
import type { GpuContext } from '../device.ts';
import { bindBuffers, dispatch, groupsFor, readBack, storageBuffer } from '../kernels.ts';
import type { D2minField } from '../../physics/analysis/d2min.ts';
import type { AnalysisKernels } from './analysisKernels.ts';
import type { ConfigurationPair } from './configurationPair.ts';

/** The kernel's mark for a singular Y: the sign bit of the f32 (D²min itself is ≥ 0; a degenerate 0 comes back as −0). */
const SIGN_BIT = 0x80000000;

export interface GpuNonAffineDisplacement {
  encode(encoder: GPUCommandEncoder): void;
  /** D²min_i after the encoded work has run, with the particles whose Y was singular (there F = I). */
  read(): Promise<D2minField>;
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
      const raw = await readBack(gpu, out, 4 * n);
      const bits = new Uint32Array(raw);
      const values = Float64Array.from(new Float32Array(raw), Math.abs);
      const degenerate = Uint8Array.from(bits, (b) => ((b & SIGN_BIT) !== 0 ? 1 : 0));
      return { values, degenerate };
    },
    destroy() { out.destroy(); },
  };
}
