// Library records from the lab's state: the record written when a run starts, its updates while it runs, and the full
// record when it ends (result → fit, defect statistics and facts; configurations when kept). Pure functions of their inputs.
import type { BetaFit, EngineChoice, LabJob, LabResult } from '../../engine/lab/protocol.ts';
import { curveBetaFit } from '../../physics/analysis/betaFit.ts';
import { curveGroups } from '../curveGroups.ts';
import type { RunState } from '../runReducer.ts';
import { jobParams, sized, type CurveData, type DefectStatistics, type FitSummary, type KeptConfigurations, type LandscapeRecord, type RecordStatus, type ResultFacts, type RunRecord } from './runRecord.ts';
import { keyedByUser, keyedEntries, ownValue } from '../userKeys.ts';
import { RECORD_SCHEMA_VERSION } from './recordSchema.ts';

export function defaultRunName(job: LabJob): string {
  const s = job.spec;
  const base = `${s.model}, T = ${Number.isFinite(s.temperature) ? s.temperature : '∞'}, N = ${s.n}, ${s.algorithm}, seed ${s.seed}`;
  switch (job.kind) {
    case 'single': return base;
    case 'ensemble': return `${base}, ${job.samples} samples`;
    case 'sweep': return `sweep of ${job.temperatures.length} T × ${job.samples}: ${s.model}, N = ${s.n}, seed ${s.seed}`;
    case 'compare': return `${job.algorithms.join('/')} from ${s.model}, T = ${Number.isFinite(s.temperature) ? s.temperature : '∞'}, N = ${s.n}, seed ${s.seed}`;
  }
}

