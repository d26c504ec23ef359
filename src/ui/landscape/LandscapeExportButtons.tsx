// Export of the landscape results (issue 10): the W-level table of normal modes along the quench as CSV or JSON, shown in
// the export panel once the run has levels (streamed or in its result).
import type { LandscapeLevelRow } from '../../engine/lab/protocol.ts';
import { exportFileName } from '../../io/exports/exportNames.ts';
import { landscapeLevelsCsv, landscapeLevelsJson } from '../../io/exports/landscapeExport.ts';
import { useRunStore } from '../../state/runStore.ts';
import { downloadFile } from '../export/download.ts';
import { MIME } from '../export/exportFiles.ts';

export function LandscapeExportButtons() {
  const result = useRunStore((s) => s.result);
  const streamed = useRunStore((s) => s.levels);
  const rows: LandscapeLevelRow[] = result?.kind === 'single' && result.landscapeLevels ? result.landscapeLevels : streamed;
  if (rows.length === 0) return null;
  const spec = result?.spec;
  const name = (ext: string) => (spec ? exportFileName(spec, 'w-levels', ext) : `glasslab-w-levels.${ext}`);
  return (
    <>
      <button type="button" data-testid="export-levels-csv" title="the W levels of normal modes along the quench (W, t, f_u, P) as CSV"
        onClick={() => downloadFile({ name: name('csv'), text: landscapeLevelsCsv(rows, spec), type: MIME.csv })}>W levels CSV</button>
      <button type="button" data-testid="export-levels-json" title="the W levels of normal modes along the quench as JSON"
        onClick={() => downloadFile({ name: name('json'), text: landscapeLevelsJson(rows, spec), type: MIME.json })}>W levels JSON</button>
    </>
  );
}
