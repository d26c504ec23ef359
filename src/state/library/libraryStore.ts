// The zustand store of the library of runs: the stored summaries, which runs are overlaid on the plot, storage usage, the
// last error in words, and the "keep configurations" setting. Every change goes to the RunStorage first, then to the list.
import { create } from 'zustand';
import type { Overlay } from '../runStore.ts';
import { defaultRunStorage } from './defaultRunStorage.ts';
import { overlaysOfRecord } from './libraryOverlays.ts';
import { skippedMessage } from './recordSchema.ts';
import { splitRecord, type RunRecord, type RunSummary } from './runRecord.ts';
import { StorageFullError, summariesNewestFirst, type RunStorage, type StorageUsage } from './runStorage.ts';

/** When a finished run keeps its initial and final configurations: 'small' = N ≤ KEEP_CONFIGURATIONS_MAX_N (the default). */
export type KeepConfigurations = 'small' | 'always' | 'never';
export const KEEP_CONFIGURATIONS_MAX_N = 10_000;

export function keepsConfigurations(setting: KeepConfigurations, n: number): boolean {
  return setting === 'always' || (setting === 'small' && n <= KEEP_CONFIGURATIONS_MAX_N);
}

export interface LibraryState {
  storage: RunStorage;
  records: RunSummary[];
  loaded: boolean;
  usage: StorageUsage | null;
  error: string | null;
  /** Runs overlaid on the velocity plot, in the order they were ticked. */
  overlayIds: string[];
  /** Their curves, flattened (what useLibraryOverlays returns). */
  overlays: Overlay[];
  keepConfigurations: KeepConfigurations;
  /** Whether the browser keeps the library under storage pressure: asked once, at the first save (navigator.storage.persist()). */
  persistence: 'unasked' | 'granted' | 'refused' | 'unavailable';
  /** Switches to another storage (tests; a browser without IndexedDB) and reads it. */
  attach(storage: RunStorage): Promise<void>;
  /** Reads the list; with `recover`, runs still 'running' in storage that no tab runs any more (`alive` says which do) become
   * 'incomplete' first. */
  load(options?: { recover?: boolean; alive?: (ids: readonly string[]) => Promise<Set<string>> }): Promise<void>;
  /** Writes a record whole; when the storage is full, tries `fallback` (e.g. without configurations). False when nothing was saved. */
  save(record: RunRecord, fallback?: RunRecord): Promise<boolean>;
  get(id: string): Promise<RunRecord | undefined>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Deletes every run. */
  clear(): Promise<void>;
  toggleOverlay(id: string): Promise<void>;
  setKeepConfigurations(setting: KeepConfigurations): void;
  dismissError(): void;
}

function upsert(list: RunSummary[], s: RunSummary): RunSummary[] {
  return summariesNewestFirst([...list.filter((r) => r.id !== s.id), s]);
}

function failure(what: string, e: unknown): string {
  return e instanceof StorageFullError ? e.message : `the library could not ${what}: ${(e as Error)?.message ?? String(e)}`;
}

/** What tabs tell each other about the library (BroadcastChannel LIBRARY_CHANNEL). */
export type LibraryMessage = { type: 'changed' } | { type: 'deleted'; ids: string[] };
export const LIBRARY_CHANNEL = 'glasslab-library';

/** A BroadcastChannel, or anything that posts to the other tabs and hears them. */
export interface ChannelLike {
  postMessage(message: LibraryMessage): void;
  onmessage: ((event: MessageEvent<LibraryMessage>) => void) | null;
}

