// @vitest-environment happy-dom
// The library's record schema on a real IndexedDB implementation (fake-indexeddb): a library written before records carried a
// schema version (database version 1, no `schemaVersion`) opens, is migrated, and lists as before; damaged records and records
// of a newer GlassLab are skipped with one visible message while the others are shown; damaged curves refuse to load in words.
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSpec } from '../../src/engine/runSpec.ts';
import { IndexedDbRunStorage, LIBRARY_DB } from '../../src/state/library/indexedDbRunStorage.ts';
import { useLibraryStore } from '../../src/state/library/libraryStore.ts';
import { startedRecord } from '../../src/state/library/recordFromRun.ts';
import { migrateSummary, readSummaries, RECORD_SCHEMA_VERSION, RecordProblem } from '../../src/state/library/recordSchema.ts';
import { splitRecord, type RunRecord } from '../../src/state/library/runRecord.ts';
import { LibraryPanel } from '../../src/ui/library/LibraryPanel.tsx';

const SPEC: RunSpec = { model: 'soft2d', n: 64, temperature: 0.5, seed: 3, sweeps: 10, algorithm: 'sd', tMax: 10, forceTolerance: 0, fitWindow: { tMin: 1, tMax: 10 } };
const T = [1, 2, 4];

function record(id: string, name: string, createdAt: number): RunRecord {
  const r = startedRecord(id, { kind: 'single', spec: SPEC }, 'cpu', createdAt);
  return { ...r, name, status: 'done', curveOrder: ['main'], curves: { main: { t: T, speed: T.map((t) => 1 / t), energyPerParticle: T } } };
}

/** A summary as the first library wrote it: no schemaVersion, and none of the fields added since. */
function versionOneSummary(id: string, name: string, createdAt: number): Record<string, unknown> {
  const { schemaVersion, ...rest } = splitRecord(record(id, name, createdAt)).summary;
  void schemaVersion;
  const { updatedAt, facts, ...older } = rest;
  void updatedAt; void facts;
  return older;
}

function raw(factory: IDBFactory, version: number, fill: (runs: IDBObjectStore, data: IDBObjectStore) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = factory.open(LIBRARY_DB, version);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('runs', { keyPath: 'id' });
      open.result.createObjectStore('runData', { keyPath: 'id' });
    };
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['runs', 'runData'], 'readwrite');
      fill(tx.objectStore('runs'), tx.objectStore('runData'));
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  });
}

function storedSummary(factory: IDBFactory, id: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const open = factory.open(LIBRARY_DB);
    open.onsuccess = () => {
      const get = open.result.transaction('runs', 'readonly').objectStore('runs').get(id);
      get.onsuccess = () => { open.result.close(); resolve(get.result); };
      get.onerror = () => reject(get.error);
    };
  });
}

afterEach(cleanup);

describe('the record schema', () => {
  it('a version-less summary is version 1, and migrates to the current version with its missing fields filled', () => {
    const m = migrateSummary(versionOneSummary('a', 'old run', 1000));
    expect(m.schemaVersion).toBe(RECORD_SCHEMA_VERSION);
    expect(m).toMatchObject({ id: 'a', name: 'old run', createdAt: 1000, updatedAt: 1000, facts: null, status: 'done' });
    expect(readSummaries([m]).skipped).toEqual([]);
  });

  it('refuses a record of a newer GlassLab, and damaged ones, each with its reason', () => {
    const good = splitRecord(record('g', 'good', 5)).summary;
    const { skipped, summaries } = readSummaries([
      good, { ...good, id: 'n', name: 'from the future', schemaVersion: RECORD_SCHEMA_VERSION + 1 }, { ...good, id: 's', name: 'odd status', status: 'paused' },
      { ...good, id: 'm', name: 'bad spec', spec: { ...good.spec, n: -4 } }, 'not a record', { ...good, id: 'c', name: 'bad names', curveOrder: [1] },
    ]);
    expect(summaries.map((s) => s.id)).toEqual(['g']);
    expect(skipped).toHaveLength(5);
    expect(skipped[0]).toMatch(/“from the future”: it was saved by a newer GlassLab/);
    expect(skipped[1]).toMatch(/“odd status”: its status paused is unknown/);
    expect(skipped[2]).toMatch(/“bad spec”: its run spec is not valid/);
    expect(skipped[3]).toBe('a record: it is not a record');
    expect(() => migrateSummary({ schemaVersion: 99 })).toThrow(RecordProblem);
  });
});

describe('a library written before schema versions (IndexedDB version 1)', () => {
  it('opens at version 2, migrates every summary in place, and lists them as before', async () => {
    const factory = new IDBFactory();
    await raw(factory, 1, (runs, data) => {
      runs.put(versionOneSummary('a', 'first', 1000));
      runs.put(versionOneSummary('b', 'second', 2000));
      data.put({ id: 'a', curves: { main: { t: T, speed: T, energyPerParticle: T } }, configurations: null });
    });
    const storage = new IndexedDbRunStorage(factory);
    const list = await storage.list();
    expect(list.map((s) => [s.id, s.name, s.schemaVersion])).toEqual([['b', 'second', 2], ['a', 'first', 2]]);
    expect((await storage.get('a'))?.curves.main.t).toEqual(T);
    await storage.close();
    expect((await storedSummary(factory, 'a')).schemaVersion).toBe(RECORD_SCHEMA_VERSION); // written back by the upgrade
  });

  it('new records are written with the current schema version', async () => {
    const factory = new IDBFactory();
    const storage = new IndexedDbRunStorage(factory);
    await storage.put(record('x', 'new', 3));
    await storage.close();
    expect((await storedSummary(factory, 'x')).schemaVersion).toBe(RECORD_SCHEMA_VERSION);
  });
});

describe('damaged records in the page', () => {
  it('are skipped with a visible message; the good runs are listed and the panel works', async () => {
    const factory = new IDBFactory();
    const good = { ...splitRecord(record('g', 'good run', 5)).summary, byteSize: 10 };
    await raw(factory, 2, (runs, data) => {
      runs.put(good);
      runs.put({ id: 'bad', name: 'hand-edited', status: 'done' });
      runs.put({ ...good, id: 'curves', name: 'damaged curves', createdAt: 6 });
      data.put({ id: 'curves', curves: { main: { t: 'oops' } }, configurations: null });
    });
    await useLibraryStore.getState().attach(new IndexedDbRunStorage(factory));
    render(<LibraryPanel controller={{ run: async () => undefined }} autosave={false} />);
    await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
    expect(useLibraryStore.getState().records.map((r) => r.id)).toEqual(['curves', 'g']);
    expect(screen.getByTestId('library-error').textContent).toMatch(/1 stored run could not be read and is hidden: “hand-edited”: its dates are missing/);
    expect(screen.getByDisplayValue('good run')).toBeTruthy();
    await act(async () => { await useLibraryStore.getState().toggleOverlay('curves'); });
    expect(useLibraryStore.getState().error).toMatch(/could not read the run: its curve main is damaged/);
    expect(useLibraryStore.getState().overlayIds).toEqual([]);
    await act(async () => { await useLibraryStore.getState().clear(); });
    expect((await useLibraryStore.getState().storage.readAll()).skipped).toEqual([]); // "delete all" removes the hidden one too
  });
});
