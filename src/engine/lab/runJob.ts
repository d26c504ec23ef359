// One lab job from its start command to its last event: validate, pick the engine, run, and end with exactly one of
// `result`, `stopped` or `error` (then nothing more for that run id). Pure TypeScript: a worker, or Node in tests.
import type { Algorithm } from '../../physics/descent/quench.ts';
import { RUN_LIMITS } from '../limits.ts';
import { validateRunSpec } from '../runSpec.ts';
import { runCompareJob, validateAlgorithms } from './compareJob.ts';
import { transferablesOf } from './configurationData.ts';
import { JobContext, type Emit } from './context.ts';
import { JobStopped, type JobControl } from './control.ts';
import { createGpuPool, LabEngine, type GpuPool, type GpuPoolOptions } from './engines.ts';
import { runElasticJob, runElasticStudyJob, validateElasticSettings } from './elasticJob.ts';
import { runEnsembleJob, validateSamples } from './ensembleJob.ts';
import { runEquilibrateJob } from './equilibrateJob.ts';
import { runEvaluateJob } from './evaluateJob.ts';
import { runNonlinearJob, validateNonlinearJob, validateNonlinearSettings } from './nonlinearJob.ts';
import { runNonlinearStatisticsJob } from './nonlinearStatisticsJob.ts';
import { runHarmonicJob, validateHarmonicSettings } from './harmonicJob.ts';
import { runModesJob, validateModesJob } from './modesJob.ts';
import { ENGINE_CHOICES, type Job, type JobResult, type LabEvent, type QuenchSettings, type StartCommand } from './protocol.ts';
import { runSamplesJob, validateSampleIndices } from './samplesJob.ts';
import { runScalingJob, validateScalingJob } from './scalingJob.ts';
import { runSingleJob } from './singleJob.ts';
import { runSweepJob, validateTemperatures } from './sweepJob.ts';

export interface LabEnv extends GpuPoolOptions {
  /** A device pool shared across jobs (the runner's); by default the job acquires its own and frees it at its end. */
  gpu?: GpuPool;
}

export const DEFAULT_FRAME_INTERVAL_MS = 100;

/** Checks the whole command; returns the work units (quenches) and the algorithms the job will run. */
export function validateStart(command: StartCommand): { units: number; algorithms: Algorithm[] } {
  if (!(ENGINE_CHOICES as readonly string[]).includes(command.engine)) throw new Error(`engine must be auto, gpu or cpu, got "${command.engine}"`);
  const interval = command.frameIntervalMs;
  if (interval !== undefined && !(interval >= 0 && Number.isFinite(interval))) throw new Error(`frameIntervalMs must be a number ≥ 0, got ${interval}`);
  const job: Job = command.job;
  if (!job || typeof job !== 'object') throw new Error('the start command has no job');
  const givenStart = (job.kind === 'single' || job.kind === 'compare' || job.kind === 'evaluate' || job.kind === 'nonlinear' || job.kind === 'elastic' || job.kind === 'harmonic' || job.kind === 'modes') && job.start !== undefined;
  validateRunSpec(job.spec, RUN_LIMITS, { quenchesOwnStart: !givenStart && job.kind !== 'equilibrate' });
  switch (job.kind) {
    case 'single': validateQuenchSettings(job.quench); return { units: 1, algorithms: [job.spec.algorithm] };
    case 'equilibrate': return { units: 1, algorithms: [] };
    case 'evaluate': if (!job.start) throw new Error('an evaluate job needs its configuration'); return { units: 1, algorithms: [] };
    case 'nonlinear': validateNonlinearJob(job); return { units: 1, algorithms: [] };
    case 'nonlinearStatistics': validateNonlinearSettings(job); return { units: validateSamples(job.samples), algorithms: [] };
    case 'ensemble': return { units: validateSamples(job.samples), algorithms: [job.spec.algorithm] };
    case 'sweep': return { units: validateTemperatures(job.temperatures).length * validateSamples(job.samples), algorithms: [job.spec.algorithm] };
    case 'compare': { const algorithms = validateAlgorithms(job.algorithms); return { units: algorithms.length, algorithms }; }
    case 'elastic': if (!job.start) throw new Error('an elastic job needs its configuration'); validateElasticSettings(job.settings); return { units: 1, algorithms: [] };
    case 'elasticStudy': validateElasticSettings(job.settings); return { units: validateTemperatures(job.temperatures).length * validateSamples(job.samples), algorithms: [job.spec.algorithm] };
    case 'samples': return { units: validateSampleIndices(job.samples, job.indices), algorithms: [job.spec.algorithm] };
    default: throw new Error(`unknown job kind "${String((job as { kind?: unknown }).kind).slice(0, 40)}"; choose single, ensemble, sweep, compare, equilibrate, evaluate, nonlinear, nonlinearStatistics, elastic, elasticStudy, samples, harmonic, scaling or modes`);
    case 'harmonic': if (!job.start) throw new Error('a harmonic job needs its inherent structure'); validateHarmonicSettings(job.harmonic); return { units: 1, algorithms: [] };
    case 'scaling': return { units: validateScalingJob(job), algorithms: ['sd'] };
    case 'modes': validateModesJob(job); return { units: 1, algorithms: [] };
  }
}

