// The one results file every command writes (`glasslab-results`, src/io/runResults.ts) from a single or ensemble result: the
// quench series (t > 0), the fit of β when there is one, and the defect statistics; written to a temporary file and renamed,
// so a reader never sees a half-written file, even from a command that is killed.
import type { EngineName, EnsembleLabResult, SingleResult } from '../engine/lab/protocol.ts';
import { writeTextFileAtomic } from '../io/atomicFile.ts';
import { quenchSeriesRecord, serializeResults, type MetaValue, type ResultsPayload } from '../io/runResults.ts';
import { defectStatistics } from '../physics/analysis/defects.ts';

export interface ResultsFileMeta {
  engine: EngineName;
  /** Samples asked for (the ensemble's M, or 1). */
  samplesRequested: number;
  /** False for an ensemble's partial save. */
  complete: boolean;
  /** Anything else the command knows (the link or spec file it came from, the job). */
  extra?: Record<string, MetaValue>;
}

/** ⟨φ⟩ and χ = N(⟨φ²⟩ − ⟨φ⟩²) over the result's samples (001 SM III), with the concentrations and x_cut^EQ. */
export function defectSummary(r: SingleResult | EnsembleLabResult): { concentrations: number[]; mean: number; chi: number; xCutEq: number } {
  const concentrations = r.kind === 'single' ? [r.particles.defectConcentration] : r.defectConcentrations;
  const { mean, chi } = defectStatistics(concentrations, r.spec.n);
  return { concentrations, mean, chi, xCutEq: r.kind === 'single' ? r.particles.xCutEq : r.xCutEq };
}

function payloads(r: SingleResult | EnsembleLabResult): ResultsPayload[] {
  const series = r.kind === 'single'
    ? r.series
    : { t: r.t, speed: r.meanSpeed, energyPerParticle: r.meanEnergyPerParticle, meanSquaredForce: r.meanSquaredForce };
  const samples = r.kind === 'single' ? 1 : r.samples;
  const out: ResultsPayload[] = [quenchSeriesRecord(series, samples)];
  if (r.fit) out.push({ kind: 'powerLawFit', beta: r.fit.beta, low: r.fit.low, high: r.fit.high, tMin: r.fit.tMin, tMax: r.fit.tMax });
  const d = defectSummary(r);
  out.push({ kind: 'defectStats', N: r.spec.n, samples, xCutEq: d.xCutEq, phiMean: d.mean, chi: d.chi, concentrations: d.concentrations });
  return out;
}

/** Writes `r` to `path` atomically (synchronous: an ensemble's partial save is on disk before the next sample starts). */
export function writeResultsFile(path: string, r: SingleResult | EnsembleLabResult, m: ResultsFileMeta): void {
  const spec = r.spec;
  const d = defectSummary(r);
  const samplesDone = r.kind === 'single' ? 1 : r.samples;
  const meta: Record<string, MetaValue> = {
    ...m.extra, job: r.kind, model: spec.model, n: spec.n, temperature: Number.isFinite(spec.temperature) ? spec.temperature : 'inf',
    seed: spec.seed, algorithm: spec.algorithm, engine: m.engine, samplesRequested: m.samplesRequested, samplesDone, samples: samplesDone,
    complete: m.complete, defectConcentration: d.mean, defectSusceptibility: d.chi,
  };
  writeTextFileAtomic(path, serializeResults({ meta, results: payloads(r) }));
}
