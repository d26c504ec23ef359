// Many dispatches in one compute pass (docs/ARCHITECTURE.md hazard 6: many steps per submission), skipping repeated pipeline and
// bind-group changes. WebGPU orders the dispatches of a pass and makes each one's writes visible to the next.
import type { KernelFamily } from './kernels.ts';

export interface ComputeRecorder {
  readonly pass: GPUComputePassEncoder;
  /** Record `entryPoint` of `family` with `group` bound, over `workgroups` groups. */
  dispatch(family: KernelFamily, entryPoint: string, group: GPUBindGroup, workgroups: number): void;
  /** Forget the bound state (after something else recorded into the pass directly). */
  invalidate(): void;
}

export function computeRecorder(pass: GPUComputePassEncoder): ComputeRecorder {
  let pipeline: GPUComputePipeline | null = null;
  let bound: GPUBindGroup | null = null;
  return {
    pass,
    dispatch(family, entryPoint, group, workgroups) {
      const next = family.pipelines.get(entryPoint);
      if (!next) throw new Error(`kernel family ${family.label} has no entry point ${entryPoint}`);
      if (workgroups === 0) return;
      if (next !== pipeline) { pass.setPipeline(next); pipeline = next; }
      if (group !== bound) { pass.setBindGroup(0, group); bound = group; }
      pass.dispatchWorkgroups(workgroups);
    },
    invalidate() {
      pipeline = null;
      bound = null;
    },
  };
}
