// A run file (src/io/exports, exported from this or another GlassLab) as a library record: its curves, fit, defects and
// configurations, status 'done', under a fresh id so importing the same file twice keeps both.
import type { RunFile } from '../../io/exports/runFileTypes.ts';
import { defaultRunName, newRecordId } from './recordFromRun.ts';
import { sized, softSpotFactsOf, type CurveData, type RunRecord } from './runRecord.ts';
import { keyedEntries } from '../userKeys.ts';
import { RECORD_SCHEMA_VERSION } from './recordSchema.ts';

export function recordFromRunFile(file: RunFile, now = Date.now()): RunRecord {
  const curves = keyedEntries<CurveData>(file.curves.map((c) => [c.name, { t: c.t, speed: c.speed, energyPerParticle: c.energyPerParticle }]));
  const created = Date.parse(file.createdAt);
  const p = file.particles;
  return sized({
    schemaVersion: RECORD_SCHEMA_VERSION, id: newRecordId(now), name: file.name ?? `${defaultRunName({ ...file.job, spec: file.spec })} (imported)`,
    createdAt: Number.isFinite(created) ? created : now, updatedAt: now, status: 'done', error: null,
    spec: file.spec, job: file.job, engine: file.engine, fit: file.fit,
    defects: p ? { samples: 1, phiMean: p.defectConcentration, chi: null, concentrations: [p.defectConcentration], xCutEq: p.xCutEq } : null,
    facts: null, curveOrder: file.curves.map((c) => c.name),
    hasConfigurations: Boolean(file.initial && file.final), byteSize: 0,
    curves, configurations: file.initial && file.final ? { initial: file.initial, finals: [file.final] } : null,
    ...(file.softSpots ? { softSpots: file.softSpots, softSpotFacts: softSpotFactsOf(file.softSpots) } : {}),
  });
}
