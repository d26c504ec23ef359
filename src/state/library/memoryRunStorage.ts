// The library's storage in memory: for tests and for browsers without IndexedDB (runs last until the page closes).
// An optional byte quota makes the heavy write throw the browser's QuotaExceededError, before anything is kept.
import { joinRecord, recordBytes, splitRecord, type RunData, type RunRecord, type RunSummary } from './runRecord.ts';
import { readSummaries, type ReadSummaries } from './recordSchema.ts';
import { isQuotaError, StorageFullError, summariesNewestFirst, type RunStorage, type StorageUsage } from './runStorage.ts';

export interface MemoryStorageOptions {
  /** Bytes allowed in all (sum of recordBytes); unlimited when absent. */
  quotaBytes?: number;
}

export class MemoryRunStorage implements RunStorage {
  private readonly summaries = new Map<string, RunSummary>();
  private readonly data = new Map<string, RunData>();
  quotaBytes: number | null;

  constructor(options: MemoryStorageOptions = {}) {
    this.quotaBytes = options.quotaBytes ?? null;
  }

  private used(except?: string): number {
    let bytes = 0;
    for (const s of this.summaries.values()) if (s.id !== except) bytes += s.byteSize;
    return bytes;
  }

  /** The heavy write: throws a QuotaExceededError DOMException when the record does not fit. */
  private writeData(data: RunData, bytes: number): void {
    if (this.quotaBytes !== null && this.used(data.id) + bytes > this.quotaBytes) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.data.set(data.id, structuredClone(data));
  }

  async put(record: RunRecord): Promise<void> {
    const { summary, data } = splitRecord(record);
    const bytes = recordBytes(record);
    const previous = this.data.get(record.id);
    try {
      this.writeData(data, bytes);
      this.summaries.set(record.id, structuredClone({ ...summary, byteSize: bytes }));
    } catch (e) {
      // Like an aborted transaction: the old record (if any) stays as it was.
      if (previous) this.data.set(record.id, previous);
      else this.data.delete(record.id);
      if (isQuotaError(e)) throw new StorageFullError(this.used(record.id));
      throw e;
    }
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const s = this.summaries.get(id);
    return s ? structuredClone(joinRecord(s, this.data.get(id))) : undefined;
  }

  async list(): Promise<RunSummary[]> {
    return (await this.readAll()).summaries;
  }

  async readAll(): Promise<ReadSummaries> {
    const read = readSummaries([...this.summaries.values()].map((s) => structuredClone(s)));
    return { ...read, summaries: summariesNewestFirst(read.summaries) };
  }

  /** Stores a summary as it is, unchecked (tests: a damaged or older record). */
  putRaw(summary: RunSummary): void {
    this.summaries.set(summary.id, structuredClone(summary));
  }

  async delete(id: string): Promise<void> {
    this.summaries.delete(id);
    this.data.delete(id);
  }

  async rename(id: string, name: string): Promise<RunSummary | undefined> {
    const s = this.summaries.get(id);
    if (!s) return undefined;
    const renamed = { ...s, name, updatedAt: Date.now() };
    this.summaries.set(id, renamed);
    return structuredClone(renamed);
  }

  async markStatus(from: RunSummary['status'], to: RunSummary['status'], except: ReadonlySet<string> = new Set()): Promise<string[]> {
    const changed: string[] = [];
    for (const s of this.summaries.values()) {
      if (s.status !== from || except.has(s.id)) continue;
      this.summaries.set(s.id, { ...s, status: to });
      changed.push(s.id);
    }
    return changed;
  }

  async estimate(): Promise<StorageUsage> {
    return { usedBytes: this.used(), quotaBytes: this.quotaBytes };
  }

  /** Records held (tests). */
  get size(): number {
    return this.summaries.size;
  }

  /** Whether heavy data is held for `id` (tests: never without its summary). */
  hasData(id: string): boolean {
    return this.data.has(id);
  }
}
