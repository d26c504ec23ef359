// Two tabs on one library: a run still going in another tab is not marked incomplete at page load (Web Locks, or a heartbeat
// without them); renames and deletions reach the other tab (BroadcastChannel); another tab's upgrade or deletion of the
// database closes this tab's cached connection instead of leaving it dead.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { RunSpec } from '../../src/engine/runSpec.ts';
import { IndexedDbRunStorage, LIBRARY_DB, NEWER_LIBRARY } from '../../src/state/library/indexedDbRunStorage.ts';
import { createLibraryStore, LIBRARY_CHANNEL, type ChannelLike } from '../../src/state/library/libraryStore.ts';
import { MemoryRunStorage } from '../../src/state/library/memoryRunStorage.ts';
import { startedRecord } from '../../src/state/library/recordFromRun.ts';
import { heartbeatLiveness, webLocksLiveness } from '../../src/state/library/runLiveness.ts';
import type { RunRecord } from '../../src/state/library/runRecord.ts';

const SPEC: RunSpec = { model: 'soft2d', n: 64, temperature: 0.5, seed: 3, sweeps: 10, algorithm: 'sd', tMax: 10, forceTolerance: 0, fitWindow: { tMin: 1, tMax: 10 } };
const record = (id: string, status: RunRecord['status'], at: number): RunRecord => ({ ...startedRecord(id, { kind: 'single', spec: SPEC }, 'cpu', at), status, name: id });

/** A lock manager shared by "tabs": a lock is held from request until its callback's promise settles. */
function fakeLocks() {
  const held = new Set<string>();
  return {
    async request(name: string, callback: () => Promise<void>) {
      held.add(name);
      try { await callback(); } finally { held.delete(name); }
    },
    async query() { return { held: [...held].map((name) => ({ name })) }; },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));
const until = async (what: () => boolean) => { for (let k = 0; k < 200 && !what(); k++) await settle(); expect(what()).toBe(true); };

describe('a run going in another tab', () => {
  it('keeps its status at page load while its lock is held; a run whose tab is gone becomes incomplete', async () => {
    const locks = fakeLocks();
    const otherTab = webLocksLiveness(locks);
    const storage = new MemoryRunStorage();
    await storage.put(record('live', 'running', 1));
    await storage.put(record('crashed', 'running', 2));
    const release = otherTab.hold('live');
    await settle();
    const library = createLibraryStore(storage);
    await library.getState().load({ recover: true, alive: (ids) => webLocksLiveness(locks).alive(ids) });
    const status = () => Object.fromEntries(library.getState().records.map((r) => [r.id, r.status]));
    expect(status()).toEqual({ live: 'running', crashed: 'incomplete' });
    release();
    await settle();
    await library.getState().load({ recover: true, alive: (ids) => webLocksLiveness(locks).alive(ids) });
    expect(status()).toEqual({ live: 'incomplete', crashed: 'incomplete' });
  });

  it('without Web Locks, a recent heartbeat keeps it running; a stale one does not', async () => {
    const kv = new Map<string, string>();
    const store = { getItem: (k: string) => kv.get(k) ?? null, setItem: (k: string, v: string) => void kv.set(k, v), removeItem: (k: string) => void kv.delete(k) };
    let now = 1_000_000;
    const tab = heartbeatLiveness(store, () => now, 1000);
    const release = tab.hold('a');
    expect([...(await tab.alive(['a', 'b']))]).toEqual(['a']);
    now += 2500; // the tab froze or crashed without cleaning up: two and a half beats missed
    expect([...(await tab.alive(['a']))]).toEqual(['a']);
    now += 1000;
    expect([...(await tab.alive(['a']))]).toEqual([]);
    release();
    expect(kv.size).toBe(0);
  });
});

describe('lists, renames and deletions across tabs', () => {
  it('reach the other tab through the BroadcastChannel', async () => {
    const storage = new MemoryRunStorage();
    await storage.put(record('x', 'done', 1));
    await storage.put(record('y', 'done', 2));
    const a = createLibraryStore(storage, new BroadcastChannel(LIBRARY_CHANNEL) as unknown as ChannelLike);
    const b = createLibraryStore(storage, new BroadcastChannel(LIBRARY_CHANNEL) as unknown as ChannelLike);
    await a.getState().load();
    await b.getState().load();
    await a.getState().rename('x', 'renamed in tab A');
    await until(() => b.getState().records.find((r) => r.id === 'x')?.name === 'renamed in tab A');
    await a.getState().remove('y');
    await until(() => b.getState().records.every((r) => r.id !== 'y'));
    await b.getState().save(record('z', 'done', 3));
    await until(() => a.getState().records.some((r) => r.id === 'z'));
    // a run deleted in tab A does not come back when tab B writes its progress
    await a.getState().remove('z');
    await until(() => b.getState().records.every((r) => r.id !== 'z'));
    await b.getState().save(record('z', 'done', 3));
    expect(await storage.get('z')).toBeUndefined();
  });
});

describe('a version change from another tab', () => {
  it('closes and forgets the cached connection: a deletion is not blocked, and the library opens afresh', async () => {
    const factory = new IDBFactory();
    const storage = new IndexedDbRunStorage(factory);
    await storage.put(record('r', 'done', 1));
    await new Promise<void>((resolve, reject) => {
      const del = factory.deleteDatabase(LIBRARY_DB);
      del.onsuccess = () => resolve();
      del.onerror = () => reject(del.error);
      del.onblocked = () => reject(new Error('blocked by the open connection'));
    });
    expect(await storage.list()).toEqual([]);
    await storage.put(record('s', 'done', 2));
    expect((await storage.list()).map((r) => r.id)).toEqual(['s']);
  });

  it('after a newer page upgraded the database, says to reload', async () => {
    const factory = new IDBFactory();
    const storage = new IndexedDbRunStorage(factory);
    await storage.list();
    await new Promise<void>((resolve, reject) => {
      const open = factory.open(LIBRARY_DB, 99);
      open.onsuccess = () => { open.result.close(); resolve(); };
      open.onerror = () => reject(open.error);
      open.onblocked = () => reject(new Error('blocked by the open connection'));
    });
    await expect(storage.list()).rejects.toThrow(NEWER_LIBRARY);
  });
});
