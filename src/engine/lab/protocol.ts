// The lab engine's messages: the page sends a job (a run spec and what to do with it) to a Web Worker, which runs it on the
// WebGPU engine or the float64 one and streams back series samples, position frames and results (docs/ARCHITECTURE.md: spec → engine →
// series and snapshots → stores → views). Plain structured-clone data only; typed arrays are transferred, never shared.
import type { Algorithm, QuenchSample, QuenchSeries, StopReason } from '../../physics/descent/quench.ts';
import type { BetaFit } from '../../physics/analysis/betaFit.ts';
import type { RunSpec } from '../runSpec.ts';

/** Which engine a job asks for: the WebGPU engine when an adapter exists ('auto', 'gpu'), or float64 ('cpu'). */
export const ENGINE_CHOICES = ['auto', 'gpu', 'cpu'] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];
/** Which engine ran it. */
export type EngineName = 'gpu' | 'cpu';

/** A configuration in transferable form (src/physics/configuration.ts flattened). */
export interface ConfigurationData {
  dim: number;
  /** Box side lengths, D of them. */
  box: number[];
  /** N·D, particle-major. */
  positions: Float64Array;
  diameters: Float64Array;
  species: Uint8Array;
  /** Mari–Kurchan states only: the pair shifts' seed, planting temperature and N·D planted positions (src/physics/configuration.ts). */
  shifts?: { seed: number; temperature: number; planted: Float64Array };
}

/** Quench settings a run spec leaves at their defaults (the CLI's --samples-per-decade and --max-steps). */
export interface QuenchSettings {
  /** Observation points per decade (default 20, at least 10). */
  samplesPerDecade?: number;
  /** Hard cap on steps (default 1e7). */
  maxSteps?: number;
}

/** What the page (and a link, and the library) can ask the lab to do with one run spec. */
export type LabJob =
  /** Equilibrate (or take `start`), quench, analyze; frames stream while it runs. */
  | { kind: 'single'; spec: RunSpec; start?: ConfigurationData; quench?: QuenchSettings }
  /**
   * M independent samples (seeds from sampleSeed(spec.seed, k)) at spec.temperature: mean ⟨|v|⟩ and β with its interval.
   * `partialResults`: a `partial` event with the summary of the samples done so far after each sample but the last.
   */
  | { kind: 'ensemble'; spec: RunSpec; samples: number; partialResults?: boolean }
  /** The paper's Fig. 4: for each T, `samples` quenches; ⟨φ⟩(T), χ(T) and β(T). */
  | { kind: 'sweep'; spec: RunSpec; temperatures: number[]; samples: number }
  /** The paper's Fig. 5: one equilibrium state quenched by each algorithm; pairwise distances and displacement fields. */
  | { kind: 'compare'; spec: RunSpec; algorithms: Algorithm[]; start?: ConfigurationData };

/** Only the equilibrium state of the spec (uniform random at T = ∞, else spec.sweeps of swap MC from spec.seed): the CLI's equilibrate. */
export interface EquilibrateJob { kind: 'equilibrate'; spec: RunSpec }

/** The energy and forces of `start` as given (the CLI's eval). */
export interface EvaluateJob { kind: 'evaluate'; spec: RunSpec; start: ConfigurationData }

/** The lowest normal modes of `start` on the float64 engine (src/engine/lab/modesJob.ts; the CLI's modes, the Landscape panel). */
export interface ModesJob {
  kind: 'modes';
  spec: RunSpec;
  start: ConfigurationData;
  /** K, the lowest modes wanted (translations removed): an integer in [1, D·(N − 1)]. */
  count: number;
  method?: 'auto' | 'dense' | 'lanczos';
  /** Leave the rattlers (fewer than D + 1 contacts) out of the modes; they are counted either way. */
  excludeRattlers?: boolean;
  /** Lanczos' and the stochastic D(λ)'s random start vectors. */
  seed?: number;
  /** Also the spectral density D(λ) (default true): exact when the dense solver ran, stochastic Lanczos quadrature otherwise. */
  density?: boolean;
}

/** Every job runJob runs: the page's, the equilibration alone, the evaluation of a configuration and its normal modes. */
export type Job = LabJob | EquilibrateJob | EvaluateJob | ModesJob;

