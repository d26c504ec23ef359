// One quench of a lab job (000 Eq. 1–2) on the job's engine: the float64 quench in slices of ≤ SLICE_MS between checks for
// messages, or the GPU quench with its pause hook and position snapshots. Streams `sample`, `frame` and `progress` events.
import { defaultGpuForceTolerance, quenchGpu } from '../../gpu/quench.ts';
import type { Configuration } from '../../physics/configuration.ts';
import { QUENCH_DEFAULTS, startQuench, type Algorithm, type QuenchOptions, type QuenchResult, type QuenchRun } from '../../physics/descent/quench.ts';
import { isPhysicsError } from '../../physics/errors.ts';
import type { Model } from '../../physics/models.ts';
import type { RunSpec } from '../runSpec.ts';
import { framePositions } from './configurationData.ts';
import { JobStopped } from './control.ts';
import { SLICE_MS, type JobContext } from './context.ts';
import type { QuenchSettings } from './protocol.ts';

/**
 * The spec's quench options for `algorithm`. SD takes the spec's force tolerance (0: run to t_max); FIRE and CG, minimizers,
 * take it when positive and otherwise their engine's default (float64 1e-10, GPU 1e-4), since 0 would never stop them.
 */
export function labQuenchOptions(spec: RunSpec, algorithm: Algorithm = spec.algorithm, settings: QuenchSettings = {}): QuenchOptions {
  return {
    algorithm, dt: spec.dt, tMax: spec.tMax, forceTolerance: algorithm === 'sd' || spec.forceTolerance > 0 ? spec.forceTolerance : undefined,
    ...(settings.samplesPerDecade !== undefined ? { samplesPerDecade: settings.samplesPerDecade } : {}),
    ...(settings.maxSteps !== undefined ? { maxSteps: settings.maxSteps } : {}),
  };
}

/** A quench's result with the force tolerance it stopped on (the engine's default when the options gave none). */
export interface StageResult extends QuenchResult {
  forceTolerance: number;
}

/** How far a quench has come: SD by steps to t_max; a minimizer by ln max|f| from its start to the tolerance. */
function quenchFraction(algorithm: Algorithm, step: number, lastStep: number, maxForce: number, firstForce: number, tolerance: number): number | null {
  if (algorithm === 'sd') return step / lastStep;
  if (!(tolerance > 0) || !(firstForce > tolerance)) return null;
  return Math.log(firstForce / Math.max(maxForce, tolerance)) / Math.log(firstForce / tolerance);
}

// 000 Eq. (1)–(2) on the job's engine; a GPU failure that is not physics moves this quench (and the job) to float64.
export async function quenchOnEngine(ctx: JobContext, model: Model, start: Configuration, options: QuenchOptions, curve: string, label: string): Promise<StageResult> {
  ctx.phase('quench', `${label}: ${options.algorithm} quench`);
  // A step observer (normal modes along the quench) needs every float64 step: only the host quench has them.
  if (ctx.engine.gpu && options.algorithm !== 'cg' && !options.onStep) {
    try {
      const q = await quenchOnGpu(ctx, model, start, options, curve, label);
      return { ...q, forceTolerance: options.forceTolerance ?? defaultGpuForceTolerance(options.algorithm) };
    } catch (e) {
      if (e instanceof JobStopped || isPhysicsError(e)) throw e;
      ctx.engine.fallBack('quench', e);
      ctx.phase('quench', `${label}: ${options.algorithm} quench, again on the float64 engine`);
    }
  }
  const q = await quenchOnCpu(ctx, model, start, options, curve, label);
  return { ...q, forceTolerance: options.forceTolerance ?? QUENCH_DEFAULTS.forceTolerance };
}

async function quenchOnCpu(ctx: JobContext, model: Model, start: Configuration, options: QuenchOptions, curve: string, label: string): Promise<QuenchResult> {
  const { runId } = ctx;
  const run: QuenchRun = startQuench(model, start, { ...options, onSample: (sample) => ctx.emit({ type: 'sample', runId, curve, sample }) });
  const tolerance = options.forceTolerance ?? QUENCH_DEFAULTS.forceTolerance;
  const firstForce = run.latest.maxForce;
  let lastFrame = performance.now();
  const frame = () => {
    lastFrame = performance.now();
    const positions = framePositions(run.positions());
    const speeds = Float32Array.from(run.particleForces());
    ctx.emit({ type: 'frame', runId, t: run.t, step: run.step, positions, speeds }, [positions.buffer, speeds.buffer]);
  };
  const progress = (force: boolean) => {
    const f = quenchFraction(options.algorithm, run.step, run.lastStep, run.latest.maxForce, firstForce, tolerance);
    ctx.progress(f, `${label}: ${options.algorithm} step ${run.step}, t = ${run.t.toPrecision(3)}`, force);
  };
  for (;;) {
    const done = run.advance({ deadlineMs: performance.now() + SLICE_MS });
    if (done || ctx.control.finishing()) break; // finish() ends it as 'cancelled' where it is
    if (ctx.frameIntervalMs > 0 && performance.now() - lastFrame >= ctx.frameIntervalMs) frame();
    progress(false);
    await ctx.checkpoint();
  }
  if (ctx.frameIntervalMs > 0) frame(); // the inherent structure, before the analysis
  progress(true);
  return run.finish();
}

async function quenchOnGpu(ctx: JobContext, model: Model, start: Configuration, options: QuenchOptions, curve: string, label: string): Promise<QuenchResult> {
  const { runId } = ctx;
  const gpu = ctx.engine.gpu;
  if (!gpu) throw new Error('internal: no GPU');
  let firstForce = Number.NaN, latestForce = Number.NaN;
  const tolerance = options.forceTolerance ?? defaultGpuForceTolerance(options.algorithm);
  const result = await quenchGpu(model, start, {
    ...options,
    onSample: (sample) => {
      if (Number.isNaN(firstForce)) firstForce = sample.maxForce;
      latestForce = sample.maxForce;
      ctx.emit({ type: 'sample', runId, curve, sample });
    },
    onChunk: (p) => {
      ctx.engine.afterGpuChunk();
      const f = quenchFraction(options.algorithm, p.step, p.lastStep, latestForce, firstForce, tolerance);
      ctx.progress(f, `${label}: ${options.algorithm} step ${p.step} on the GPU, t = ${p.t.toPrecision(3)}`);
    },
    beforeChunk: () => ctx.pausePoint(),
    shouldStop: () => ctx.control.stopped() || ctx.control.finishing(),
    ...(ctx.frameIntervalMs > 0 ? {
      positionsIntervalMs: ctx.frameIntervalMs,
      onPositions: (snap) => {
        if (ctx.control.stopped()) return;
        const positions = framePositions(snap.positions);
        const speeds = snap.speeds;
        ctx.emit({ type: 'frame', runId, t: snap.t, step: snap.step, positions, ...(speeds ? { speeds } : {}) }, speeds ? [positions.buffer, speeds.buffer] : [positions.buffer]);
      },
    } : {}),
  }, gpu);
  if (ctx.control.stopped()) throw new JobStopped();
  if (ctx.frameIntervalMs > 0) {
    const positions = framePositions(result.final.positions);
    ctx.emit({ type: 'frame', runId, t: result.series.t[result.series.t.length - 1], step: result.steps, positions }, [positions.buffer]);
  }
  ctx.progress(1, `${label}: ${options.algorithm} quench done`, true);
  return result;
}
