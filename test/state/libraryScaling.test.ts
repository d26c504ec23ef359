// A finished finite-size scaling run goes into the library as one record (src/state/library/scalingRecord.ts): the summary
// round-trips through storage and the schema check, and reopening it puts the same collapse back in the run store for the
// scaling panel to redraw. Older records (without the field) still read; a damaged scaling result is hidden with its reason.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScalingResult } from '../../src/engine/lab/protocol.ts';
import type { RunSpec } from '../../src/engine/runSpec.ts';
import { finiteSizeScaling } from '../../src/physics/analysis/finiteSizeScaling.ts';
import { createLibraryStore } from '../../src/state/library/libraryStore.ts';
import { startLibrarySaver, type LibrarySaver } from '../../src/state/library/librarySaver.ts';
import { MemoryRunStorage } from '../../src/state/library/memoryRunStorage.ts';
import { readSummary } from '../../src/state/library/recordSchema.ts';
import { splitRecord } from '../../src/state/library/runRecord.ts';
import { openScalingRecord, recordOfScaling } from '../../src/state/library/scalingRecord.ts';
import { useRunStore } from '../../src/state/runStore.ts';
import { useScalingSetupStore } from '../../src/state/scalingSetupStore.ts';
import { useSpecStore } from '../../src/state/specStore.ts';

const SPEC: RunSpec = { model: 'harmonic2d', n: 64, temperature: Infinity, seed: 5, sweeps: 0, algorithm: 'sd', tMax: 100, forceTolerance: 0, fitWindow: { tMin: 1, tMax: 50 } };

/** Curves N^{−βz} F(t/N^z) with z = 0.6, β = 0.9 and F(x) = (1 + x)^{−β}: the collapse must find z ≈ 0.6. */
function scalingResult(): ScalingResult {
  const z = 0.6, beta = 0.9;
  const t = Array.from({ length: 41 }, (_, k) => Math.pow(10, -1 + (4 * k) / 40));
  const ensembles = [64, 256, 1024].map((n) => ({
    n, t, samples: [0.97, 1, 1.03].map((a) => t.map((ti) => a * Math.pow(n, -beta * z) * Math.pow(1 + ti / Math.pow(n, z), -beta))),
  }));
  return { kind: 'scaling', spec: SPEC, engine: 'cpu', samples: 3, ensembles, fit: finiteSizeScaling(ensembles, { resamples: 20 }), seconds: 12.5 };
}

let storage: MemoryRunStorage;
let library: ReturnType<typeof createLibraryStore>;
let saver: LibrarySaver;
beforeEach(async () => {
  useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
  useSpecStore.getState().loadSpec(SPEC);
  useRunStore.getState().clear();
  storage = new MemoryRunStorage();
  library = createLibraryStore(storage);
  saver = startLibrarySaver({ library });
  await saver.flush();
});
afterEach(() => saver.stop());

describe('finite-size scaling in the library', () => {
  it('a finished scaling run is saved as one record and reopens with the same collapse', async () => {
    const result = scalingResult();
    expect(result.fit.z).toBeGreaterThan(0.55);
    expect(result.fit.z).toBeLessThan(0.65);
    useRunStore.getState().begin('s1', true);
    useRunStore.getState().apply({ type: 'result', runId: 's1', result });
    await saver.flush();
    const list = await storage.list();
    expect(list).toHaveLength(1);
    const stored = (await storage.get(list[0].id))!;
    expect(stored.scaling!.sizes).toStrictEqual([64, 256, 1024]);
    expect(stored.curveOrder).toStrictEqual(['N=64', 'N=256', 'N=1024']);
    expect(stored.curves['N=256'].speed).toStrictEqual(result.fit.curves[1].speed);
    // reopen it on a fresh page: the run store shows the same fit and curves, the set-up the same sizes and samples
    useRunStore.getState().clear();
    useScalingSetupStore.getState().set({ sizesText: '10, 20', samplesText: '9', z: 1.2 });
    await library.getState().load();
    const summary = library.getState().records.find((r) => r.id === stored.id)!;
    expect(openScalingRecord(summary)).toBe(true);
    const shown = useRunStore.getState().scaling!;
    expect(shown.fit).toStrictEqual(result.fit);
    expect(shown.samples).toBe(3);
    expect(useScalingSetupStore.getState()).toMatchObject({ sizesText: '64, 256, 1024', samplesText: '3', z: null });
  });

  it('the summary round-trips the schema check (structured clone, as IndexedDB stores it); damaged or older records are handled', () => {
    const { summary } = splitRecord(recordOfScaling('r-1', scalingResult(), 'cpu', 1_700_000_000_000));
    expect(readSummary(structuredClone(summary))).toStrictEqual(summary);
    const { scaling: _, ...older } = summary;
    expect(readSummary(structuredClone(older)).scaling).toBeUndefined(); // a record of an earlier GlassLab
    const damaged = (edit: (s: Record<string, any>) => void) => { const s = structuredClone(summary) as Record<string, any>; edit(s.scaling); return () => readSummary(s); };
    expect(damaged((s) => { s.sizes = [64]; })).toThrow(/finite-size scaling result is damaged/);
    expect(damaged((s) => { s.fit.z = 'x'; })).toThrow(/finite-size scaling result is damaged/);
    expect(damaged((s) => { s.fit.curves[0].y.pop(); })).toThrow(/finite-size scaling result is damaged/);
    expect(damaged((s) => { s.fit.curves.pop(); })).toThrow(/finite-size scaling result is damaged/);
    expect(damaged((s) => { s.samples = 0; })).toThrow(/finite-size scaling result is damaged/);
  });
});
