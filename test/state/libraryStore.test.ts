// The library store on the in-memory storage: list newest first, rename, delete, delete all, overlays on the plot
// (grouped as the plot groups a live run), re-run's spec loading, and a storage that cannot be read.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LabJob } from '../../src/engine/lab/protocol.ts';
import type { RunSpec } from '../../src/engine/runSpec.ts';
import { createLibraryStore, keepsConfigurations } from '../../src/state/library/libraryStore.ts';
import { MemoryRunStorage } from '../../src/state/library/memoryRunStorage.ts';
import { startedRecord } from '../../src/state/library/recordFromRun.ts';
import { loadRunIntoSpec } from '../../src/state/library/rerunSpec.ts';
import { sized, type CurveData, type RunRecord } from '../../src/state/library/runRecord.ts';
import { useSpecStore } from '../../src/state/specStore.ts';

const SPEC: RunSpec = { model: 'soft2d', n: 256, temperature: 0.5, seed: 7, sweeps: 100, algorithm: 'fire', tMax: 100, forceTolerance: 0, fitWindow: { tMin: 1, tMax: 50 } };
const T = [1, 2, 4, 8, 16, 32, 64];
const curve = (a: number): CurveData => ({ t: T, speed: T.map((t) => a / t), energyPerParticle: T.map(() => a) });

function record(id: string, createdAt: number, job: LabJob, curves: Record<string, CurveData>): RunRecord {
  const r = startedRecord(id, job, 'auto', createdAt);
  return sized({ ...r, status: 'done', curves, curveOrder: Object.keys(curves) });
}

let storage: MemoryRunStorage;
let library: ReturnType<typeof createLibraryStore>;

beforeEach(async () => {
  storage = new MemoryRunStorage();
  await storage.put(record('a', 1000, { kind: 'single', spec: SPEC }, { main: curve(1) }));
  await storage.put(record('b', 2000, { kind: 'ensemble', spec: SPEC, samples: 2 }, { '#1': curve(1), '#2': curve(3) }));
  library = createLibraryStore(storage);
  await library.getState().load();
});

describe('the in-memory storage', () => {
  it('lists summaries newest first, without heavy arrays, and returns whole records', async () => {
    const list = await storage.list();
    expect(list.map((r) => r.id)).toEqual(['b', 'a']);
    expect('curves' in list[0]).toBe(false);
    const b = (await storage.get('b'))!;
    expect(b.curves['#2'].speed[0]).toBe(3);
    expect((await storage.estimate()).usedBytes).toBe(list[0].byteSize + list[1].byteSize);
  });
});

describe('the library store', () => {
  it('loads the list with its usage', () => {
    const s = library.getState();
    expect(s.loaded).toBe(true);
    expect(s.records.map((r) => r.id)).toEqual(['b', 'a']);
    expect(s.usage!.usedBytes).toBeGreaterThan(0);
  });

  it('renames in the list and in storage; a blank name is ignored', async () => {
    await library.getState().rename('a', '  the first quench ');
    expect(library.getState().records.find((r) => r.id === 'a')!.name).toBe('the first quench');
    expect((await storage.get('a'))!.name).toBe('the first quench');
    await library.getState().rename('a', '   ');
    expect((await storage.get('a'))!.name).toBe('the first quench');
  });

  it('deletes one run, or all of them', async () => {
    await library.getState().remove('a');
    expect(library.getState().records.map((r) => r.id)).toEqual(['b']);
    expect(await storage.get('a')).toBeUndefined();
    await library.getState().clear();
    expect(library.getState().records).toEqual([]);
    expect(storage.size).toBe(0);
  });

  it('overlays ticked runs: a single run as one curve, an ensemble as its mean; unticking or deleting removes them', async () => {
    await library.getState().toggleOverlay('a');
    await library.getState().toggleOverlay('b');
    const overlays = library.getState().overlays;
    expect(library.getState().overlayIds).toEqual(['a', 'b']);
    expect(overlays.map((o) => o.id)).toEqual(['library-a-main', 'library-b-mean']);
    expect(overlays[0]).toMatchObject({ label: 'soft2d, T = 0.5, N = 256, fire, seed 7', dim: 2, t: T });
    expect(overlays[1].label).toContain('mean of 2');
    expect(overlays[1].speed[0]).toBeCloseTo(2, 12);
    await library.getState().rename('a', 'renamed');
    expect(library.getState().overlays[0].label).toBe('renamed');
    await library.getState().toggleOverlay('a');
    expect(library.getState().overlays.map((o) => o.id)).toEqual(['library-b-mean']);
    await library.getState().remove('b');
    expect(library.getState().overlays).toEqual([]);
    expect(library.getState().overlayIds).toEqual([]);
  });

  it('reports a storage it cannot read in words', async () => {
    class UnreadableStorage extends MemoryRunStorage {
      override async readAll(): Promise<never> { throw new Error('disk gone'); }
    }
    await library.getState().attach(new UnreadableStorage());
    expect(library.getState().error).toBe('the library could not read this browser\'s storage: disk gone');
  });

  it('keeps configurations by default only up to N = 10 000', () => {
    expect(library.getState().keepConfigurations).toBe('small');
    expect(keepsConfigurations('small', 10_000)).toBe(true);
    expect(keepsConfigurations('small', 10_001)).toBe(false);
    expect(keepsConfigurations('always', 1e6)).toBe(true);
    expect(keepsConfigurations('never', 10)).toBe(false);
  });
});

describe('re-running a library run', () => {
  it('loads its spec and job into the spec store', () => {
    useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
    const problem = loadRunIntoSpec({ spec: { ...SPEC, temperature: Infinity }, job: { kind: 'sweep', temperatures: [0.2, Infinity], samples: 3 } });
    expect(problem).toBeNull();
    const { job, draft } = useSpecStore.getState();
    expect(job).toMatchObject({ kind: 'sweep', temperatures: [0.2, Infinity], samples: 3, spec: { model: 'soft2d', n: 256, algorithm: 'fire', temperature: Infinity, seed: 7 } });
    expect(draft.temperatures).toBe('0.2, inf');
  });

  it('says why when the spec cannot run here', () => {
    useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
    expect(loadRunIntoSpec({ spec: { ...SPEC, n: 200_000 }, job: { kind: 'single' } })).toMatch(/^this run cannot be re-run here: n: N must lie between/);
  });
});
