// The library saver on the in-memory storage: a run is in the library from its start, its curves follow while it runs, and
// its end (done, stopped, error, replaced) is written whole; a reload turns an unfinished run into 'incomplete'; a full
// storage leaves no half-written record and says so.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfigurationData, SingleResult } from '../../src/engine/lab/protocol.ts';
import type { RunSpec } from '../../src/engine/runSpec.ts';
import { createLibraryStore } from '../../src/state/library/libraryStore.ts';
import { startLibrarySaver, type LibrarySaver } from '../../src/state/library/librarySaver.ts';
import { MemoryRunStorage } from '../../src/state/library/memoryRunStorage.ts';
import { useRunStore } from '../../src/state/runStore.ts';
import { useSpecStore } from '../../src/state/specStore.ts';

const SPEC: RunSpec = { model: 'soft2d', n: 64, temperature: 0.8, seed: 3, sweeps: 10, algorithm: 'sd', tMax: 100, forceTolerance: 0, fitWindow: { tMin: 1, tMax: 50 } };
const sample = (t: number) => ({ t, step: t, speed: 2 * Math.pow(t, -0.9), energyPerParticle: 1 / t, meanSquaredForce: 1, maxForce: 1 });
const TIMES = Array.from({ length: 20 }, (_, k) => Math.pow(10, (2 * k) / 19)); // 1 … 100

function configuration(n: number, shift: number): ConfigurationData {
  return { dim: 2, box: [10, 10], positions: Float64Array.from({ length: 2 * n }, (_, k) => k * 0.1 + shift), diameters: new Float64Array(n).fill(1), species: new Uint8Array(n) };
}

function singleResult(spec: RunSpec): SingleResult {
  return {
    kind: 'single', spec, engine: 'cpu',
    series: { t: TIMES, step: TIMES, speed: TIMES.map((t) => sample(t).speed), energyPerParticle: TIMES.map((t) => 1 / t), meanSquaredForce: TIMES.map(() => 1) },
    fit: { beta: 0.9, low: 0.88, high: 0.92, logPrefactor: Math.log(2), tMin: 1, tMax: 50, points: 17, interval: 'regression', samples: 1 },
    reason: 't-max', steps: 1000, dt: 0.1, forceTolerance: 0, forceCalls: 1001, energyPerParticle: 0.01, maxForce: 0.01, initial: configuration(spec.n, 0), final: configuration(spec.n, 0.05),
    particles: { defectFlags: new Uint8Array(spec.n), d2min: new Float64Array(spec.n), xCutEq: 1.3, xCutSource: 'test', defectConcentration: 0.125 },
    seconds: 2.5,
  };
}

const runs = () => useRunStore.getState();
function emitSamples(runId: string, times: number[]) {
  for (const t of times) runs().apply({ type: 'sample', runId, curve: 'main', sample: sample(t) });
}

let storage: MemoryRunStorage;
let library: ReturnType<typeof createLibraryStore>;
let saver: LibrarySaver;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
  useSpecStore.getState().loadSpec(SPEC);
  runs().clear();
  storage = new MemoryRunStorage();
  library = createLibraryStore(storage);
  saver = startLibrarySaver({ library, intervalMs: 3000 });
  await saver.flush();
});
afterEach(() => {
  saver.stop();
  vi.useRealTimers();
});

async function only() {
  await saver.flush();
  const list = await storage.list();
  expect(list).toHaveLength(1);
  return (await storage.get(list[0].id))!;
}

