// Which exports the current run allows: each button's reason to be disabled (its tooltip), or null when it may export.
import type { LabResult } from '../../engine/lab/protocol.ts';
import { lammpsDeckUnsupported } from '../../io/exports/lammpsDeck.ts';
import type { RunStatus } from '../../state/runReducer.ts';

export const EXPORT_KINDS = ['csv', 'json', 'run', 'xyzInitial', 'xyzFinal', 'lammpsData', 'lammpsDeck', 'png', 'svg', 'softSpotsXyz', 'kappaPairs'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportSnapshot {
  status: RunStatus;
  result: LabResult | null;
  curveCount: number;
  /** Which soft-spot results of a finished quench the lab holds (src/state/softSpotStore.ts); absent: none. */
  softSpots?: { nonlinear: boolean; elastic: boolean };
}

/** Exports whose button shows only while their data exists (not disabled with a reason, but absent). */
export const SHOWN_ONLY_WITH_DATA: readonly ExportKind[] = ['softSpotsXyz', 'kappaPairs'];

function curvesReason(s: ExportSnapshot): string | null {
  if (s.status === 'idle') return 'run an experiment first';
  if (s.status === 'running' || s.status === 'paused') return 'wait until the run has finished (or stop it)';
  if (s.curveCount === 0) return 'the run recorded no curve';
  return null;
}

function resultReason(s: ExportSnapshot): string | null {
  if (s.status === 'done' && s.result) return null;
  if (s.status === 'stopped' || s.status === 'error') return 'the run did not finish, so it has no result';
  return curvesReason(s) ?? 'the run has no result';
}

/** Reasons by export kind (null: enabled). */
export function exportReasons(s: ExportSnapshot): Record<ExportKind, string | null> {
  const result = resultReason(s);
  const r = s.status === 'done' ? s.result : null;
  const initial = result ?? (r?.kind === 'single' || r?.kind === 'compare' ? null : `a${r?.kind === 'ensemble' ? 'n' : ''} ${r?.kind} run keeps no configuration (run a single quench)`);
  const final = result ?? (r?.kind === 'single' ? null : r?.kind === 'compare' ? 'a comparison has one final state per algorithm; export them from single runs' : initial);
  const curves = curvesReason(s);
  const plot = s.curveCount > 0 ? null : 'nothing is plotted yet';
  return {
    csv: curves, json: curves, run: result,
    xyzInitial: initial, xyzFinal: final, lammpsData: final,
    lammpsDeck: initial ?? (r ? lammpsDeckUnsupported(r.spec.model) : null),
    png: plot, svg: plot,
    softSpotsXyz: s.softSpots?.nonlinear || s.softSpots?.elastic ? null : 'compute the nonlinear modes or the elastic stiffness of a quenched state first',
    kappaPairs: s.softSpots?.elastic ? null : 'compute the elastic stiffness (κ_ij) of a quenched state first',
  };
}
