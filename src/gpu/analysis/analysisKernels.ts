// The kernel families of the per-particle quench analysis (shaders/analysisdefects.wgsl, shaders/analysisd2min.wgsl) and of the
// cell list they walk (src/gpu/cellList.ts), compiled once per device and model.
import type { Model } from '../../physics/models.ts';
import { createCellKernels } from '../cellList.ts';
import type { GpuContext } from '../device.ts';
import { particlePreamble } from '../forces.ts';
import { createKernelFamily, perDeviceKernels, type BindingKind, type KernelFamily } from '../kernels.ts';
import { createScanKernels } from '../prefixSum.ts';
import { loadShader } from '../shaderSource.ts';

export interface AnalysisKernels {
  readonly scan: KernelFamily;
  readonly cells: KernelFamily;
  /** countBondChanges: (B_i, I_i) of 001 SM III. */
  readonly defects: KernelFamily;
  /** nonAffineDisplacement: D²min_i of 000 ref. 62. */
  readonly d2min: KernelFamily;
}

const R: BindingKind = 'read-only-storage';
const DEFECT_BINDINGS: readonly BindingKind[] = ['uniform', R, R, R, R, R, R, 'uniform', 'storage'];
const D2MIN_BINDINGS: readonly BindingKind[] = ['uniform', R, R, R, R, 'uniform', 'storage'];

/** The analysis kernels (defects, D²min, cell lists) for this device and model, compiled once. */
export const analysisKernels = perDeviceKernels((gpu: GpuContext, model: Model): Promise<AnalysisKernels> =>
  particlePreamble(model).then(async (preamble) => {
    const [scan, cells, defectCode, d2minCode] = await Promise.all([
      createScanKernels(gpu), createCellKernels(gpu, preamble), loadShader('analysisdefects'), loadShader('analysisd2min'),
    ]);
    const [defects, d2min] = await Promise.all([
      createKernelFamily(gpu, 'analysis defects', preamble + defectCode, DEFECT_BINDINGS, ['countBondChanges']),
      createKernelFamily(gpu, 'analysis d2min', preamble + d2minCode, D2MIN_BINDINGS, ['nonAffineDisplacement']),
    ]);
    return { scan, cells, defects, d2min };
  }));
