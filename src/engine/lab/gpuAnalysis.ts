// When the landscape analyses of the nonlinear and elastic jobs take the GPU's products (the contractions of
// src/gpu/nonlinearContractions.ts, the Hessian product of src/gpu/hessianProduct.ts) instead of the float64 ones: when the lab
// runs on the GPU engine and the system has at least GPU_ANALYSIS_MIN_PARTICLES particles. Their CG and line searches stay float64.
import type { GpuContext } from '../../gpu/device.ts';
import type { JobContext } from './context.ts';

/**
 * Fewest particles for the GPU products (issue 11: N ≥ 16000). Below it a float64 sweep over the pairs costs less than a GPU
 * round trip (upload, dispatch, readback) per product, and the float64 answers need no float32 bound.
 */
export const GPU_ANALYSIS_MIN_PARTICLES = 16000;

let minParticles = GPU_ANALYSIS_MIN_PARTICLES;

/** The threshold in force (tests lower it to run the GPU path on small systems; null restores the constant). */
export function setGpuAnalysisMinParticles(n: number | null): void {
  minParticles = n ?? GPU_ANALYSIS_MIN_PARTICLES;
}

/** The device for the products of an analysis of n particles, or null: run it on the float64 engine. */
export function analysisGpu(ctx: JobContext, n: number): GpuContext | null {
  return n >= minParticles ? ctx.engine.gpu : null;
}
