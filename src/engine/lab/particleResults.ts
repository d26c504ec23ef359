// Per-particle results of one quench (001 SM III defects φ_i; Falk–Langer D²min, 000 ref. 62): on the GPU when the job ran on
// the GPU engine (src/gpu/analysis), in float64 in the worker otherwise or when the GPU path fails.
import { quenchAnalysisGpu } from '../../gpu/analysis/quenchAnalysis.ts';
import { D2MIN_CUTOFF, d2minField } from '../../physics/analysis/d2min.ts';
import { scaledNeighbors } from '../../physics/analysis/pairCorrelation.ts';
import { defectFlags } from '../../physics/analysis/defects.ts';
import type { Configuration } from '../../physics/configuration.ts';
import type { Model } from '../../physics/models.ts';
import { defectCutoff, particleAnalysisProblem } from '../defectCutoff.ts';
import { isSoftwareAdapter } from '../softwareAdapter.ts';
import type { LabEngine } from './engines.ts';
import type { ParticleResults } from './protocol.ts';

/** What the analysis needs of the job's engine: its device while the GPU runs the job, and the fallback with a note. */
export type AnalysisEngine = Pick<LabEngine, 'gpu' | 'fallBack'>;

// A CPU-emulated adapter runs these kernels ~30× slower than the float64 code (bench/gpuAnalysis.ts: 12 s vs 0.4 s at
// N = 64000 in 2D), so the analysis stays in float64 there.
export { isSoftwareAdapter } from '../softwareAdapter.ts';

/** g(x) of the initial state from at most this many random reference particles, all partners (pairCorrelation's option). */
export const CUTOFF_REFERENCE_PARTICLES = 4000;

/**
 * 001 SM III (φ_i with x_cut^EQ from g(x) of the initial state) and 000 ref. 62 (D²min, cutoff 1.5 d_ij). `between` runs
 * between the parts, so a worker can take messages. With `engine.gpu` (a hardware adapter) the defects and D²min run on the GPU
 * (src/gpu/analysis/quenchAnalysis.ts, the same outputs up to f32 round-off); a GPU failure moves them, and the rest of the job,
 * to float64 with a note (LabEngine.fallBack).
 */
export async function particleResults(
  model: Model, initial: Configuration, final: Configuration, between: () => Promise<void> = async () => undefined,
  engine?: AnalysisEngine, options: { gpuOnSoftware?: boolean } = {},
): Promise<ParticleResults> {
  const problem = particleAnalysisProblem(model, initial);
  if (problem) {
    const n = initial.diameters.length;
    return { defectFlags: new Uint8Array(n), d2min: new Float64Array(n), xCutEq: Number.NaN, xCutSource: problem, defectConcentration: Number.NaN };
  }
  const { xCutEq, source } = defectCutoff(initial, model, { referenceParticles: CUTOFF_REFERENCE_PARTICLES });
  await between();
  const gpu = engine?.gpu;
  // the GPU D²min kernel solves 2×2 and 3×3 systems (src/gpu/analysis/d2minGpu.ts): 4D runs in float64 here, not as a fallback
  if (gpu && model.dim <= 3 && (options.gpuOnSoftware || !isSoftwareAdapter(gpu.adapterName))) {
    try {
      const { defects, d2min: displacements } = await quenchAnalysisGpu(gpu, model, initial, final, { xCutEq });
      return { defectFlags: defects.flags, d2min: displacements.values, d2minDegenerate: displacements.degenerate, xCutEq, xCutSource: source, defectConcentration: defects.concentration };
    } catch (e) {
      engine.fallBack('analysis', e);
      await between();
    }
  }
  // One search of the initial state's pairs within D²min's 1.5 d_ij serves both (x_cut^EQ ≤ 1.5, defectFlags checks it).
  const initialNeighbors = scaledNeighbors(initial, model, D2MIN_CUTOFF);
  const defects = defectFlags(initial, final, model, { xCutEq, initialNeighbors });
  await between();
  const displacements = d2minField(initial, final, model, { neighbors: initialNeighbors });
  return { defectFlags: defects.flags, d2min: displacements.values, d2minDegenerate: displacements.degenerate, xCutEq, xCutSource: source, defectConcentration: defects.concentration };
}
