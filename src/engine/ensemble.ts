// An ensemble: M samples of equilibrate → quench → analyze, averaged (000 Eq. 2 averages ⟨|v(t)|⟩ over initial states).
import { bootstrapExponent, type BootstrapExponent } from '../physics/analysis/bootstrap.ts';
import { defectFlags, defectStatistics, type DefectStatistics } from '../physics/analysis/defects.ts';
import { defectCutoff, particleAnalysisProblem } from './defectCutoff.ts';
import type { Configuration } from '../physics/configuration.ts';
import { quench, type QuenchOptions, type QuenchResult, type QuenchSeries } from '../physics/descent/quench.ts';
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

/** The quench options a run spec stands for. */
export function quenchOptionsOf(spec: RunSpec): QuenchOptions {
  return { algorithm: spec.algorithm, dt: spec.dt, tMax: spec.tMax, forceTolerance: spec.forceTolerance };
}

export interface MeanCurves {
  /** Common sample times (the prefix all samples share). */
  t: number[];
  /** Each sample's ⟨|v|⟩ on those times. */
  speeds: number[][];
  meanSpeed: number[];
  meanEnergyPerParticle: number[];
  meanSquaredForce: number[];
}

// 000 Eq. (2): ⟨·⟩ over initial configurations, point by point on the sample times all series share.
export function meanCurves(series: readonly QuenchSeries[]): MeanCurves {
  if (series.length === 0) throw new Error('meanCurves: no samples');
  const len = Math.min(...series.map((s) => s.t.length));
  const t = series[0].t.slice(0, len);
  const mean = (pick: (s: QuenchSeries) => number[]) => t.map((_, j) => series.reduce((a, s) => a + pick(s)[j], 0) / series.length);
  return {
    t,
    speeds: series.map((s) => s.speed.slice(0, len)),
    meanSpeed: mean((s) => s.speed),
    meanEnergyPerParticle: mean((s) => s.energyPerParticle),
    meanSquaredForce: mean((s) => s.meanSquaredForce),
  };
}

export interface SampleDefects { xCutEq: number; xCutSource: string; concentrations: number[] }

// 001 SM III: φ of each sample, with one x_cut^EQ from the g(x) of all the equilibrium states together.
export function sampleDefects(model: Model, initials: readonly Configuration[], finals: readonly Configuration[]): SampleDefects {
  const problem = particleAnalysisProblem(model, initials[0]);
  if (problem) return { xCutEq: Number.NaN, xCutSource: problem, concentrations: initials.map(() => Number.NaN) };
  const { xCutEq, source: xCutSource } = defectCutoff(initials, model);
  const concentrations = initials.map((c, k) => defectFlags(c, finals[k], model, { xCutEq }).concentration);
  return { xCutEq, xCutSource, concentrations };
}

function sampleParts(spec: RunSpec, k: number, onProgress: ((p: EnsembleProgress) => void) | undefined, samples: number) {
  const seed = sampleSeed(spec.seed, k);
  const eq = equilibrate(spec.model, spec.n, spec.temperature, spec.sweeps, seed, (equilibration) =>
    onProgress?.({ sample: k, samples, stage: 'equilibrate', equilibration }),
  );
  const options: QuenchOptions = {
    ...quenchOptionsOf(spec),
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
  const curves = meanCurves(perSample.map((s) => s.quench.series));
  const fit = bootstrapExponent(curves.t, curves.speeds, spec.fitWindow, { seed: spec.seed });
  const { xCutEq, xCutSource, concentrations } = sampleDefects(model, perSample.map((s) => s.initial), perSample.map((s) => s.quench.final));
  return {
    spec,
    samples: perSample.length,
    t: curves.t,
    meanSpeed: curves.meanSpeed,
    meanEnergyPerParticle: curves.meanEnergyPerParticle,
    meanSquaredForce: curves.meanSquaredForce,
    fit,
    defects: { ...defectStatistics(concentrations, spec.n), xCutEq, xCutSource, concentrations },
    finalEnergyPerParticle: perSample.map((s) => s.quench.energyPerParticle),
    seconds,
    perSample,
  };
}
