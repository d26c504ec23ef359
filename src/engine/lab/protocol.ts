// The lab engine's messages: the page sends a job (a run spec and what to do with it) to a Web Worker, which runs it on the
// WebGPU engine or the float64 one and streams back series samples, position frames and results (docs/ARCHITECTURE.md: spec → engine →
// series and snapshots → stores → views). Plain structured-clone data only; typed arrays are transferred, never shared.
import type { Algorithm, QuenchSample, QuenchSeries, StopReason } from '../../physics/descent/quench.ts';
import type { BetaFit } from '../../physics/analysis/betaFit.ts';
import type { NonlinearStatistics } from '../../physics/nonlinear/statistics.ts';
import type { FiniteSizeScaling } from '../../physics/analysis/finiteSizeScaling.ts';
import type { RunSpec } from '../runSpec.ts';
import type { BootstrapMean } from '../../physics/analysis/bootstrap.ts';
import type { ShearPlane } from '../../physics/elastic/shearModulus.ts';

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
  /** A sheared (Lees–Edwards) box only: simple shear x_a → x_a + γ x_b (src/physics/space.ts). */
  shear?: { gamma: number; a: number; b: number };
}

/** Quench settings a run spec leaves at their defaults (the CLI's --samples-per-decade and --max-steps). */
export interface QuenchSettings {
  /** Observation points per decade (default 20, at least 10). */
  samplesPerDecade?: number;
  /** Hard cap on steps (default 1e7). */
  maxSteps?: number;
  /**
   * Normal modes along the quench (002 §III A; SD on the float64 engine only): the first time W ≤ W_k the configuration is
   * kept and its f_u and most unstable mode computed; each level streams as a `level` event and lands in the result.
   */
  modesAlongQuench?: boolean;
  /** After the quench, the harmonic prediction of 000 App. B at the spec's (finite) T from the final state's spectrum. */
  harmonicPrediction?: boolean;
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

/**
 * The lowest harmonic mode ψ and the quartic and cubic modes π4, π3 of `start`, an inherent structure (003 App. B; the CLI's
 * nonlinear). Tolerance: the relative stationarity residual that ends each minimization; maxForce: the largest max|f_i| accepted.
 */
export interface NonlinearJob {
  kind: 'nonlinear'; spec: RunSpec; start: ConfigurationData;
  excludeRattlers?: boolean; tolerance?: number; maxIterations?: number; maxForce?: number;
  /** Also start π3 from the non-affine velocities of simple and pure shear, keeping the lowest κ (003 App. B). */
  shearStarts?: boolean;
}

/**
 * The nonlinear-statistics study (003 §V): `samples` inherent structures (swap MC at spec.temperature for spec.sweeps, seeds
 * sampleSeed(spec.seed, k), FIRE to max|f_i| < 1e-10), each with ψ, π4 and π3; per-sample rows and their statistics.
 */
export interface NonlinearStatisticsJob {
  kind: 'nonlinearStatistics'; spec: RunSpec; samples: number; excludeRattlers?: boolean; tolerance?: number; maxIterations?: number; shearStarts?: boolean;
}

/**
 * Samples `indices` (a slice of 0 … samples−1, e.g. one shard of a cluster run) of the ensemble job of `spec`, each exactly as
 * the ensemble job runs it (seed sampleSeed(spec.seed, k)), returned raw so the summaries of all slices can be merged.
 */
export interface SamplesJob { kind: 'samples'; spec: RunSpec; samples: number; indices: number[] }

/** What an App. B prediction is for: the quench's initial temperature and its times (default log-spaced 1e-3 … tMax). */
export interface HarmonicSettings {
  temperature: number;
  times?: number[];
  tMax?: number;
  /** Dense (exact) spectrum up to this many rows of H (default 1200), deflated SLQ above. */
  exactLimit?: number;
}

/** One W level of normal modes along the quench (src/engine/lab/quenchLevels.ts). */
export interface LandscapeLevelRow {
  /** The level W_k and the W and SD time t when it was first reached. */
  level: number;
  w: number;
  t: number;
  /** Fraction of negative Hessian eigenvalues (002 Eq. 5) and its error (0 when exact). */
  fu: number;
  fuError: number;
  method: 'exact' | 'slq';
  lowestEigenvalue: number;
  /** The most unstable mode's participation ratio, null when no mode is unstable. */
  participation: number | null;
}

/** The harmonic prediction of 000 App. B for a quench from `harmonic.temperature` ending at `start` (src/engine/lab/harmonicJob.ts). */
export interface HarmonicJob { kind: 'harmonic'; spec: RunSpec; start: ConfigurationData; harmonic: HarmonicSettings }

/**
 * Finite-size scaling (001 SM II): an ensemble of `samples` SD quenches at each N of `sizes` (spec.n is ignored), then the
 * collapse of N^{βz}⟨|v|⟩ against t/N^z (β held at `beta` when given). src/engine/lab/scalingJob.ts; the CLI's scaling.
 */
export interface ScalingJob { kind: 'scaling'; spec: RunSpec; sizes: number[]; samples: number; beta?: number }

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

/** Every job runJob runs: the page's jobs and the ones only the CLI (or a panel) runs. */
export type Job = LabJob | EquilibrateJob | EvaluateJob | NonlinearJob | NonlinearStatisticsJob | ElasticJob | ElasticStudyJob | SamplesJob | HarmonicJob | ScalingJob | ModesJob;

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
  /** Of `seconds`, the quench's, timed in the engine (the page's calibration: src/state/calibration.ts). */
  quenchSeconds?: number;
  /** The user stopped the quench before its end ("stop and analyse"): the analysis is of the configuration reached. */
  stoppedEarly?: boolean;
  /** Normal modes along the quench (QuenchSettings.modesAlongQuench): one row per W level reached. */
  landscapeLevels?: LandscapeLevelRow[];
  /** The harmonic prediction of 000 App. B (QuenchSettings.harmonicPrediction) on the quench's times. */
  harmonic?: HarmonicResult;
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

/** κ, τ, χ (003 Eqs. 10, 11, 28) and e (Eq. 14) of one field. */
export interface NonlinearFieldSummary { kappa: number; tau: number; chi: number; participation: number }

export interface NonlinearModeSummary extends NonlinearFieldSummary {
  /** E4 = κ²/χ or E3 = κ³/τ²; the relative residual of 003 Eq. (8) or (26); CG steps; whether the residual met the tolerance. */
  cost: number; residual: number; iterations: number; converged: boolean;
}

export interface NonlinearResult {
  kind: 'nonlinear';
  spec: RunSpec;
  engine: EngineName;
  harmonic: NonlinearFieldSummary & { lambda: number; residual: number };
  quartic: NonlinearModeSummary & { overlapWithHarmonic: number };
  /** start: what π3 was found from ('π4' or a shear's non-affine velocity); starts: how many starts were tried. */
  cubic: NonlinearModeSummary & { overlapWithQuartic: number; start: string; starts: number; cutoffShare?: number };
  /** ψ, π4, π3: unit fields, N·D particle-major, oriented so that τ ≤ 0. */
  fields: { psi: Float64Array; pi4: Float64Array; pi3: Float64Array };
  maxForce: number;
  rattlers: { count: number; excluded: boolean };
  pairs: number;
  tolerance: number;
  seconds: number;
}

/** One inherent structure of the study: its seed and the κ, τ, χ, e of ψ, π4, π3. */
export interface NonlinearSampleRow {
  seed: number; lambda: number;
  kappa4: number; tau4: number; chi4: number; e4: number; residual4: number;
  kappa3: number; tau3: number; chi3: number; e3: number; residual3: number;
  overlapWithHarmonic: number; overlapWithQuartic: number; converged: boolean;
  /** The share of τ3 from pairs within 2% of their cutoff (src/physics/nonlinear/cutoffShare.ts); above ½ the π3 is a cutoff artefact. */
  cutoffShare3?: number;
}

export interface NonlinearStatisticsResult {
  kind: 'nonlinearStatistics';
  spec: RunSpec;
  engine: EngineName;
  rows: NonlinearSampleRow[];
  /** src/physics/nonlinear/statistics.ts: κ3/κ4, the bound τ² ≤ 3κχ (003 Eq. 32), χ4 against N e4. */
  statistics: NonlinearStatistics;
  seconds: number;
}

/** One ensemble sample as its quench left it: everything the ensemble's summary reads (src/engine/lab/ensembleJob.ts). */
export interface SampleRecord {
  /** k: the sample's index in the ensemble (seed sampleSeed(spec.seed, k)). */
  index: number;
  series: QuenchSeries;
  finalEnergyPerParticle: number;
  /** The equilibrium state and the quench's final state. */
  initial: ConfigurationData;
  final: ConfigurationData;
}

export interface SamplesResult {
  kind: 'samples';
  spec: RunSpec;
  engine: EngineName;
  /** M of the whole ensemble. */
  samples: number;
  records: SampleRecord[];
  seconds: number;
}

export interface HarmonicResult {
  kind: 'harmonic';
  spec: RunSpec;
  /** The spectrum is computed in float64 on the host. */
  engine: 'cpu';
  n: number;
  dim: number;
  temperature: number;
  /** 'exact': every eigenvalue (dense); 'deflated-slq': the lowest 20 exactly plus stochastic quadrature for the rest. */
  method: 'exact' | 'deflated-slq';
  /** Modes in the space, D·(N − 1). */
  modes: number;
  /** The lowest eigenvalues (up to 20), and how many of them are negative (then the state is not a minimum). */
  lowest: number[];
  negative: number;
  maxForce: number;
  t: number[];
  /** (⟨E(t)⟩ − E_∞)/N and ⟨|v(t)|⟩ (000 App. B). */
  energyExcessPerParticle: number[];
  speed: number[];
  /** g(ω) = A0 ω^{D−1} + A4 ω⁴ over ω ≤ omegaMax; null when the spectrum is not exact. */
  vdos: { a0: number; a4: number; points: number; omegaMax: number } | null;
  seconds: number;
}

export interface ScalingResult {
  kind: 'scaling';
  spec: RunSpec;
  engine: EngineName;
  samples: number;
  /** Each size's sample times and every sample's ⟨|v|⟩ on them (the input of the collapse). */
  ensembles: { n: number; t: number[]; samples: number[][] }[];
  /** z, β, their bootstrap intervals and the raw and collapsed mean curves (src/physics/analysis/finiteSizeScaling.ts). */
  fit: FiniteSizeScaling;
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
export type JobResult = LabResult | EquilibrateResult | EvaluateResult | NonlinearResult | NonlinearStatisticsResult | ElasticResult | ElasticStudyResult | SamplesResult | HarmonicResult | ScalingResult | ModesResult;

export type LabEvent =
  /** Which engine runs the job (after any fallback); `note` is the one line that says why a fallback happened. */
  | { type: 'engine'; runId: string; engine: EngineName; adapter?: string; note?: string }
  /** The particles of the system being run (sent before its first frame, and again when a new system starts). */
  | { type: 'system'; runId: string; system: ConfigurationData; label: string }
  | { type: 'phase'; runId: string; phase: Phase; label: string }
  /** Swap-MC progress (recorded sweeps), at the temperature being equilibrated (a sweep job runs one MC per T and sample). */
  | { type: 'mc'; runId: string; sweep: number; sweeps: number; energyPerParticle: number; acceptance: { displacement: number; swap: number }; temperature?: number }
  /** One point of a quench curve; `curve` names the curve (e.g. 'main', 'sd', 'T=0.2 #3'). */
  | { type: 'sample'; runId: string; curve: string; sample: QuenchSample }
  /** One W level of the normal modes along the quench (QuenchSettings.modesAlongQuench). */
  | { type: 'level'; runId: string; level: LandscapeLevelRow }
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

// ---------------------------------------------------------------- elastic jobs (004 App. A, Fig. 3)

/** What an elastic analysis may be told (defaults reproduce 004: CG to |r|/|b| = 1e-8, every interacting pair). */
export interface ElasticSettings {
  /** Measure κ_ij on this many pairs spread over the list (default: every interacting pair). */
  dipolePairs?: number;
  /** Largest max_i |f_i| accepted as an inherent structure (default 1e-6). */
  maxForce?: number;
  /** CG's relative residual (default 1e-8). */
  tolerance?: number;
}

/** The shear modulus and dipole stiffness of `start`, an inherent structure (the CLI's elastic --in). */
export interface ElasticJob { kind: 'elastic'; spec: RunSpec; start: ConfigurationData; settings?: ElasticSettings }

/** 004 Fig. 3: for each T_p, `samples` states (swap MC at T_p, spec.sweeps), quenched; mean κ and G with bootstrap intervals. */
export interface ElasticStudyJob { kind: 'elasticStudy'; spec: RunSpec; temperatures: number[]; samples: number; settings?: ElasticSettings }

/** G (means over the planes), its parts, and the dipole statistics of one minimum. */
export interface ElasticSummary {
  shearModulus: number;
  born: number;
  nonaffine: number;
  planes: ShearPlane[];
  dipole: { mean: number; median: number; count: number; iterations: number };
  rattlers: number;
  maxForce: number;
}

export interface ElasticResult extends ElasticSummary {
  kind: 'elastic';
  spec: RunSpec;
  engine: EngineName;
  /** The measured pairs (particle indices) and κ_ij of each: the bonds of 004 Fig. 2. */
  pairFirst: Int32Array;
  pairSecond: Int32Array;
  pairKappa: Float64Array;
  /** κ_i: the mean κ_ij over i's measured pairs (0 where none was measured). */
  localKappa: Float64Array;
  seconds: number;
}

export interface ElasticStudyPoint {
  temperature: number;
  samples: number;
  /** Over samples: the mean G and mean κ with their 95% bootstrap intervals. */
  shearModulus: BootstrapMean;
  kappa: BootstrapMean;
  /** Relative change against the first (hottest) T_p: X(T_p)/X(T_ref) − 1 (004 Fig. 3). */
  relativeShearModulus: number;
  relativeKappa: number;
  perSample: { shearModulus: number[]; kappa: number[]; energyPerParticle: number[] };
}

export interface ElasticStudyResult {
  kind: 'elasticStudy';
  spec: RunSpec;
  engine: EngineName;
  points: ElasticStudyPoint[];
  seconds: number;
}
