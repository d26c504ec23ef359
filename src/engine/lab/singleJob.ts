// The single job: equilibrate (or take the page's start), quench with frames, then per-particle defects and D²min, and β.
import { getModel } from '../../physics/models.ts';
import type { RunSpec } from '../runSpec.ts';
import { curveBetaFit } from '../../physics/analysis/betaFit.ts';
import { fromConfigurationData, toConfigurationData, transferablesOf } from './configurationData.ts';
import type { JobContext } from './context.ts';
import { equilibrateOnEngine } from './equilibration.ts';
import { particleResults } from './particleResults.ts';
import type { ConfigurationData, HarmonicResult, QuenchSettings, SingleResult } from './protocol.ts';
import { harmonicOfState } from './harmonicJob.ts';
import { labQuenchOptions, quenchOnEngine } from './quenchStage.ts';
import { quenchLevelRecorder, type LevelRecorder } from './quenchLevels.ts';
import type { Configuration } from '../../physics/configuration.ts';
import type { Model } from '../../physics/models.ts';

/** Normal modes along the quench: SD only, on the float64 engine (a GPU job quenches on the host and says so). */
function alongQuenchRecorder(ctx: JobContext, spec: RunSpec, model: Model, start: Configuration): LevelRecorder {
  if (spec.algorithm !== 'sd') throw new Error(`normal modes along the quench follow steepest descent (002 §III A), not ${spec.algorithm}: choose sd or turn them off`);
  if (ctx.engine.gpu) ctx.emit({ type: 'engine', runId: ctx.runId, engine: 'cpu', note: 'normal modes along the quench need every step in float64: the quench runs on the float64 engine' });
  return quenchLevelRecorder(model, start, (level) => ctx.emit({ type: 'level', runId: ctx.runId, level }), undefined, undefined,
    (level, t) => ctx.progress(Math.min(1, t / spec.tMax), `quench: normal modes at log10 W = ${Math.log10(level).toFixed(1)} (t = ${t.toPrecision(3)}), ${model.dim * spec.n} rows of H`, true));
}

export async function runSingleJob(ctx: JobContext, spec: RunSpec, startData?: ConfigurationData, settings: QuenchSettings = {}): Promise<SingleResult> {
  const t0 = performance.now();
  const model = getModel(spec.model);
  const start = startData
    ? fromConfigurationData(startData, model, spec.n)
    : (await equilibrateOnEngine(ctx, model, spec, 'equilibrium state')).configuration;
  const initial = toConfigurationData(start);
  const system = toConfigurationData(start);
  ctx.emit({ type: 'system', runId: ctx.runId, system, label: startData ? (spec.initialState ? `equilibrated state ${spec.initialState}` : 'given start') : `T = ${Number.isFinite(spec.temperature) ? spec.temperature : '∞'}, seed ${spec.seed}` }, transferablesOf(system));
  await ctx.checkpoint();
  ctx.analysable = true; // from here "stop and analyse" ends the quench and analyses where it got to
  const levels = settings.modesAlongQuench ? alongQuenchRecorder(ctx, spec, model, start) : null;
  const options = labQuenchOptions(spec, spec.algorithm, settings);
  const tQuench = performance.now();
  const q = await quenchOnEngine(ctx, model, start, levels ? { ...options, onStep: (s) => levels.onStep(s) } : options, 'main', 'quench');
  const quenchSeconds = (performance.now() - tQuench) / 1000;
  const stoppedEarly = ctx.control.finishing();
  ctx.phase('analyze', stoppedEarly ? 'stopped: defects φ_i and D²min of the configuration reached' : 'defects φ_i and D²min');
  await ctx.checkpoint();
  const particles = await particleResults(model, start, q.final, () => ctx.checkpoint(), ctx.engine);
  let harmonic: HarmonicResult | undefined;
  if (settings.harmonicPrediction && Number.isFinite(spec.temperature)) {
    ctx.phase('analyze', 'harmonic prediction (000 App. B): the spectrum of the Hessian');
    await ctx.checkpoint();
    harmonic = harmonicOfState(spec, q.final, { temperature: spec.temperature, times: q.series.t.filter((t) => t > 0) });
  }
  ctx.unitDone();
  return {
    kind: 'single', spec, engine: levels ? 'cpu' : ctx.engine.name, series: q.series, fit: curveBetaFit(q.series.t, q.series.speed, spec.fitWindow),
    reason: q.reason, steps: q.steps, dt: q.dt, forceTolerance: q.forceTolerance, forceCalls: q.forceCalls,
    energyPerParticle: q.energyPerParticle, maxForce: q.maxForce, initial, final: toConfigurationData(q.final), particles,
    seconds: (performance.now() - t0) / 1000, quenchSeconds, ...(stoppedEarly ? { stoppedEarly } : {}), ...(levels ? { landscapeLevels: levels.rows } : {}), ...(harmonic ? { harmonic } : {}),
  };
}
