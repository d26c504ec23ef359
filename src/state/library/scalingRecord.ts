// A finished finite-size scaling run as a library record, and back: the record keeps the sizes, the collapse (z, β, their
// bootstrap intervals, raw and collapsed mean curves) and each size's mean ⟨|v(t)|⟩ as a curve named "N=…" (so it can be
// overlaid on the main plot too); reopening it puts the result back in the run store, where the scaling panel redraws it.
import type { EngineChoice, ScalingResult } from '../../engine/lab/protocol.ts';
import { useRunStore } from '../runStore.ts';
import { useScalingSetupStore } from '../scalingSetupStore.ts';
import { RECORD_SCHEMA_VERSION } from './recordSchema.ts';
import { sized, type CurveData, type RunRecord, type RunSummary } from './runRecord.ts';

/** The record of a finished scaling result. */
export function recordOfScaling(id: string, result: ScalingResult, engine: EngineChoice, now: number): RunRecord {
  const { fit } = result;
  const curves: Record<string, CurveData> = Object.create(null);
  for (const c of fit.curves) curves[`N=${c.n}`] = { t: [...c.t], speed: [...c.speed], energyPerParticle: [] };
  const sizes = fit.curves.map((c) => c.n);
  return sized({
    schemaVersion: RECORD_SCHEMA_VERSION, id, name: `finite-size scaling, N = ${sizes.join(', ')}: z = ${fit.z.toFixed(3)}`,
    createdAt: now, updatedAt: now, status: 'done', error: null,
    spec: result.spec, job: { kind: 'ensemble', samples: result.samples }, engine: { requested: engine, used: result.engine, adapter: null },
    fit: null, defects: null, facts: { kind: 'ensemble', seconds: result.seconds, samples: result.samples },
    curveOrder: Object.keys(curves), hasConfigurations: false, byteSize: 0, curves, configurations: null,
    scaling: { sizes, samples: result.samples, seconds: result.seconds, fit },
  });
}

/** The scaling result a record keeps (without the per-sample curves, which the plots do not need); null for other runs. */
export function scalingOfRecord(r: RunSummary): ScalingResult | null {
  const s = r.scaling;
  if (!s) return null;
  return { kind: 'scaling', spec: r.spec, engine: r.engine.used ?? 'cpu', samples: s.samples, ensembles: [], fit: s.fit, seconds: s.seconds };
}

/** Reopens a kept scaling run: its result in the run store (the panel redraws the plots) and its sizes and samples in the set-up. */
export function openScalingRecord(r: RunSummary): boolean {
  const result = scalingOfRecord(r);
  if (!result) return false;
  useScalingSetupStore.getState().set({ sizesText: result.fit.curves.map((c) => c.n).join(', '), samplesText: String(result.samples), z: null, zFromLink: false });
  useRunStore.getState().showScaling(result);
  return true;
}