export function newRecordId(now: number): string {
  return `${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The record written the moment a run starts, before any sample: its spec and job, status 'running'. */
export function startedRecord(id: string, job: LabJob, engine: EngineChoice, now: number): RunRecord {
  return sized({
    schemaVersion: RECORD_SCHEMA_VERSION, id, name: defaultRunName(job), createdAt: now, updatedAt: now, status: 'running', error: null,
    spec: job.spec, job: jobParams(job), engine: { requested: engine, used: null, adapter: null },
    fit: null, defects: null, facts: null, curveOrder: [], hasConfigurations: false, byteSize: 0,
    curves: {}, configurations: null,
  });
}

function curvesOf(run: RunState): Record<string, CurveData> {
  const out = keyedByUser<CurveData>();
  for (const name of run.curveOrder) {
    const c = ownValue(run.curves, name);
    if (c) out[name] = { t: c.t, speed: c.speed, energyPerParticle: c.energyPerParticle };
  }
  return out;
}

/** The record with the run's curves and engine so far (status unchanged). */
export function withRunProgress(r: RunRecord, run: RunState, now: number): RunRecord {
  return sized({
    ...r, updatedAt: now, curves: curvesOf(run), curveOrder: run.curveOrder.filter((n) => ownValue(run.curves, n)),
    engine: { ...r.engine, used: run.engine ?? r.engine.used, adapter: run.adapter ?? r.engine.adapter },
  });
}

export function fitSummary(f: BetaFit | null): FitSummary | null {
  return f ? { beta: f.beta, low: f.low, high: f.high, interval: f.interval, tMin: f.tMin, tMax: f.tMax } : null;
}

/** β of the curves as the plot's readout shows it: SD's in a comparison, else the latest group. */
function fitOfCurves(r: RunRecord): FitSummary | null {
  if (r.curveOrder.length === 0) return null;
  const order = r.curveOrder.filter((name) => ownValue(r.curves, name));
  const curves = keyedEntries(order.map((name) => [name, { name, ...r.curves[name] }]));
  const groups = curveGroups(curves, order, r.spec.fitWindow, false, 200);
  const shown = groups.find((g) => g.key === 'sd' && groups.length > 1) ?? groups[groups.length - 1];
  return fitSummary(shown?.fit ?? null);
}

function concentrationStats(concentrations: number[], n: number, xCutEq: number | null): DefectStatistics {
  const m = concentrations.length;
  const mean = concentrations.reduce((a, b) => a + b, 0) / Math.max(1, m);
  const meanSquare = concentrations.reduce((a, b) => a + b * b, 0) / Math.max(1, m);
  return { samples: m, phiMean: mean, chi: m > 1 ? n * (meanSquare - mean * mean) : null, concentrations, xCutEq };
}

function resultFit(result: LabResult): FitSummary | null {
  switch (result.kind) {
    case 'single': case 'ensemble': return fitSummary(result.fit);
    case 'sweep': return null;
    case 'compare': {
      const sd = result.series.sd;
      try { return sd ? fitSummary(curveBetaFit(sd.t, sd.speed, result.spec.fitWindow)) : null; } catch { return null; }
    }
  }
}

function resultDefects(result: LabResult): DefectStatistics | null {
  switch (result.kind) {
    case 'single': return concentrationStats([result.particles.defectConcentration], result.spec.n, result.particles.xCutEq);
    case 'ensemble': return concentrationStats(result.defectConcentrations, result.spec.n, null);
    default: return null;
  }
}

function resultFacts(result: LabResult): ResultFacts {
  switch (result.kind) {
    case 'single':
      return { kind: 'single', seconds: result.seconds, reason: result.reason, steps: result.steps, energyPerParticle: result.energyPerParticle, xCutSource: result.particles.xCutSource };
    case 'ensemble':
      return { kind: 'ensemble', seconds: result.seconds, samples: result.samples };
    case 'sweep':
      return { kind: 'sweep', seconds: result.seconds, points: result.points.map((p) => ({ temperature: p.temperature, samples: p.samples, meanDefects: p.meanDefects, susceptibility: p.susceptibility, fit: fitSummary(p.fit) })) };
    case 'compare':
      return { kind: 'compare', seconds: result.seconds, algorithms: result.algorithms, distances: result.distances, energyPerParticle: result.energyPerParticle };
  }
}

function resultConfigurations(result: LabResult): KeptConfigurations | null {
  if (result.kind === 'single') return { initial: result.initial, finals: [result.final] };
  if (result.kind === 'compare') return { initial: result.initial, finals: result.finals };
  return null;
}

/** The landscape results of a single quench, when it has any (issue 10). */
export function landscapeOfResult(result: LabResult): LandscapeRecord | null {
  if (result.kind !== 'single' || (!result.landscapeLevels && !result.harmonic)) return null;
  const h = result.harmonic;
  return {
    levels: result.landscapeLevels ?? [],
    harmonic: h ? { temperature: h.temperature, method: h.method, t: h.t, speed: h.speed, energyExcessPerParticle: h.energyExcessPerParticle, vdos: h.vdos } : null,
  };
}

/** The record of an ended run: 'done' with the result's fit, defects and facts; 'stopped' or 'error' with the curves' fit. */
export function endedRecord(r: RunRecord, run: RunState, now: number, keepConfigurations: boolean): RunRecord {
  const status: RecordStatus = run.status === 'done' ? 'done' : run.status === 'error' ? 'error' : 'stopped';
  const base = withRunProgress({ ...r, status, error: run.error }, run, now);
  const result = run.status === 'done' ? run.result : null;
  if (!result) return sized({ ...base, fit: fitOfCurves(base) });
  const configurations = keepConfigurations ? resultConfigurations(result) : null;
  const landscape = landscapeOfResult(result);
  return sized({
    ...(landscape ? { landscape } : {}),
    ...base, engine: { ...base.engine, used: result.engine },
    fit: resultFit(result) ?? fitOfCurves(base), defects: resultDefects(result), facts: resultFacts(result),
    configurations, hasConfigurations: configurations !== null,
  });
}

/** The record without its configurations (to fit a full storage). */
export function withoutConfigurations(r: RunRecord): RunRecord {
  return sized({ ...r, configurations: null, hasConfigurations: false });
}
