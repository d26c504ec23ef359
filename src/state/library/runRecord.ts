// One run of the library as it is stored: what was asked (spec, job, engine), what came out (curves, fit, defects, facts) and,
// optionally, the initial and final configurations. The summary is the light part the list shows; curves and configurations
// are the heavy part, loaded only to overlay or inspect a run.
import type { ConfigurationData, ElasticResult, HarmonicResult, LabJob, LandscapeLevelRow, NonlinearResult } from '../../engine/lab/protocol.ts';
import type { RunSpec } from '../../engine/runSpec.ts';
import type { Algorithm, StopReason } from '../../physics/descent/quench.ts';
import type { FiniteSizeScaling } from '../../physics/analysis/finiteSizeScaling.ts';
import type { EngineInfo, FitSummary, JobParams } from '../../io/exports/runFileTypes.ts';

// The job, fit and engine types are the run file's (src/io/exports/runFileTypes.ts), so src/io never imports src/state.
export type { EngineInfo, FitSummary, JobParams } from '../../io/exports/runFileTypes.ts';

/** 'incomplete': the tab closed or crashed while it ran (found at the next page load). */
export type RecordStatus = 'running' | 'done' | 'stopped' | 'incomplete' | 'error';

export interface CurveData {
  t: number[];
  speed: number[];
  energyPerParticle: number[];
}

/** Defect concentrations φ over samples; χ = N(⟨φ²⟩ − ⟨φ⟩²) when there are several. */
export interface DefectStatistics {
  samples: number;
  phiMean: number;
  chi: number | null;
  concentrations: number[];
  xCutEq: number | null;
}

export interface SweepFact {
  temperature: number;
  samples: number;
  meanDefects: number;
  susceptibility: number;
  fit: FitSummary | null;
}

/** What the engine reported besides the curves, by kind of job. */
export type ResultFacts =
  | { kind: 'single'; seconds: number; reason: StopReason; steps: number; energyPerParticle: number; xCutSource: string }
  | { kind: 'ensemble'; seconds: number; samples: number }
  | { kind: 'sweep'; seconds: number; points: SweepFact[] }
  | { kind: 'compare'; seconds: number; algorithms: Algorithm[]; distances: number[][]; energyPerParticle: number[] };

/** Initial and final configurations; `finals` has one entry per algorithm of a comparison, else one. */
export interface KeptConfigurations {
  initial: ConfigurationData;
  finals: ConfigurationData[];
}

/** The light part of a record: everything the list shows. */
export interface RunSummary {
  /** The record schema it was written with (src/state/library/recordSchema.ts); records without one are version 1. */
  schemaVersion: number;
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  status: RecordStatus;
  /** The engine's message when status is 'error'. */
  error: string | null;
  spec: RunSpec;
  job: JobParams;
  engine: EngineInfo;
  fit: FitSummary | null;
  defects: DefectStatistics | null;
  facts: ResultFacts | null;
  /** Curve names in the order of their first sample. */
  curveOrder: string[];
  hasConfigurations: boolean;
  /** Approximate size of the whole record in storage. */
  byteSize: number;
  /** Normal modes along the quench and the App. B prediction of a single quench (issue 10); absent when neither was on. */
  landscape?: LandscapeRecord;
  /** What the list shows of the soft spots the record keeps (issue 11; their fields are in RunData.softSpots); absent if none. */
  softSpotFacts?: SoftSpotFacts;
  /** A finished finite-size scaling run (src/engine/lab/scalingJob.ts): its sizes and collapse; absent for every other run. */
  scaling?: ScalingRecord;
}

/** G and the mean κ_ij of the elastic job, κ of π4 and π3 of the nonlinear job (null: that job was not run). */
export interface SoftSpotFacts { shearModulus: number | null; meanKappa: number | null; kappa4: number | null; kappa3: number | null }

/** The facts of kept soft spots. */
export function softSpotFactsOf(s: SoftSpotsRecord): SoftSpotFacts {
  return {
    shearModulus: s.elastic?.shearModulus ?? null, meanKappa: s.elastic?.dipole.mean ?? null,
    kappa4: s.nonlinear?.quartic.kappa ?? null, kappa3: s.nonlinear?.cubic.kappa ?? null,
  };
}