/** The page's channel to its other tabs (none where BroadcastChannel is missing, or outside a page). */
export function pageChannel(): ChannelLike | null {
  if (typeof window === 'undefined' || typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(LIBRARY_CHANNEL);
  (channel as unknown as { unref?: () => void }).unref?.(); // Node (tests): do not keep the process alive
  return channel as unknown as ChannelLike;
}

/** Asks the browser to keep this origin's storage (null where it cannot be asked). */
export type PersistRequest = () => Promise<boolean> | null;

function pagePersist(): Promise<boolean> | null {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return null;
  return (storage.persisted ? storage.persisted() : Promise.resolve(false)).then((already) => already || storage.persist());
}

export function createLibraryStore(initial: RunStorage = defaultRunStorage(), channel: ChannelLike | null = null, persist: PersistRequest = pagePersist) {
  // Runs deleted in this page or another tab: a running run's later updates must not bring them back.
  const deleted = new Set<string>();
  const tell = (m: LibraryMessage) => { try { channel?.postMessage(m); } catch { /* the channel closed */ } };
  // Stored records that could not be read (recordSchema.ts): hidden from the list, removed by "delete all".
  let unreadable: string[] = [];
  return create<LibraryState>()((set, get) => {
    const refreshUsage = async () => {
      try { set({ usage: await get().storage.estimate() }); } catch { /* usage stays as it was */ }
    };
    const withOverlays = (overlayIds: string[], curves: Map<string, Overlay[]>) => ({ overlayIds, overlays: overlayIds.flatMap((id) => curves.get(id) ?? []) });
    const overlayCurves = new Map<string, Overlay[]>();
    const dropOverlays = (ids: string[]) => {
      for (const id of ids) overlayCurves.delete(id);
      set(withOverlays(get().overlayIds.filter((x) => !ids.includes(x)), overlayCurves));
    };
    let asked = false;
    const askToPersist = async () => {
      if (asked) return;
      asked = true;
      const request = persist();
      if (!request) { set({ persistence: 'unavailable' }); return; }
      try { set({ persistence: (await request) ? 'granted' : 'refused' }); } catch { set({ persistence: 'refused' }); }
    };
    const put = async (record: RunRecord): Promise<void> => {
      const known = get().records.find((r) => r.id === record.id);
      const named = known ? { ...record, name: known.name } : record; // a rename while it runs wins
      await get().storage.put(named);
      if (deleted.has(record.id)) { await get().storage.delete(record.id); return; }
      tell({ type: 'changed' });
      void askToPersist();
      set((s) => ({ records: upsert(s.records, splitRecord(named).summary) }));
      if (get().overlayIds.includes(record.id)) {
        overlayCurves.set(record.id, overlaysOfRecord(named));
        set(withOverlays(get().overlayIds, overlayCurves));
      }
    };

    if (channel) {
      // Another tab saved, renamed or deleted runs: read the list again (its deletions first, so no late write revives them).
      channel.onmessage = (event) => {
        const m = event.data;
        if (m?.type === 'deleted' && Array.isArray(m.ids)) {
          for (const id of m.ids) deleted.add(id);
          dropOverlays(m.ids);
          set((s) => ({ records: s.records.filter((r) => !m.ids.includes(r.id)) }));
        }
        if (m?.type === 'changed' || m?.type === 'deleted') void get().load();
      };
    }

    return {
      storage: initial, records: [], loaded: false, usage: null, error: null, overlayIds: [], overlays: [], keepConfigurations: 'small', persistence: 'unasked',

      async attach(storage) {
        deleted.clear();
        overlayCurves.clear();
        set({ storage, records: [], loaded: false, usage: null, error: null, overlayIds: [], overlays: [] });
        await get().load();
      },

      async load(options = {}) {
        try {
          if (options.recover) {
            const running = (await get().storage.list()).filter((r) => r.status === 'running').map((r) => r.id);
            const alive = options.alive && running.length > 0 ? await options.alive(running) : new Set<string>();
            await get().storage.markStatus('running', 'incomplete', alive);
          }
          const { summaries, skipped, skippedIds } = await get().storage.readAll();
          unreadable = skippedIds;
          set({ records: summaries, loaded: true, ...(skipped.length > 0 ? { error: skippedMessage(skipped) } : {}) });
        } catch (e) {
          set({ error: failure('read this browser\'s storage', e), loaded: true });
        }
        await refreshUsage();
      },

      async save(record, fallback) {
        if (deleted.has(record.id)) return false;
        try {
          await put(record);
          await refreshUsage();
          return true;
        } catch (e) {
          if (e instanceof StorageFullError && fallback) {
            try {
              await put(fallback);
              set({ error: `${e.message} (“${fallback.name}” was saved without its configurations)` });
              await refreshUsage();
              return true;
            } catch { /* report the first failure */ }
          }
          set({ error: failure(`save “${record.name}”`, e) });
          await refreshUsage();
          return false;
        }
      },

      get: (id) => get().storage.get(id),

      async rename(id, name) {
        const clean = name.trim();
        if (!clean) return;
        set((s) => ({ records: s.records.map((r) => (r.id === id ? { ...r, name: clean } : r)) }));
        try {
          const renamed = await get().storage.rename(id, clean);
          tell({ type: 'changed' });
          if (renamed) set((s) => ({ records: upsert(s.records, renamed) }));
          const record = overlayCurves.has(id) ? await get().storage.get(id) : undefined;
          if (record && overlayCurves.has(id)) {
            overlayCurves.set(id, overlaysOfRecord(record));
            set(withOverlays(get().overlayIds, overlayCurves));
          }
        } catch (e) {
          set({ error: failure('rename the run', e) });
        }
      },

      async remove(id) {
        deleted.add(id);
        dropOverlays([id]);
        set((s) => ({ records: s.records.filter((r) => r.id !== id) }));
        try {
          await get().storage.delete(id);
          tell({ type: 'deleted', ids: [id] });
          set({ error: null }); // e.g. the full-storage message: space was freed
        } catch (e) {
          set({ error: failure('delete the run', e) });
        }
        await refreshUsage();
      },

      async clear() {
        const ids = [...get().records.map((r) => r.id), ...unreadable];
        unreadable = [];
        for (const id of ids) deleted.add(id);
        dropOverlays(ids);
        set({ records: [] });
        try {
          for (const id of ids) await get().storage.delete(id);
          tell({ type: 'deleted', ids });
          set({ error: null });
        } catch (e) {
          set({ error: failure('delete the runs', e) });
        }
        await refreshUsage();
      },

      async toggleOverlay(id) {
        if (get().overlayIds.includes(id)) { dropOverlays([id]); return; }
        set({ overlayIds: [...get().overlayIds, id] }); // ticked at once; the curves follow
        try {
          const record = await get().storage.get(id);
          if (!get().overlayIds.includes(id)) return; // unticked meanwhile
          overlayCurves.set(id, record ? overlaysOfRecord(record) : []);
          set(withOverlays(get().overlayIds, overlayCurves));
        } catch (e) {
          dropOverlays([id]);
          set({ error: failure('read the run', e) });
        }
      },

      setKeepConfigurations: (keepConfigurations) => set({ keepConfigurations }),
      dismissError: () => set({ error: null }),
    };
  });
}

export const useLibraryStore = createLibraryStore(defaultRunStorage(), pageChannel());