describe('the library saver', () => {
  it('writes a running record with the spec and job as soon as the run starts, before any sample', async () => {
    runs().begin('r1');
    const r = await only();
    expect(r.status).toBe('running');
    expect(r.spec).toEqual(SPEC);
    expect(r.job).toEqual({ kind: 'single' });
    expect(r.engine.requested).toBe('cpu');
    expect(r.curves).toEqual({});
    expect(r.name).toBe('soft2d, T = 0.8, N = 64, sd, seed 3');
    expect(library.getState().records.map((x) => x.id)).toEqual([r.id]);
  });

  it('saves the curves while the run goes, at most once per interval', async () => {
    runs().begin('r1');
    runs().apply({ type: 'engine', runId: 'r1', engine: 'cpu' });
    emitSamples('r1', TIMES.slice(0, 5));
    await vi.advanceTimersByTimeAsync(1000);
    expect((await only()).curves).toEqual({}); // not yet: the start was written less than 3 s ago
    await vi.advanceTimersByTimeAsync(2100);
    let r = await only();
    expect(r.status).toBe('running');
    expect(r.curves.main.t).toEqual(TIMES.slice(0, 5));
    expect(r.engine.used).toBe('cpu');
    emitSamples('r1', TIMES.slice(5, 8));
    await vi.advanceTimersByTimeAsync(3100);
    r = await only();
    expect(r.curves.main.t).toHaveLength(8);
    expect(r.byteSize).toBeGreaterThan(8 * 3 * 8);
  });

  it('on done writes the full record: curves, fit, defect statistics, facts and the configurations', async () => {
    runs().begin('r1');
    emitSamples('r1', TIMES);
    runs().apply({ type: 'result', runId: 'r1', result: singleResult(SPEC) });
    const r = await only();
    expect(r.status).toBe('done');
    expect(r.curves.main.t).toEqual(TIMES);
    expect(r.fit).toEqual({ beta: 0.9, low: 0.88, high: 0.92, interval: 'regression', tMin: 1, tMax: 50 });
    expect(r.defects).toMatchObject({ samples: 1, phiMean: 0.125, chi: null, xCutEq: 1.3 });
    expect(r.facts).toMatchObject({ kind: 'single', reason: 't-max', steps: 1000, seconds: 2.5 });
    expect(r.hasConfigurations).toBe(true);
    expect(r.configurations!.initial.positions).toBeInstanceOf(Float64Array);
    expect(Array.from(r.configurations!.finals[0].positions)).toEqual(Array.from(configuration(64, 0.05).positions));
    // The summary the list reads carries no heavy arrays.
    const listed = (await storage.list())[0] as unknown as Record<string, unknown>;
    expect(listed.curves).toBeUndefined();
    expect(listed.configurations).toBeUndefined();
  });

  it('keeps no configurations when the setting says never (the default keeps them only up to N = 10 000)', async () => {
    library.getState().setKeepConfigurations('never');
    runs().begin('r1');
    runs().apply({ type: 'result', runId: 'r1', result: singleResult(SPEC) });
    const r = await only();
    expect(r.hasConfigurations).toBe(false);
    expect(r.configurations).toBeNull();
  });

  it('a stopped run is saved as stopped with β of its curves; an error as error with its message', async () => {
    runs().begin('r1');
    emitSamples('r1', TIMES);
    runs().apply({ type: 'stopped', runId: 'r1' });
    let r = await only();
    expect(r.status).toBe('stopped');
    expect(r.fit!.beta).toBeCloseTo(0.9, 6);
    expect(r.fit!.interval).toBe('regression');

    await storage.delete(r.id);
    runs().begin('r2');
    runs().apply({ type: 'error', runId: 'r2', message: 'the GPU was lost' });
    r = await only();
    expect(r.status).toBe('error');
    expect(r.error).toBe('the GPU was lost');
  });

  it('a run replaced by the next one, or reset, is saved as stopped', async () => {
    runs().begin('r1');
    emitSamples('r1', TIMES.slice(0, 4));
    runs().begin('r2');
    await saver.flush();
    const list = await storage.list();
    expect(list.map((r) => r.status).sort()).toEqual(['running', 'stopped']);
    const stopped = (await storage.get(list.find((r) => r.status === 'stopped')!.id))!;
    expect(stopped.curves.main.t).toHaveLength(4);
    runs().clear();
    await saver.flush();
    expect((await storage.list()).map((r) => r.status)).toEqual(['stopped', 'stopped']);
  });

  it('after a reload a run left running becomes incomplete (and a new page\'s run stays running)', async () => {
    runs().begin('r1');
    emitSamples('r1', TIMES.slice(0, 3));
    await saver.flush();
    saver.stop(); // the tab dies: nothing more is written

    const reloaded = createLibraryStore(storage);
    saver = startLibrarySaver({ library: reloaded });
    runs().begin('r2'); // the new page runs at once; its record must not be taken for an interrupted one
    await saver.flush();
    const byStatus = Object.fromEntries((await storage.list()).map((r) => [r.status, r]));
    expect(Object.keys(byStatus).sort()).toEqual(['incomplete', 'running']);
    expect(reloaded.getState().records.find((r) => r.status === 'incomplete')).toBeDefined();
  });

  it('a rename or delete while the run goes survives its later writes', async () => {
    runs().begin('r1');
    const id = (await only()).id;
    await library.getState().rename(id, 'my quench');
    emitSamples('r1', TIMES);
    runs().apply({ type: 'result', runId: 'r1', result: singleResult(SPEC) });
    expect((await only()).name).toBe('my quench');

    runs().begin('r2');
    await saver.flush();
    const second = library.getState().records.find((r) => r.status === 'running')!;
    await library.getState().remove(second.id);
    emitSamples('r2', TIMES);
    runs().apply({ type: 'stopped', runId: 'r2' });
    await saver.flush();
    expect((await storage.list()).map((r) => r.id)).toEqual([id]);
  });
});

describe('a full storage', () => {
  const FULL = /^browser storage is full \(\d+\.\d MB used\): delete runs in the library to free space/;

  it('leaves no partial record when even the start does not fit, and says so', async () => {
    storage.quotaBytes = 100;
    runs().begin('r1');
    await saver.flush();
    expect(storage.size).toBe(0);
    expect(library.getState().records).toEqual([]);
    expect(library.getState().error).toMatch(FULL);
  });

  it('keeps the last whole version when the finished record does not fit, and says so', async () => {
    runs().begin('r1');
    const started = await only();
    storage.quotaBytes = started.byteSize + 50;
    emitSamples('r1', TIMES);
    runs().apply({ type: 'result', runId: 'r1', result: singleResult(SPEC) });
    const r = await only();
    expect(r).toEqual(started); // the running record, untouched: no done summary over old data, no data without summary
    expect(storage.hasData(r.id)).toBe(true);
    expect(library.getState().error).toMatch(FULL);
    // Deleting runs frees space and clears the message.
    await library.getState().remove(r.id);
    expect(library.getState().error).toBeNull();
    expect(storage.size).toBe(0);
    expect(storage.hasData(r.id)).toBe(false);
  });

  it('saves a finished run without its configurations when only those do not fit', async () => {
    runs().begin('r1');
    await only();
    storage.quotaBytes = 4000; // curves and summary fit; the 64-particle configurations (~3 kB) do not
    emitSamples('r1', TIMES);
    runs().apply({ type: 'result', runId: 'r1', result: singleResult(SPEC) });
    const r = await only();
    expect(r.status).toBe('done');
    expect(r.hasConfigurations).toBe(false);
    expect(library.getState().error).toMatch(FULL);
    expect(library.getState().error).toContain('saved without its configurations');
  });
});