export interface StartCommand {
  type: 'start';
  runId: string;
  job: Job;
  engine: EngineChoice;
  /** Least time between two frames (default 100 ms); 0 turns frames off (benchmarks). */
  frameIntervalMs?: number;
}

export type LabCommand =
  | StartCommand
  | { type: 'pause'; runId: string }
  | { type: 'resume'; runId: string }
  /** `analyse`: a single quench ends where it is and is analysed (a result with stoppedEarly); other jobs just stop. */
  | { type: 'stop'; runId: string; analyse?: boolean };

export type Phase = 'equilibrate' | 'quench' | 'analyze';

/** Per-particle results of a quench, in the particles' original order. */
export interface ParticleResults {
  /** φ_i ∈ {0, 1} (001 SM III). */
  defectFlags: Uint8Array;
  /** D²min_i between the initial and the final state (001); never NaN (d2minField: F = I where Y is singular). */
  d2min: Float64Array;
  /** 1 where the neighbourhood was degenerate (fewer than D neighbours spanning space) and D²min_i = Σ_j |d_ij − d⁰_ij|². */
  d2minDegenerate?: Uint8Array;
  /** x_cut^EQ used for the defects and where it came from. */
  xCutEq: number;
  xCutSource: string;
  /** φ = (1/N) Σ φ_i. */
  defectConcentration: number;
}

/** β of ⟨|v|⟩ ~ t^−β over the fit window with its interval (src/physics/analysis/betaFit.ts). */
export type { BetaFit } from '../../physics/analysis/betaFit.ts';

export interface SingleResult {
  kind: 'single';
  spec: RunSpec;
  engine: EngineName;
  series: QuenchSeries;
  fit: BetaFit | null;
  reason: StopReason;
  steps: number;
  /** The quench's time step (SD's Euler step, FIRE's initial one) and the force tolerance it stopped on (0: none). */
  dt: number;
  forceTolerance: number;
  forceCalls: number;
  energyPerParticle: number;
  /** max_i |f_i| at the end. */
  maxForce: number;
  initial: ConfigurationData;
  final: ConfigurationData;
  particles: ParticleResults;
  seconds: number;
  /** The user stopped the quench before its end ("stop and analyse"): the analysis is of the configuration reached. */
  stoppedEarly?: boolean;
}

export interface EnsembleLabResult {
  kind: 'ensemble';
  spec: RunSpec;
  engine: EngineName;
  samples: number;
  t: number[];
  meanSpeed: number[];
  meanEnergyPerParticle: number[];
  /** W = ⟨(1/N) Σ|f_i|²⟩ on the same times (002 Eq. 1). */
  meanSquaredForce: number[];
  fit: BetaFit | null;
  /** Each sample's φ, with the one x_cut^EQ from the g(x) of all the equilibrium states (001 SM III). */
  defectConcentrations: number[];
  xCutEq: number;
  xCutSource: string;
  /** Each sample's E/N at the end of its quench. */
  finalEnergyPerParticle: number[];
  seconds: number;
}

export interface EquilibrateResult {
  kind: 'equilibrate';
  spec: RunSpec;
  engine: EngineName;
  final: ConfigurationData;
  /** Swap-MC sweeps run (0 at T = ∞). */
  sweeps: number;
  /** E/N after the last sweep (null at T = ∞). */
  energyPerParticle: number | null;
  acceptance: { displacement: number; swap: number } | null;
  /** The recorded sweeps with E/N and the mean squared displacement from the start (empty on the GPU engine). */
  record: { sweep: number[]; energyPerParticle: number[]; meanSquaredDisplacement: number[] };
  seconds: number;
}

export interface SweepPoint {
  temperature: number;
  samples: number;
  /** ⟨φ⟩ over samples. */
  meanDefects: number;
  /** χ = N(⟨φ²⟩ − ⟨φ⟩²) over samples (001 SM III). */
  susceptibility: number;
  fit: BetaFit | null;
  t: number[];
  meanSpeed: number[];
}

export interface SweepResult {
  kind: 'sweep';
  spec: RunSpec;
  engine: EngineName;
  points: SweepPoint[];
  seconds: number;
}