/** What a finite-size scaling run keeps: the sizes, samples per N, z, β, their intervals and the raw and collapsed mean curves. */
export interface ScalingRecord {
  sizes: number[];
  samples: number;
  seconds: number;
  fit: FiniteSizeScaling;
}

/** The normal modes kept with a run (the vectors stay out: `glasslab modes --out` or the export panel writes them). */
export interface ModesRecord { method: 'dense' | 'lanczos'; eigenvalues: number[]; participation: number[]; rattlers: number }

/** The landscape results kept with a run: the W-level rows, the Landscape panel's modes, and the App. B prediction of ⟨|v(t)|⟩ and (E − E_∞)/N. */
export interface LandscapeRecord {
  levels: LandscapeLevelRow[];
  /** The Landscape panel's lowest normal modes of the run's final state (eigenvalues ascending, P of each); absent if none. */
  modes?: ModesRecord;
  harmonic: { temperature: number; method: 'exact' | 'deflated-slq'; t: number[]; speed: number[]; energyExcessPerParticle: number[]; vdos: HarmonicResult['vdos'] } | null;
}

/** The soft spots of the run's final state (issue 11, src/state/softSpotStore.ts): the nonlinear job's ψ, π4, π3 with κ, τ, χ,
 *  and the elastic job's G, κ_ij pairs and κ_i, with the state they were computed on; either may be null. */
export interface SoftSpotsRecord {
  state: ConfigurationData;
  nonlinear: NonlinearResult | null;
  elastic: ElasticResult | null;
}

/** The heavy part, stored apart from the summary (and written in the same transaction). */
export interface RunData {
  id: string;
  curves: Record<string, CurveData>;
  configurations: KeptConfigurations | null;
  /** Absent in records from before issue 11 and in runs whose soft spots were never computed. */
  softSpots?: SoftSpotsRecord | null;
}

export type RunRecord = RunSummary & Omit<RunData, 'id'>;

export function splitRecord(r: RunRecord): { summary: RunSummary; data: RunData } {
  const { curves, configurations, softSpots, ...summary } = r;
  return { summary, data: { id: r.id, curves, configurations, ...(softSpots ? { softSpots } : {}) } };
}

export function joinRecord(summary: RunSummary, data: RunData | undefined): RunRecord {
  return { ...summary, curves: data?.curves ?? {}, configurations: data?.configurations ?? null, ...(data?.softSpots ? { softSpots: data.softSpots } : {}) };
}

export function jobParams(job: LabJob): JobParams {
  switch (job.kind) {
    case 'single': return { kind: 'single' };
    case 'ensemble': return { kind: 'ensemble', samples: job.samples };
    case 'sweep': return { kind: 'sweep', temperatures: [...job.temperatures], samples: job.samples };
    case 'compare': return { kind: 'compare', algorithms: [...job.algorithms] };
  }
}

function configurationBytes(c: ConfigurationData): number {
  return c.positions.byteLength + c.diameters.byteLength + c.species.byteLength + 8 * c.box.length + 16;
}

function softSpotsBytes(s: SoftSpotsRecord): number {
  const f = s.nonlinear?.fields, e = s.elastic;
  return configurationBytes(s.state) + (f ? f.psi.byteLength + f.pi4.byteLength + f.pi3.byteLength + 512 : 0)
    + (e ? e.pairFirst.byteLength + e.pairSecond.byteLength + e.pairKappa.byteLength + e.localKappa.byteLength + 512 : 0);
}

/** Bytes the record takes, near enough to show and to sum: numbers at 8 bytes, typed arrays at their length. */
export function recordBytes(r: RunRecord): number {
  const { curves, configurations, softSpots, ...summary } = r;
  let bytes = JSON.stringify(summary).length;
  if (softSpots) bytes += softSpotsBytes(softSpots);
  for (const [name, c] of Object.entries(curves)) bytes += name.length + 8 * (c.t.length + c.speed.length + c.energyPerParticle.length);
  if (configurations) bytes += [configurations.initial, ...configurations.finals].reduce((s, c) => s + configurationBytes(c), 0);
  return bytes;
}

/** The record with its size filled in. */
export function sized(r: RunRecord): RunRecord {
  return { ...r, byteSize: recordBytes(r) };
}
