// A starting state the user imported from a file (src/ui/export/importStateFile.ts): the lab quenches it instead of
// equilibrating, as long as the run spec's model, N, T and seed are still those set at the import (a changed system drops it,
// as a changed model drops a shipped state). labController reads it through withImportedStart.
import { create } from 'zustand';
import type { ConfigurationData, LabJob } from '../engine/lab/protocol.ts';
import type { ModelName } from '../physics/models.ts';

export interface ImportedStart {
  /** The file it came from (for the label). */
  file: string;
  configuration: ConfigurationData;
  model: ModelName;
  n: number;
  /** The spec's T and seed right after the import (null: any). */
  temperature: number | null;
  seed: number | null;
}

interface ImportedStartStore {
  start: ImportedStart | null;
  set(start: ImportedStart): void;
  clear(): void;
}

export const useImportedStart = create<ImportedStartStore>()((set) => ({
  start: null,
  set: (start) => set({ start }),
  clear: () => set({ start: null }),
}));

/** Whether the imported start fits this spec (same model, N, T and seed as at the import). */
export function importedStartFits(start: ImportedStart | null, spec: { model: string; n: number; temperature: number; seed: number }): start is ImportedStart {
  return start !== null && start.model === spec.model && start.n === spec.n
    && (start.temperature === null || start.temperature === spec.temperature) && (start.seed === null || start.seed === spec.seed);
}

/** The job with the imported start as its `start` when it fits (single and compare jobs), else the job unchanged. */
export function withImportedStart(job: LabJob): LabJob {
  if (job.kind !== 'single' && job.kind !== 'compare') return job;
  const start = useImportedStart.getState().start;
  return importedStartFits(start, job.spec) ? { ...job, start: start.configuration } : job;
}
