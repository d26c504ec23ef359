// The file each export button downloads, built from the finished run (pure: the run's state in, name + text + type out).
import type { EngineName, EngineChoice, LabResult } from '../../engine/lab/protocol.ts';
import { stateLammpsData, stateXyz } from '../../io/exports/configurationExport.ts';
import { curvesCsv, curvesJson, type NamedCurve } from '../../io/exports/curvesExport.ts';
import { exportBaseName, exportFileName } from '../../io/exports/exportNames.ts';
import { lammpsDeck } from '../../io/exports/lammpsDeck.ts';
import { runFileFromResult, type FinishedRun } from '../../io/exports/runFileFromResult.ts';
import { kappaPairsCsv, softSpotsXyz } from '../../io/exports/softSpotsExport.ts';
import type { SoftSpotState } from '../../state/softSpotStore.ts';
import { writeRunFile } from '../../io/exports/runFileWrite.ts';
import type { Curve } from '../../state/runReducer.ts';

export interface ExportFile {
  name: string;
  text: string;
  type: string;
}

export const MIME = { csv: 'text/csv', json: 'application/json', text: 'text/plain' } as const;

export interface RunSnapshot {
  result: LabResult | null;
  curves: Readonly<Record<string, Curve>>;
  curveOrder: readonly string[];
  engine: EngineName | null;
  adapter: string | null;
  requested: EngineChoice;
  /** The soft spots of this run's final state (the soft-spot store's, when its source is this run). */
  softSpots?: FinishedRun['softSpots'];
}

function namedCurves(s: RunSnapshot): NamedCurve[] {
  return s.curveOrder.filter((n) => s.curves[n]).map((n) => s.curves[n]);
}

function base(s: RunSnapshot): string {
  return s.result ? exportBaseName(s.result.spec) : 'glasslab-stopped-run';
}

export function curvesCsvFile(s: RunSnapshot): ExportFile {
  return { name: `${base(s)}-curves.csv`, text: curvesCsv(namedCurves(s), s.result?.spec), type: MIME.csv };
}

export function curvesJsonFile(s: RunSnapshot): ExportFile {
  return { name: `${base(s)}-curves.json`, text: curvesJson(namedCurves(s), s.result?.spec), type: MIME.json };
}

function finished(s: RunSnapshot): LabResult {
  if (!s.result) throw new Error('the run has no result');
  return s.result;
}

export function runFile(s: RunSnapshot, now = new Date()): ExportFile {
  const result = finished(s);
  const text = writeRunFile(runFileFromResult({ result, curves: s.curves, curveOrder: s.curveOrder, requested: s.requested, used: s.engine, adapter: s.adapter, createdAt: now, softSpots: s.softSpots }));
  return { name: exportFileName(result.spec, 'run', 'json'), text, type: MIME.json };
}

export function stateXyzFile(s: RunSnapshot, which: 'initial' | 'final'): ExportFile {
  const r = finished(s);
  if (r.kind !== 'single' && !(r.kind === 'compare' && which === 'initial')) throw new Error(`a ${r.kind} run keeps no ${which} state`);
  const state = which === 'initial' ? r.initial : (r.kind === 'single' ? r.final : r.initial);
  const particles = r.kind === 'single' ? { defectFlags: r.particles.defectFlags, d2min: r.particles.d2min } : {};
  return { name: exportFileName(r.spec, which, 'xyz'), text: stateXyz(state, { model: r.spec.model, temperature: r.spec.temperature, ...particles }), type: MIME.text };
}

export function finalLammpsDataFile(s: RunSnapshot): ExportFile {
  const r = finished(s);
  if (r.kind !== 'single') throw new Error(`a ${r.kind} run keeps no final state`);
  return { name: exportFileName(r.spec, 'final', 'data'), text: stateLammpsData(r.final, { model: r.spec.model, temperature: r.spec.temperature, title: `GlassLab ${r.spec.model} final` }), type: MIME.text };
}

/** The data file and the input script (two downloads). */
export function lammpsDeckFiles(s: RunSnapshot): ExportFile[] {
  const r = finished(s);
  if (r.kind !== 'single' && r.kind !== 'compare') throw new Error(`a ${r.kind} run keeps no starting state`);
  const deck = lammpsDeck(r.spec, r.initial, { baseName: exportBaseName(r.spec) });
  return [deck.data, deck.input].map((f) => ({ ...f, type: MIME.text }));
}

/** What the soft-spot exports read: the state the results belong to and the results (src/state/softSpotStore.ts). */
export type SoftSpotSnapshot = Pick<SoftSpotState, 'source' | 'nonlinear' | 'elastic'>;

function softSpotSpec(s: SoftSpotSnapshot) {
  const spec = s.nonlinear.result?.spec ?? s.elastic.result?.spec;
  if (!s.source || !spec) throw new Error('there are no soft spots to export (compute the nonlinear modes or the elastic stiffness first)');
  return { source: s.source, spec };
}

/** Extended XYZ with psi, pi4, pi3 and kappa_local (whichever exist) on the state they were computed on. */
export function softSpotsXyzFile(s: SoftSpotSnapshot): ExportFile {
  const { source, spec } = softSpotSpec(s);
  const text = softSpotsXyz(source.configuration, { nonlinear: s.nonlinear.result, elastic: s.elastic.result }, { model: spec.model, temperature: spec.temperature });
  return { name: exportFileName(spec, 'soft-spots', 'xyz'), text, type: MIME.text };
}

/** CSV of the measured pairs: i, j, kappa_ij. */
export function kappaPairsFile(s: SoftSpotSnapshot): ExportFile {
  const { spec } = softSpotSpec(s);
  if (!s.elastic.result) throw new Error('there are no κ_ij to export (compute the elastic stiffness first)');
  return { name: exportFileName(spec, 'kappa-pairs', 'csv'), text: kappaPairsCsv(s.elastic.result), type: MIME.csv };
}
