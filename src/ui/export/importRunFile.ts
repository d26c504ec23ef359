// Import a run file: parsed and checked (readRunFile), then handed to the library, or, without one, kept on the plot.
import { readRunFile } from '../../io/exports/runFileRead.ts';
import { MAX_RUN_FILE_CHARS, type RunFile } from '../../io/exports/runFileTypes.ts';
import { useRunStore } from '../../state/runStore.ts';
import { overlayOfRunFile, runFileLabel } from './runOverlay.ts';

/** Reads the run file; hands it to `onImportRun` or puts its curve on the plot; returns the line to show. */
export async function importRunFile(file: File, onImportRun?: (run: RunFile) => void): Promise<string> {
  if (file.size > MAX_RUN_FILE_CHARS * 4) throw new Error(`${file.name} is ${(file.size / 2 ** 20).toFixed(0)} MB, more than a run file may hold`);
  const run = readRunFile(await file.text());
  if (onImportRun) {
    onImportRun(run);
    return `${file.name}: imported ${runFileLabel(run)}`;
  }
  const overlay = overlayOfRunFile(run);
  if (!overlay) throw new Error(`${file.name}: the run has no curve to show`);
  useRunStore.getState().keepAsOverlay(overlay);
  return `${file.name}: ${runFileLabel(run)} kept on the plot`;
}
