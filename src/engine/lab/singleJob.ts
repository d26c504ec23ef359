// The single job: equilibrate (or take the page's start), quench with frames, then per-particle defects and D²min, and β.
import { getModel } from '../../physics/models.ts';
import type { RunSpec } from '../runSpec.ts';
import { curveBetaFit } from '../../physics/analysis/betaFit.ts';
import { fromConfigurationData, toConfigurationData, transferablesOf } from './configurationData.ts';
import type { JobContext } from './context.ts';
import { equilibrateOnEngine } from './equilibration.ts';
import { particleResults } from './particleResults.ts';
import type { ConfigurationData, QuenchSettings, SingleResult } from './protocol.ts';
import { labQuenchOptions, quenchOnEngine } from './quenchStage.ts';

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
  const tQuench = performance.now();
  const q = await quenchOnEngine(ctx, model, start, labQuenchOptions(spec, spec.algorithm, settings), 'main', 'quench');
  const quenchSeconds = (performance.now() - tQuench) / 1000;
  const stoppedEarly = ctx.control.finishing();
  ctx.phase('analyze', stoppedEarly ? 'stopped: defects φ_i and D²min of the configuration reached' : 'defects φ_i and D²min');
  await ctx.checkpoint();
  const particles = await particleResults(model, start, q.final, () => ctx.checkpoint(), ctx.engine);
  ctx.unitDone();
  return {
    kind: 'single', spec, engine: ctx.engine.name, series: q.series, fit: curveBetaFit(q.series.t, q.series.speed, spec.fitWindow),
    reason: q.reason, steps: q.steps, dt: q.dt, forceTolerance: q.forceTolerance, forceCalls: q.forceCalls,
    energyPerParticle: q.energyPerParticle, maxForce: q.maxForce, initial, final: toConfigurationData(q.final), particles,
    seconds: (performance.now() - t0) / 1000, quenchSeconds, ...(stoppedEarly ? { stoppedEarly } : {}),
  };
}
