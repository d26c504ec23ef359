// @vitest-environment happy-dom
// The first save asks the browser to keep the library (navigator.storage.persist()), once; a refusal is said in the library.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunSpec } from '../../src/engine/runSpec.ts';
import { createLibraryStore, useLibraryStore } from '../../src/state/library/libraryStore.ts';
import { MemoryRunStorage } from '../../src/state/library/memoryRunStorage.ts';
import { startedRecord } from '../../src/state/library/recordFromRun.ts';
import { LibraryPanel } from '../../src/ui/library/LibraryPanel.tsx';

const SPEC: RunSpec = { model: 'soft2d', n: 64, temperature: 0.5, seed: 3, sweeps: 10, algorithm: 'sd', tMax: 10, forceTolerance: 0, fitWindow: { tMin: 1, tMax: 10 } };
const record = (id: string) => startedRecord(id, { kind: 'single', spec: SPEC }, 'cpu', 1);

afterEach(cleanup);

describe('persistent storage', () => {
  it('is asked for once, at the first save, and not before', async () => {
    const persist = vi.fn(async () => true);
    const library = createLibraryStore(new MemoryRunStorage(), null, persist);
    await library.getState().load();
    expect(persist).not.toHaveBeenCalled();
    await library.getState().save(record('a'));
    await library.getState().save(record('b'));
    await library.getState().save(record('a'));
    expect(persist).toHaveBeenCalledTimes(1);
    expect(library.getState().persistence).toBe('granted');
  });

  it('a refusal is said in the library panel', async () => {
    const persist = vi.fn(async () => false);
    Object.defineProperty(navigator, 'storage', { value: { persist, persisted: async () => false }, configurable: true });
    await useLibraryStore.getState().attach(new MemoryRunStorage());
    useLibraryStore.setState({ persistence: 'unasked' });
    render(<LibraryPanel controller={{ run: async () => undefined }} autosave={false} />);
    await act(async () => { await useLibraryStore.getState().save(record('c')); });
    expect(useLibraryStore.getState().persistence).toBe('refused');
    expect(screen.getByTestId('library-not-persistent').textContent).toContain('did not grant persistent storage');
    expect(persist).toHaveBeenCalledTimes(1);
  });
});
