// @vitest-environment happy-dom
// The library panel: lists the stored runs with their numbers, renames in place, deletes one or all, ticks runs onto the
// plot (useLibraryOverlays), re-runs a run through the controller, and shows the full-storage message.
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunSpec } from '../src/engine/runSpec.ts';
import { useLibraryStore } from '../src/state/library/libraryStore.ts';
import { MemoryRunStorage } from '../src/state/library/memoryRunStorage.ts';
import { startedRecord } from '../src/state/library/recordFromRun.ts';
import { sized, type RunRecord } from '../src/state/library/runRecord.ts';
import { StorageFullError } from '../src/state/library/runStorage.ts';
import { useSpecStore } from '../src/state/specStore.ts';
import { LibraryPanel } from '../src/ui/library/LibraryPanel.tsx';
import { useLibraryOverlays } from '../src/ui/library/useLibraryOverlays.ts';

const SPEC: RunSpec = { model: 'soft2d', n: 1024, temperature: Infinity, seed: 2, sweeps: 0, algorithm: 'sd', tMax: 100, forceTolerance: 0, fitWindow: { tMin: 1, tMax: 50 } };
const T = [1, 2, 4, 8, 16, 32];

function record(id: string, createdAt: number, status: RunRecord['status']): RunRecord {
  const r = startedRecord(id, { kind: 'single', spec: SPEC }, 'auto', createdAt);
  return sized({
    ...r, status, curves: { main: { t: T, speed: T.map((t) => 1 / t), energyPerParticle: T } }, curveOrder: ['main'],
    fit: { beta: 0.9163, low: 0.8981, high: 0.9332, interval: 'regression', tMin: 1, tMax: 50 },
  });
}

let storage: MemoryRunStorage;
const controller = { run: vi.fn(async () => undefined) };
const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

beforeEach(async () => {
  storage = new MemoryRunStorage();
  await storage.put(record('old', Date.UTC(2025, 0, 2, 10, 30), 'incomplete'));
  await storage.put(record('new', Date.UTC(2025, 0, 3, 12, 0), 'done'));
  await useLibraryStore.getState().attach(storage);
  controller.run.mockClear();
  render(<LibraryPanel controller={controller} autosave={false} />);
  await settle();
});
afterEach(cleanup);

const row = (id: string) => screen.getByTestId(`library-run-${id}`);

describe('the library panel', () => {
  it('lists the runs newest first with model, N, T, algorithm, β ± interval, status, date and size', () => {
    const panel = screen.getByTestId('library');
    const rows = panel.querySelectorAll('tbody tr');
    expect([...rows].map((r) => r.getAttribute('data-testid'))).toEqual(['library-run-new', 'library-run-old']);
    const text = row('new').textContent!;
    for (const part of ['soft2d', '1,024', '∞', 'sd', '0.916 ± 0.018', 'done', '3 Jan 2025']) expect(text).toContain(part);
    expect(text).toMatch(/\d+ (B|kB)/);
    expect(screen.getByTestId('library-status-old').textContent).toBe('incomplete');
    expect(screen.getByTestId('library-rerun-old').textContent).toBe('run again'); // it restarts from t = 0 (the spec), so it does not say "resume"
    expect(screen.getByTestId('library-rerun-new').textContent).toBe('re-run');
    expect(screen.getByTestId('library-usage').textContent).toMatch(/^2 runs · \d\.\d MB used/);
  });

  it('renames in place (Enter keeps, Escape reverts)', async () => {
    const input = screen.getByTestId('library-rename-new') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'harmonic check' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('soft2d, T = ∞, N = 1024, sd, seed 2');
    fireEvent.change(input, { target: { value: 'harmonic check' } });
    fireEvent.blur(input);
    await settle();
    expect((await storage.get('new'))!.name).toBe('harmonic check');
    expect((screen.getByTestId('library-rename-new') as HTMLInputElement).value).toBe('harmonic check');
  });

  it('deletes one run, then all after a confirmation', async () => {
    fireEvent.click(screen.getByTestId('library-delete-old'));
    await settle();
    expect(screen.queryByTestId('library-run-old')).toBeNull();
    expect(await storage.get('old')).toBeUndefined();
    fireEvent.click(screen.getByTestId('library-delete-all'));
    fireEvent.click(screen.getByTestId('library-delete-all-confirm'));
    await settle();
    expect(storage.size).toBe(0);
    expect(screen.getByTestId('library').textContent).toContain('No runs yet');
  });

  it('ticks a run onto the plot and off again (useLibraryOverlays)', async () => {
    const overlays = renderHook(() => useLibraryOverlays());
    const box = screen.getByTestId('library-overlay-new') as HTMLInputElement;
    fireEvent.click(box);
    await settle();
    expect(box.checked).toBe(true);
    expect(overlays.result.current.map((o) => o.id)).toEqual(['library-new-main']);
    expect(overlays.result.current[0].speed).toEqual(T.map((t) => 1 / t));
    fireEvent.click(box);
    await settle();
    expect(box.checked).toBe(false);
    expect(overlays.result.current).toEqual([]);
  });

  it('re-runs: the spec goes into the spec store and the controller runs it', async () => {
    useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
    fireEvent.click(screen.getByTestId('library-rerun-old'));
    await settle();
    expect(useSpecStore.getState().job).toMatchObject({ kind: 'single', spec: { model: 'soft2d', n: 1024, temperature: Infinity, seed: 2 } });
    expect(controller.run).toHaveBeenCalledTimes(1);
  });

  it('shows the full-storage message with a way to free space', async () => {
    act(() => useLibraryStore.setState({ error: new StorageFullError(52_400_000).message }));
    expect(screen.getByTestId('library-error').textContent).toContain('browser storage is full (52 MB used): delete runs in the library to free space');
    fireEvent.click(screen.getByTestId('library-delete-old'));
    await settle();
    expect(screen.queryByTestId('library-error')).toBeNull();
  });
});
