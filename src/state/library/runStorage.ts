// Where the library keeps its runs: an interface with an IndexedDB implementation (the page) and an in-memory one (tests, and
// browsers without IndexedDB). A put writes the summary and the heavy data together or not at all.
import type { ReadSummaries } from './recordSchema.ts';
import type { RunRecord, RunSummary } from './runRecord.ts';

export interface StorageUsage {
  usedBytes: number;
  /** What the browser allows this origin, when it says. */
  quotaBytes: number | null;
}

export interface RunStorage {
  /** Writes the whole record (summary and heavy data) atomically; throws StorageFullError when the quota is reached. */
  put(record: RunRecord): Promise<void>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Every summary that reads (no curves, no configurations), newest first. */
  list(): Promise<RunSummary[]>;
  /** The same, with one line for each stored summary skipped because it could not be read (recordSchema.ts). */
  readAll(): Promise<ReadSummaries>;
  delete(id: string): Promise<void>;
  /** Renames one record; returns its new summary (undefined when there is no such record). */
  rename(id: string, name: string): Promise<RunSummary | undefined>;
  /** Changes the status of every record in `from` to `to`, but those in `except` (page load: 'running' → 'incomplete', except
   * runs still going in another tab); returns the changed ids. */
  markStatus(from: RunSummary['status'], to: RunSummary['status'], except?: ReadonlySet<string>): Promise<string[]>;
  estimate(): Promise<StorageUsage>;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

/** The browser's storage quota was reached: nothing of the record was written. */
export class StorageFullError extends Error {
  readonly usedBytes: number;
  constructor(usedBytes: number) {
    super(`browser storage is full (${megabytes(usedBytes)} used): delete runs in the library to free space`);
    this.name = 'StorageFullError';
    this.usedBytes = usedBytes;
  }
}

/** Whether `e` is the browser's quota error (a DOMException named QuotaExceededError, or Firefox's older name). */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export function summariesNewestFirst(list: RunSummary[]): RunSummary[] {
  return [...list].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}
