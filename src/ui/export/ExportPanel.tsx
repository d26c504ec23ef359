// Export and import: the finished run's curves (CSV, JSON), a run file, its initial and final states (extended XYZ, LAMMPS
// data), a LAMMPS deck that repeats the quench, and the velocity plot (PNG, SVG); a configuration file as the starting state
// and a run file back into the lab. What the run lacks is disabled, with the reason as the tooltip; errors show in one line.
import { useState, type ChangeEvent } from 'react';
import type { RunFile } from '../../io/exports/runFileTypes.ts';
import { useRunStore } from '../../state/runStore.ts';
import { useSpecStore } from '../../state/specStore.ts';
import type { Plotly } from '../views/plots/loadPlotly.ts';
import { downloadFile } from './download.ts';
import { exportReasons, SHOWN_ONLY_WITH_DATA, type ExportKind } from './exportAvailability.ts';
import { curvesCsvFile, curvesJsonFile, finalLammpsDataFile, kappaPairsFile, lammpsDeckFiles, runFile, softSpotsXyzFile, stateXyzFile, type ExportFile, type RunSnapshot } from './exportFiles.ts';
import { useSoftSpotStore } from '../../state/softSpotStore.ts';
import { ImportedStartNote } from './ImportedStartNote.tsx';
import { importStateFile } from './importStateFile.ts';
import { importRunFile } from './importRunFile.ts';
import { downloadVelocityPlot } from './plotImage.ts';
import { LandscapeExportButtons } from '../landscape/LandscapeExportButtons.tsx';
import './export.css';

export interface ExportPanelProps {
  /** Receives an imported run file (the library stores it); without it the run's curve is kept on the plot. */
  onImportRun?: (run: RunFile) => void;
  /** Test seam: where Plotly comes from. */
  loadPlotly?: () => Promise<Plotly>;
}

function snapshot(): RunSnapshot {
  const r = useRunStore.getState();
  const spots = useSoftSpotStore.getState();
  const own = spots.source !== null && spots.source.runId !== null && spots.source.runId === r.runId;
  const softSpots = own && spots.source ? { state: spots.source.configuration, nonlinear: spots.nonlinear.result, elastic: spots.elastic.result } : undefined;
  return { result: r.result, curves: r.curves, curveOrder: r.curveOrder, engine: r.engine, adapter: r.adapter, requested: useSpecStore.getState().engine, softSpots };
}

const FILES: Partial<Record<ExportKind, (s: RunSnapshot) => ExportFile[]>> = {
  csv: (s) => [curvesCsvFile(s)],
  json: (s) => [curvesJsonFile(s)],
  run: (s) => [runFile(s)],
  xyzInitial: (s) => [stateXyzFile(s, 'initial')],
  xyzFinal: (s) => [stateXyzFile(s, 'final')],
  lammpsData: (s) => [finalLammpsDataFile(s)],
  lammpsDeck: lammpsDeckFiles,
  softSpotsXyz: () => [softSpotsXyzFile(useSoftSpotStore.getState())],
  kappaPairs: () => [kappaPairsFile(useSoftSpotStore.getState())],
};

const BUTTONS: { kind: ExportKind; testId: string; label: string; what: string }[] = [
  { kind: 'csv', testId: 'export-csv', label: 'CSV', what: 'the curves as CSV (curve, t, speed, E/N)' },
  { kind: 'json', testId: 'export-json', label: 'JSON', what: 'the curves as JSON' },
  { kind: 'run', testId: 'export-run', label: 'Run file', what: 'the whole run as a file that imports back' },
  { kind: 'xyzInitial', testId: 'export-xyz-initial', label: 'XYZ initial', what: 'the initial state as extended XYZ (OVITO, ASE)' },
  { kind: 'xyzFinal', testId: 'export-xyz-final', label: 'XYZ final', what: 'the final state as extended XYZ, with phi and d2min' },
  { kind: 'lammpsData', testId: 'export-lammps-data', label: 'LAMMPS data', what: 'the final state as a LAMMPS data file' },
  { kind: 'lammpsDeck', testId: 'export-lammps-deck', label: 'LAMMPS deck', what: 'a data file and an input script that repeat the quench with LAMMPS' },
  { kind: 'png', testId: 'export-png', label: 'PNG', what: 'the velocity plot as PNG' },
  { kind: 'svg', testId: 'export-svg', label: 'SVG', what: 'the velocity plot as SVG' },
  { kind: 'softSpotsXyz', testId: 'export-soft-spots-xyz', label: 'Soft spots XYZ', what: 'the quenched state as extended XYZ with psi, pi4, pi3 and kappa_local' },
  { kind: 'kappaPairs', testId: 'export-kappa-pairs', label: 'κ_ij pairs CSV', what: 'the dipole stiffness of every measured pair as CSV (i, j, kappa_ij)' },
];

export function ExportPanel({ onImportRun, loadPlotly }: ExportPanelProps) {
  const status = useRunStore((s) => s.status);
  const result = useRunStore((s) => s.result);
  const curveCount = useRunStore((s) => s.curveOrder.length);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const nonlinearSpots = useSoftSpotStore((s) => s.nonlinear.result !== null && s.source !== null);
  const elasticSpots = useSoftSpotStore((s) => s.elastic.result !== null && s.source !== null);
  const reasons = exportReasons({ status, result, curveCount, softSpots: { nonlinear: nonlinearSpots, elastic: elasticSpots } });

  const attempt = async (work: () => Promise<string | null> | string | null) => {
    try {
      const note = await work();
      setError(null);
      setMessage(note);
    } catch (e) {
      setMessage(null);
      setError((e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' '));
    }
  };

  const exportKind = (kind: ExportKind) => attempt(async () => {
    if (kind === 'png' || kind === 'svg') {
      await downloadVelocityPlot(kind, result ? `glasslab-${result.spec.model}-velocity` : 'glasslab-velocity', loadPlotly);
      return null;
    }
    const files = FILES[kind]!(snapshot());
    files.forEach(downloadFile);
    return files.length > 1 ? `saved ${files.map((f) => f.name).join(' and ')}` : null;
  });

  const onFile = (read: (file: File) => Promise<string>) => (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void attempt(() => read(file)).finally(() => { input.value = ''; });
  };

  return (
    <section className="panel export-panel" aria-label="Export and import" data-testid="export-panel">
      <div className="export-row">
        <span className="export-label">Export</span>
        {BUTTONS.filter((b) => !SHOWN_ONLY_WITH_DATA.includes(b.kind) || reasons[b.kind] === null).map((b) => (
          <button key={b.kind} type="button" data-testid={b.testId} disabled={reasons[b.kind] !== null}
            title={reasons[b.kind] === null ? b.what : `${b.what}: ${reasons[b.kind]}`} onClick={() => void exportKind(b.kind)}>
            {b.label}
          </button>
        ))}
        <LandscapeExportButtons />
      </div>
      <div className="export-row">
        <label title="An extended XYZ or LAMMPS data file: the next run quenches it instead of equilibrating">
          Import state <input type="file" data-testid="import-state" accept=".xyz,.extxyz,.data,.lmp,.lammps" onChange={onFile(importStateFile)} />
        </label>
        <label title="A GlassLab run file (JSON) exported with Run file">
          Import run <input type="file" data-testid="import-run" accept=".json,application/json" onChange={onFile((f) => importRunFile(f, onImportRun))} />
        </label>
      </div>
      <ImportedStartNote />
      {error ? <p className="export-error" role="alert" data-testid="export-error">{error}</p> : null}
      {message ? <p className="export-message" data-testid="export-message">{message}</p> : null}
    </section>
  );
}
