// The run file: one finished run as a versioned JSON document that imports back into the library (and onto the plot).
// { format: 'glasslab-run', version: 1, spec, job, engine, curves, fit, particles?, initial?, final?, createdAt }.
import type { ConfigurationData, EngineName, EngineChoice } from '../../engine/lab/protocol.ts';
import type { RunSpec } from '../../engine/runSpec.ts';
import type { BetaFit, BetaInterval } from '../../physics/analysis/betaFit.ts';
import type { Algorithm } from '../../physics/descent/quench.ts';
import type { RunFileSoftSpots } from './runFileSoftSpots.ts';

export const RUN_FILE_FORMAT = 'glasslab-run';
export const RUN_FILE_VERSION = 1;
/** Longest run file readRunFile takes (characters): a 262,144-particle 3D run with both states fits comfortably. */
export const MAX_RUN_FILE_CHARS = 96 * 1024 * 1024;

/** The job without its spec (and without a fetched starting state): what else re-running it needs. */
export type JobParams =
  | { kind: 'single' }
  | { kind: 'ensemble'; samples: number }
  | { kind: 'sweep'; temperatures: number[]; samples: number }
  | { kind: 'compare'; algorithms: Algorithm[] };

/** β of ⟨|v|⟩ ~ t^−β with its interval, as the run's readout showed it. */
export type FitSummary = BetaInterval & Pick<BetaFit, 'interval'>;

/** The engine asked for and the one that ran. */
export interface EngineInfo {
  requested: EngineChoice;
  used: EngineName | null;
  adapter: string | null;
}

/** The job without its spec, and the engine that ran it: the same types the library stores (src/state/library/runRecord.ts). */
export type RunFileJob = JobParams;
export type RunFileEngine = EngineInfo;

/** One curve of the run (⟨|v|⟩ and E/N against t), in the order of its first sample. */
export interface RunFileCurve {
  name: string;
  t: number[];
  speed: number[];
  energyPerParticle: number[];
}

export type RunFileFit = FitSummary;

/** Defects of a single run; the per-particle φ_i and D²min_i when kept. */
export interface RunFileParticles {
  defectConcentration: number;
  xCutEq: number;
  xCutSource?: string;
  defectFlags?: Uint8Array;
  d2min?: Float64Array;
}

export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  version: typeof RUN_FILE_VERSION;
  /** A name for the library's list (optional). */
  name?: string;
  spec: RunSpec;
  job: RunFileJob;
  engine: RunFileEngine;
  curves: RunFileCurve[];
  fit: RunFileFit | null;
  particles?: RunFileParticles;
  /** The state the quench started from (single and compare runs). */
  initial?: ConfigurationData;
  /** The quenched state (single runs). */
  final?: ConfigurationData;
  /** The soft spots of the final state (nonlinear modes, elastic stiffness; issue 11), when they were computed. */
  softSpots?: RunFileSoftSpots;
  /** ISO 8601 time the run was exported. */
  createdAt: string;
}

/** A run file that could not be read: the message names the first problem (and its field path). */
export class RunFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFileError';
  }
}
