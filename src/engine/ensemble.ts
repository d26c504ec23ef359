// An ensemble: M samples of equilibrate → quench → analyze, averaged (000 Eq. 2 averages ⟨|v(t)|⟩ over initial states).
import { bootstrapExponent, type BootstrapExponent } from '../physics/analysis/bootstrap.ts';
import { defectFlags, defectStatistics, type DefectStatistics } from '../physics/analysis/defects.ts';
import { defectCutoff } from './defectCutoff.ts';
import type { Configuration } from '../physics/configuration.ts';
import { quench, type QuenchOptions, type QuenchResult } from '../physics/descent/quench.ts';
import { getModel, type Model } from '../physics/models.ts';
import { philox4x32, Streams } from '../physics/rng.ts';
import { equilibrate, type EquilibrationProgress } from './equilibrate.ts';
import { validateRunSpec, type RunSpec } from './runSpec.ts';

/** The seed of sample k, derived from the run seed by the counter-based generator (samples are independent streams). */
export function sampleSeed(seed: number, k: number): number {
  return philox4x32(k, 0, 0, 0, seed, Streams.sample(0), new Uint32Array(4))[0];
}

export interface EnsembleProgress {
  sample: number;
  samples: number;
  stage: 'equilibrate' | 'quench';
  equilibration?: EquilibrationProgress;
  quenchTime?: number;
}

export interface SampleResult {
  seed: number;
  initial: Configuration;
  quench: QuenchResult;
  equilibrationEnergyPerParticle: number | null;
  acceptance: { displacement: number; swap: number } | null;
}

export interface EnsembleResult {
  spec: RunSpec;
  samples: number;
  /** Common sample times (the prefix all samples share). */
  t: number[];
  meanSpeed: number[];
  meanEnergyPerParticle: number[];
  meanSquaredForce: number[];
  fit: BootstrapExponent;
  defects: DefectStatistics & { xCutEq: number; xCutSource: string; concentrations: number[] };
  finalEnergyPerParticle: number[];
  seconds: number;
  perSample: SampleResult[];
}

/** A quench engine: the float64 quench() or, e.g., the GPU's (src/engine/quenchEngine.ts). */
export type QuenchFunction = (model: Model, c: Configuration, options: QuenchOptions) => Promise<QuenchResult>;

function sampleParts(spec: RunSpec, k: number, onProgress: ((p: EnsembleProgress) => void) | undefined, samples: number) {
  const seed = sampleSeed(spec.seed, k);
  const eq = equilibrate(spec.model, spec.n, spec.temperature, spec.sweeps, seed, (equilibration) =>
    onProgress?.({ sample: k, samples, stage: 'equilibrate', equilibration }),
  );
  const options: QuenchOptions = {
    algorithm: spec.algorithm,
    dt: spec.dt,
    tMax: spec.tMax,
    forceTolerance: spec.forceTolerance,
    onSample: (s) => onProgress?.({ sample: k, samples, stage: 'quench', quenchTime: s.t }),
  };
  const finish = (q: QuenchResult): SampleResult => {
    const e = eq.energyPerParticle;
    return { seed, initial: eq.configuration, quench: q, equilibrationEnergyPerParticle: e.length ? e[e.length - 1] : null, acceptance: eq.acceptance };
  };
  return { model: getModel(spec.model), initial: eq.configuration, options, finish };
}

export function runSample(spec: RunSpec, k: number, onProgress?: (p: EnsembleProgress) => void, samples = 1): SampleResult {
  const { model, initial, options, finish } = sampleParts(spec, k, onProgress, samples);
  return finish(quench(model, initial, options));
}

/** runSample with the quench done by `quenchWith` (the same equilibration, seeds and options). */
export async function runSampleWith(
  spec: RunSpec, k: number, quenchWith: QuenchFunction, onProgress?: (p: EnsembleProgress) => void, samples = 1,
): Promise<SampleResult> {
  const { model, initial, options, finish } = sampleParts(spec, k, onProgress, samples);
  return finish(await quenchWith(model, initial, options));
}

/**
 * Runs the samples one after another. `onSampleDone` receives the summary of the samples finished so far, so a caller
 * can save partial results and lose nothing if the run is interrupted.
 */
export function runEnsemble(
  spec: RunSpec,
  samples: number,
  onProgress?: (p: EnsembleProgress) => void,
  onSampleDone?: (partial: EnsembleResult) => void,
): EnsembleResult {
  validateRunSpec(spec);
  if (!Number.isInteger(samples) || samples < 1) throw new Error(`samples must be an integer ≥ 1, got ${samples}`);
  const t0 = Date.now();
  const perSample: SampleResult[] = [];
  for (let k = 0; k < samples; k++) {
    perSample.push(runSample(spec, k, onProgress, samples));
    if (onSampleDone && k < samples - 1) onSampleDone(summarizeEnsemble(spec, perSample, (Date.now() - t0) / 1000));
  }
  return summarizeEnsemble(spec, perSample, (Date.now() - t0) / 1000);
}

/** runEnsemble with the quenches done by `quenchWith` (e.g. on the GPU); the same samples, summaries and partial saves. */
export async function runEnsembleWith(
  spec: RunSpec,
  samples: number,
  quenchWith: QuenchFunction,
  onProgress?: (p: EnsembleProgress) => void,
  onSampleDone?: (partial: EnsembleResult) => void,
): Promise<EnsembleResult> {
  validateRunSpec(spec);
  if (!Number.isInteger(samples) || samples < 1) throw new Error(`samples must be an integer ≥ 1, got ${samples}`);
  const t0 = Date.now();
  const perSample: SampleResult[] = [];
  for (let k = 0; k < samples; k++) {
    perSample.push(await runSampleWith(spec, k, quenchWith, onProgress, samples));
    if (onSampleDone && k < samples - 1) onSampleDone(summarizeEnsemble(spec, perSample, (Date.now() - t0) / 1000));
  }
  return summarizeEnsemble(spec, perSample, (Date.now() - t0) / 1000);
}

/** Averages, the bootstrap fit of β and the defect statistics of finished samples. */
export function summarizeEnsemble(spec: RunSpec, perSample: SampleResult[], seconds: number): EnsembleResult {
  const model = getModel(spec.model);
  const len = Math.min(...perSample.map((s) => s.quench.series.t.length));
  const t = perSample[0].quench.series.t.slice(0, len);
  const mean = (pick: (s: SampleResult) => number[]) => t.map((_, j) => perSample.reduce((a, s) => a + pick(s)[j], 0) / perSample.length);
  const curves = perSample.map((s) => s.quench.series.speed.slice(0, len));
  const fit = bootstrapExponent(t, curves, spec.fitWindow, { seed: spec.seed });
  const { xCutEq, source: xCutSource } = defectCutoff(perSample.map((s) => s.initial), model);
  const concentrations = perSample.map((s) => defectFlags(s.initial, s.quench.final, model, { xCutEq }).concentration);
  return {
    spec,
    samples: perSample.length,
    t,
    meanSpeed: mean((s) => s.quench.series.speed),
    meanEnergyPerParticle: mean((s) => s.quench.series.energyPerParticle),
    meanSquaredForce: mean((s) => s.quench.series.meanSquaredForce),
    fit,
    defects: { ...defectStatistics(concentrations, spec.n), xCutEq, xCutSource, concentrations },
    finalEnergyPerParticle: perSample.map((s) => s.quench.energyPerParticle),
    seconds,
    perSample,
  };
}