export interface CompareResult {
  kind: 'compare';
  spec: RunSpec;
  engine: EngineName;
  algorithms: Algorithm[];
  series: Record<string, QuenchSeries>;
  initial: ConfigurationData;
  /** Final (inherent-structure) configuration of each algorithm, in the order of `algorithms`. */
  finals: ConfigurationData[];
  /** distances[a][b] = inherentStructureDistance(final_a, final_b); row/column order of `algorithms`. */
  distances: number[][];
  energyPerParticle: number[];
  seconds: number;
}

export type LabResult = SingleResult | EnsembleLabResult | SweepResult | CompareResult;
export interface EvaluateResult {
  kind: 'evaluate';
  spec: RunSpec;
  engine: EngineName;
  /** E (total) and f_i = −∂E/∂r_i, N·D particle-major (float32 values on the GPU engine). */
  energy: number;
  forces: Float64Array;
  maxForce: number;
  seconds: number;
}

/** D(λ) for the spectrum plot: a histogram of every eigenvalue ('exact') or a Gaussian-smoothed SLQ estimate with its error. */
export interface ModeSpectrum {
  method: 'exact' | 'slq';
  lambda: number[];
  density: number[];
  /** SLQ's standard error at each λ (null when exact). */
  error: number[] | null;
  /** Bin width (exact) or kernel width (SLQ). */
  width: number;
  /** f_u = ∫_{−∞}^0 D(λ) dλ and its error (0 when exact). */
  unstableFraction: number;
  unstableError: number;
}

export interface ModesResult {
  kind: 'modes';
  spec: RunSpec;
  engine: EngineName;
  n: number;
  dim: number;
  method: 'dense' | 'lanczos';
  /** The lowest K eigenvalues, ascending, translations removed. */
  eigenvalues: Float64Array;
  /** P = 1/(N Σ_i |e_i|⁴) of each mode (002 Eq. 11). */
  participation: number[];
  /** |H e − λ e| of each pair. */
  residuals: Float64Array;
  /** The unit modes, N·D components each (zero on left-out rattlers). */
  vectors: Float64Array[];
  rattlers: { count: number; excluded: boolean };
  /** max_i |f_i| of the configuration: above ~1e-6 it is no minimum and these are instantaneous normal modes. */
  maxForce: number;
  products?: number;
  restarts?: number;
  density: ModeSpectrum | null;
  seconds: number;
}

/** The result of any Job. */
export type JobResult = LabResult | EquilibrateResult | EvaluateResult | ModesResult;

export type LabEvent =
  /** Which engine runs the job (after any fallback); `note` is the one line that says why a fallback happened. */
  | { type: 'engine'; runId: string; engine: EngineName; adapter?: string; note?: string }
  /** The particles of the system being run (sent before its first frame, and again when a new system starts). */
  | { type: 'system'; runId: string; system: ConfigurationData; label: string }
  | { type: 'phase'; runId: string; phase: Phase; label: string }
  /** Swap-MC progress (recorded sweeps). */
  | { type: 'mc'; runId: string; sweep: number; sweeps: number; energyPerParticle: number; acceptance: { displacement: number; swap: number } }
  /** One point of a quench curve; `curve` names the curve (e.g. 'main', 'sd', 'T=0.2 #3'). */
  | { type: 'sample'; runId: string; curve: string; sample: QuenchSample }
  /** Current positions (original particle order) and |v_i| = |f_i| (SD) when the engine has them. */
  | { type: 'frame'; runId: string; t: number; step: number; positions: Float32Array; speeds?: Float32Array }
  /** Overall progress in [0, 1] with an estimate of the seconds left (null while unknown). */
  | { type: 'progress'; runId: string; fraction: number; secondsLeft: number | null; label: string }
  | { type: 'paused'; runId: string; paused: boolean }
  | { type: 'result'; runId: string; result: JobResult }
  /** The summary of an ensemble's finished samples, after each sample but the last (when the job asked for it). */
  | { type: 'partial'; runId: string; result: EnsembleLabResult }
  /** The job ended early at the user's request; partial results were sent as samples. */
  | { type: 'stopped'; runId: string }
  | { type: 'error'; runId: string; message: string };
