// The library's storage in the browser: IndexedDB database "glasslab-library" with one object store of summaries ("runs",
// what the list reads) and one of heavy data ("runData": curves and configurations). Every write that touches both is one
// readwrite transaction over both stores, so a record is there whole or not at all (a full quota aborts it).
import { checkedData, migrateSummary, readSummaries, readSummary, RECORD_SCHEMA_VERSION, type ReadSummaries } from './recordSchema.ts';
import { joinRecord, recordBytes, splitRecord, type RunData, type RunRecord, type RunSummary } from './runRecord.ts';
import { isQuotaError, StorageFullError, summariesNewestFirst, type RunStorage, type StorageUsage } from './runStorage.ts';

export const LIBRARY_DB = 'glasslab-library';
/** 1: the first library; 2: summaries carry schemaVersion (recordSchema.ts), stamped on the upgrade. */
const VERSION = 2;
const SUMMARIES = 'runs';
const DATA = 'runData';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Resolves when the transaction commits; rejects with its error when it aborts (nothing of it is written). */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

/** Rewrites every summary at the current schema version, inside the upgrade's transaction; one that cannot be migrated stays as
 * it is (it is skipped, with a message, when the library reads it). */
function migrateStore(store: IDBObjectStore): void {
  const cursor = store.openCursor();
  cursor.onsuccess = () => {
    const c = cursor.result;
    if (!c) return;
    try { c.update(migrateSummary(c.value)); } catch { /* left for readSummaries to report */ }
    c.continue();
  };
}

/** The page was opened at an older version than the database another tab upgraded it to. */
export const NEWER_LIBRARY = 'the library was upgraded by a newer GlassLab in another tab: reload this page to use it';

function openDatabase(factory: IDBFactory, name: string, onClosed: () => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = factory.open(name, VERSION);
    open.onupgradeneeded = (event) => {
      const db = open.result;
      if (!db.objectStoreNames.contains(SUMMARIES)) db.createObjectStore(SUMMARIES, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(DATA)) db.createObjectStore(DATA, { keyPath: 'id' });
      if (event.oldVersion >= 1 && event.oldVersion < 2) migrateStore(open.transaction!.objectStore(SUMMARIES));
    };
    open.onsuccess = () => {
      const db = open.result;
      // Another tab upgrades or deletes the database: let it, and open afresh at the next use.
      db.onversionchange = () => { db.close(); onClosed(); };
      db.onclose = () => onClosed(); // the browser closed it (storage cleared)
      resolve(db);
    };
    open.onerror = () => reject(open.error?.name === 'VersionError' ? new Error(NEWER_LIBRARY) : open.error ?? new Error('IndexedDB could not be opened'));
    open.onblocked = () => reject(new Error('the library database is held open by an older version of this page in another tab'));
  });
}

export class IndexedDbRunStorage implements RunStorage {
  private db: Promise<IDBDatabase> | null = null;

  constructor(private readonly factory: IDBFactory = indexedDB, private readonly name = LIBRARY_DB) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= openDatabase(this.factory, this.name, () => { this.db = null; }).catch((e: unknown) => {
      this.db = null;
      throw e;
    });
    return this.db;
  }

  async put(record: RunRecord): Promise<void> {
    const db = await this.open();
    const { summary, data } = splitRecord(record);
    const tx = db.transaction([SUMMARIES, DATA], 'readwrite');
    const done = committed(tx);
    try {
      tx.objectStore(DATA).put(data);
      tx.objectStore(SUMMARIES).put({ ...summary, schemaVersion: RECORD_SCHEMA_VERSION, byteSize: recordBytes(record) });
    } catch (e) {
      // e.g. DataCloneError: nothing was written; abort so the transaction does not commit half of it.
      try { tx.abort(); } catch { /* already finished */ }
      await done.catch(() => undefined);
      throw e;
    }
    try {
      await done;
    } catch (e) {
      if (isQuotaError(e)) throw new StorageFullError((await this.estimate().catch(() => null))?.usedBytes ?? 0);
      throw e;
    }
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const db = await this.open();
    const tx = db.transaction([SUMMARIES, DATA], 'readonly');
    const [summary, data] = await Promise.all([
      request(tx.objectStore(SUMMARIES).get(id) as IDBRequest<RunSummary | undefined>),
      request(tx.objectStore(DATA).get(id) as IDBRequest<RunData | undefined>),
    ]);
    return summary ? joinRecord(readSummary(summary), checkedData(data)) : undefined;
  }

  async list(): Promise<RunSummary[]> {
    return (await this.readAll()).summaries;
  }

  async readAll(): Promise<ReadSummaries> {
    const db = await this.open();
    const all = await request(db.transaction(SUMMARIES, 'readonly').objectStore(SUMMARIES).getAll() as IDBRequest<unknown[]>);
    const read = readSummaries(all);
    return { ...read, summaries: summariesNewestFirst(read.summaries) };
  }

  async delete(id: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction([SUMMARIES, DATA], 'readwrite');
    const done = committed(tx);
    tx.objectStore(SUMMARIES).delete(id);
    tx.objectStore(DATA).delete(id);
    await done;
  }

  async rename(id: string, name: string): Promise<RunSummary | undefined> {
    return this.updateSummaries((s) => (s.id === id ? { ...s, name, updatedAt: Date.now() } : null), id).then((changed) => changed[0]);
  }

  async markStatus(from: RunSummary['status'], to: RunSummary['status'], except: ReadonlySet<string> = new Set()): Promise<string[]> {
    const changed = await this.updateSummaries((s) => (s.status === from && !except.has(s.id) ? { ...s, status: to } : null));
    return changed.map((s) => s.id);
  }

  /** Rewrites the summaries `change` returns a new one for, in one transaction (one key, or all when `only` is absent). */
  private async updateSummaries(change: (s: RunSummary) => RunSummary | null, only?: string): Promise<RunSummary[]> {
    const db = await this.open();
    const tx = db.transaction(SUMMARIES, 'readwrite');
    const done = committed(tx);
    const store = tx.objectStore(SUMMARIES);
    const changed: RunSummary[] = [];
    const cursor = store.openCursor(only === undefined ? null : IDBKeyRange.only(only));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      const next = change(c.value as RunSummary);
      if (next) {
        c.update(next);
        changed.push(next);
      }
      c.continue();
    };
    await done;
    return changed;
  }

  async estimate(): Promise<StorageUsage> {
    const browser = typeof navigator !== 'undefined' && navigator.storage?.estimate ? await navigator.storage.estimate().catch(() => null) : null;
    if (browser?.usage !== undefined) return { usedBytes: browser.usage, quotaBytes: browser.quota ?? null };
    const all = await this.list();
    return { usedBytes: all.reduce((s, r) => s + r.byteSize, 0), quotaBytes: null };
  }

  /** Closes the connection (tests; a page keeps it open). */
  async close(): Promise<void> {
    if (this.db) (await this.db).close();
    this.db = null;
  }
}
