// What a job computes over its samples: each sample's seed, the mean curves on the times all samples share (000 Eq. 2), and
// the defect concentrations with one x_cut^EQ from all the equilibrium states (001 SM III).
import type { Configuration } from '../../physics/configuration.ts';
import { defectFlags } from '../../physics/analysis/defects.ts';
import type { QuenchSeries } from '../../physics/descent/quench.ts';
import type { Model } from '../../physics/models.ts';
import { philox4x32, Streams } from '../../physics/rng.ts';
import { defectCutoff, particleAnalysisProblem } from '../defectCutoff.ts';

/** The seed of sample k, derived from the run seed by the counter-based generator (samples are independent streams). */
export function sampleSeed(seed: number, k: number): number {
  return philox4x32(k, 0, 0, 0, seed, Streams.sample(0), new Uint32Array(4))[0];
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
