// Export of the landscape results (issue 10): the W-level table of normal modes along the quench as CSV or JSON, shown in
// the export panel once the run has levels (streamed or in its result), and the Landscape panel's normal modes as extended
// XYZ with vector columns mode_1 … mode_K (the file `glasslab modes --out` writes; OVITO draws them as arrows, ASE reads them).
import type { LandscapeLevelRow } from '../../engine/lab/protocol.ts';
import { exportFileName } from '../../io/exports/exportNames.ts';
import { landscapeLevelsCsv, landscapeLevelsJson, modesXyz } from '../../io/exports/landscapeExport.ts';
import { useLandscapeStore } from '../../state/landscapeStore.ts';
import { useRunStore } from '../../state/runStore.ts';
import { downloadFile } from '../export/download.ts';
import { MIME } from '../export/exportFiles.ts';

export function LandscapeExportButtons() {
  const result = useRunStore((s) => s.result);
  const streamed = useRunStore((s) => s.levels);
  const modes = useLandscapeStore((s) => s.result);
  const source = useLandscapeStore((s) => s.source);
  const rows: LandscapeLevelRow[] = result?.kind === 'single' && result.landscapeLevels ? result.landscapeLevels : streamed;
  if (rows.length === 0 && !(modes && source)) return null;
  const spec = result?.spec;
  const name = (what: string, ext: string) => (spec ? exportFileName(spec, what, ext) : `glasslab-${what}.${ext}`);
  return (
    <>
      {rows.length > 0 ? (
        <>
          <button type="button" data-testid="export-levels-csv" title="the W levels of normal modes along the quench (W, t, f_u, P) as CSV"
            onClick={() => downloadFile({ name: name('w-levels', 'csv'), text: landscapeLevelsCsv(rows, spec), type: MIME.csv })}>W levels CSV</button>
          <button type="button" data-testid="export-levels-json" title="the W levels of normal modes along the quench as JSON"
            onClick={() => downloadFile({ name: name('w-levels', 'json'), text: landscapeLevelsJson(rows, spec), type: MIME.json })}>W levels JSON</button>
        </>
      ) : null}
      {modes && source ? (
        <button type="button" data-testid="export-modes-xyz"
          title={`${source.label} with its lowest ${modes.eigenvalues.length} normal modes as vector columns mode_1 … mode_${modes.eigenvalues.length} (extended XYZ)`}
          onClick={() => downloadFile({
            name: exportFileName(modes.spec, 'modes', 'xyz'),
            text: modesXyz(source.configuration, modes.vectors, { model: modes.spec.model, eigenvalues: Array.from(modes.eigenvalues) }),
            type: MIME.text,
          })}>modes XYZ</button>
      ) : null}
    </>
  );
}