/** samplesPerDecade an integer ≥ 10, maxSteps an integer ≥ 1, when given. */
function validateQuenchSettings(settings: QuenchSettings | undefined): void {
  const spd = settings?.samplesPerDecade, max = settings?.maxSteps;
  if (spd !== undefined && !(Number.isInteger(spd) && spd >= 10)) throw new Error(`samples per decade must be an integer ≥ 10, got ${spd}`);
  if (max !== undefined && !(Number.isInteger(max) && max >= 1)) throw new Error(`max steps must be an integer ≥ 1, got ${max}`);
}

function runKind(ctx: JobContext, job: Job): Promise<JobResult> {
  switch (job.kind) {
    case 'single': return runSingleJob(ctx, job.spec, job.start, job.quench);
    case 'ensemble': return runEnsembleJob(ctx, job.spec, job.samples, job.partialResults);
    case 'equilibrate': return runEquilibrateJob(ctx, job.spec);
    case 'evaluate': return runEvaluateJob(ctx, job.spec, job.start);
    case 'nonlinear': return runNonlinearJob(ctx, job);
    case 'nonlinearStatistics': return runNonlinearStatisticsJob(ctx, job);
    case 'sweep': return runSweepJob(ctx, job.spec, job.temperatures, job.samples);
    case 'compare': return runCompareJob(ctx, job.spec, job.algorithms, job.start);
    case 'elastic': return runElasticJob(ctx, job.spec, job.start, job.settings);
    case 'elasticStudy': return runElasticStudyJob(ctx, job.spec, job.temperatures, job.samples, job.settings);
    case 'samples': return runSamplesJob(ctx, job.spec, job.samples, job.indices);
    case 'harmonic': return runHarmonicJob(ctx, job.spec, job.start, job.harmonic);
    case 'scaling': return runScalingJob(ctx, job);
    case 'modes': return runModesJob(ctx, job);
  }
}

/**
 * Runs `command`'s job to its end, streaming events through `emit` (typed arrays listed for transfer). Never throws: every
 * failure becomes one `error` event with a clear message; a stop (control.stopped()) becomes one `stopped` event.
 */
export async function runJob(command: StartCommand, emit: Emit, control: JobControl, env: LabEnv = {}): Promise<void> {
  const { runId } = command;
  let ended = false;
  const send: Emit = (event, transfer) => { if (!ended) emit(event, transfer); };
  const end = (event: LabEvent, transfer?: Transferable[]) => { send(event, transfer); ended = true; };
  const pool = env.gpu ?? createGpuPool(env);
  try {
    const { units, algorithms } = validateStart(command);
    if (control.stopped()) throw new JobStopped();
    const engine = await LabEngine.open(command.engine, algorithms, pool, (e) => send({ ...e, runId }), env);
    if (control.stopped()) throw new JobStopped();
    const ctx = new JobContext(runId, send, control, engine, command.frameIntervalMs ?? DEFAULT_FRAME_INTERVAL_MS, units);
    const result = await runKind(ctx, command.job);
    if (control.stopped()) throw new JobStopped();
    end({ type: 'result', runId, result }, transferablesOf(result));
  } catch (e) {
    if (e instanceof JobStopped || control.stopped()) end({ type: 'stopped', runId });
    else end({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) });
  } finally {
    if (!env.gpu) pool.close();
  }
}
