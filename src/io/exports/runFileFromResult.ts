// A run file (runFileTypes.ts) from what a finished run holds: its LabResult, its curves in order, and the engine it ran on.
import type { BetaFit, EngineName, EngineChoice, LabResult } from '../../engine/lab/protocol.ts';
import { curveBetaFit } from '../../physics/analysis/betaFit.ts';
import { RUN_FILE_FORMAT, RUN_FILE_VERSION, type RunFile, type RunFileCurve, type RunFileFit, type RunFileJob } from './runFileTypes.ts';

export interface FinishedRun {
  result: LabResult;
  /** Curves by name, as the run store holds them. */
  curves: Readonly<Record<string, { t: number[]; speed: number[]; energyPerParticle: number[] }>>;
  /** Curve names in order of first sample. */
  curveOrder: readonly string[];
  requested: EngineChoice;
  used?: EngineName | null;
  adapter?: string | null;
  name?: string;
  createdAt: Date;
  /** The soft spots of the run's final state, when the lab computed them. */
  softSpots?: RunFile['softSpots'];
}

function fitOf(f: BetaFit | null): RunFileFit | null {
  return f ? { beta: f.beta, low: f.low, high: f.high, interval: f.interval, tMin: f.tMin, tMax: f.tMax } : null;
}

function jobOf(r: LabResult): RunFileJob {
  switch (r.kind) {
    case 'single': return { kind: 'single' };
    case 'ensemble': return { kind: 'ensemble', samples: r.samples };
    case 'sweep': return { kind: 'sweep', temperatures: r.points.map((p) => p.temperature), samples: Math.max(1, ...r.points.map((p) => p.samples)) };
    case 'compare': return { kind: 'compare', algorithms: [...r.algorithms] };
  }
}

function resultFit(r: LabResult): RunFileFit | null {
  if (r.kind === 'single' || r.kind === 'ensemble') return fitOf(r.fit);
  if (r.kind === 'compare' && r.series.sd) {
    try { return fitOf(curveBetaFit(r.series.sd.t, r.series.sd.speed, r.spec.fitWindow)); } catch { return null; }
  }
  return null;
}

/** The finished run as a run file object (write it with writeRunFile). */
export function runFileFromResult(run: FinishedRun): RunFile {
  const r = run.result;
  const curves: RunFileCurve[] = run.curveOrder.filter((n) => run.curves[n]).map((name) => {
    const c = run.curves[name];
    return { name, t: [...c.t], speed: [...c.speed], energyPerParticle: [...c.energyPerParticle] };
  });
  if (curves.length === 0 && r.kind === 'single' && r.series.t.length > 0) {
    curves.push({ name: 'main', t: [...r.series.t], speed: [...r.series.speed], energyPerParticle: [...r.series.energyPerParticle] });
  }
  const file: RunFile = {
    format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION,
    ...(run.name !== undefined ? { name: run.name } : {}),
    spec: r.spec, job: jobOf(r),
    engine: { requested: run.requested, used: run.used ?? r.engine, adapter: run.adapter ?? null },
    curves, fit: resultFit(r), createdAt: run.createdAt.toISOString(),
  };
  if (r.kind === 'single') {
    const p = r.particles;
    if (p.xCutEq > 0 && Number.isFinite(p.xCutEq) && p.defectConcentration >= 0 && p.defectConcentration <= 1) file.particles = { defectConcentration: p.defectConcentration, xCutEq: p.xCutEq, xCutSource: p.xCutSource, defectFlags: p.defectFlags, d2min: p.d2min };
    file.initial = r.initial;
    file.final = r.final;
    if (run.softSpots && (run.softSpots.nonlinear || run.softSpots.elastic)) file.softSpots = run.softSpots;
  } else if (r.kind === 'compare') {
    file.initial = r.initial;
  }
  return file;
}
