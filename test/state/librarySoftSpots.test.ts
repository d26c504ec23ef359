// The library keeps the soft spots (issue 11): the nonlinear and elastic results of a finished run's final state join that
// run's record (fields, pairs, κ_i, with facts for the list), survive the storage round trip, are put back into the soft-spot
// store when the run's soft spots are opened, and records from before (none) or damaged ones behave.
import { beforeEach, describe, expect, it } from 'vitest';
import { LabClient } from '../../src/engine/lab/client.ts';
import { inProcessPort, runJobInProcess } from '../../src/engine/lab/inProcess.ts';
import { createLabController } from '../../src/state/labController.ts';
import { createLibraryStore } from '../../src/state/library/libraryStore.ts';
import { startLibrarySaver } from '../../src/state/library/librarySaver.ts';
import { MemoryRunStorage } from '../../src/state/library/memoryRunStorage.ts';
import { checkedData, readSummary } from '../../src/state/library/recordSchema.ts';
import { splitRecord } from '../../src/state/library/runRecord.ts';
import { restoreSoftSpots } from '../../src/state/library/softSpotsOfRecord.ts';
import { useRunStore } from '../../src/state/runStore.ts';
import { useSoftSpotStore } from '../../src/state/softSpotStore.ts';
import { useSpecStore } from '../../src/state/specStore.ts';

const until = async (check: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!check()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 20)); }
};

beforeEach(() => {
  useSoftSpotStore.getState().clear();
  useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
  useSpecStore.getState().loadSpec({ model: 'soft2d', n: 64, temperature: 0.05, seed: 2, sweeps: 50, algorithm: 'fire', tMax: 50, forceTolerance: 1e-12, fitWindow: { tMin: 0.1, tMax: 50 } });
  useRunStore.getState().clear();
});

describe('the library keeps the soft spots', () => {
  it('nonlinear and elastic results of the ended run join its record, survive storage, and open again', async () => {
    const storage = new MemoryRunStorage();
    const saver = startLibrarySaver({ library: createLibraryStore(storage), intervalMs: 100 });
    await saver.flush();
    const lab = createLabController(new LabClient(() => inProcessPort()), { frameIntervalMs: 0 });
    await lab.run();
    await until(() => useRunStore.getState().status === 'done');
    await saver.flush();
    const id = (await storage.list())[0].id;
    const before = await storage.get(id);
    expect(before?.softSpots).toBeUndefined();
    expect(before?.softSpotFacts).toBeUndefined();

    const run = useRunStore.getState();
    if (run.result?.kind !== 'single') throw new Error('not a single run');
    const final = run.result.final, spec = run.result.spec;
    const nonlinear = await runJobInProcess({ kind: 'nonlinear', spec, start: final, maxForce: 1e-3 }, 'cpu');
    const elastic = await runJobInProcess({ kind: 'elastic', spec, start: final, settings: { dipolePairs: 10, maxForce: 1e-3 } }, 'cpu');
    if (nonlinear.kind !== 'nonlinear' || elastic.kind !== 'elastic') throw new Error('unexpected results');
    const source = { label: 'final', configuration: final, runId: run.runId };
    useSoftSpotStore.getState().set({ source, nonlinear: { status: 'done', jobId: 'a', progress: null, error: null, result: nonlinear } });
    await saver.flush();
    useSoftSpotStore.getState().setElastic({ status: 'done', result: elastic });
    await saver.flush();

    const after = (await storage.get(id))!;
    expect(Array.from(after.softSpots!.nonlinear!.fields.pi3)).toEqual(Array.from(nonlinear.fields.pi3));
    expect(Array.from(after.softSpots!.elastic!.pairKappa)).toEqual(Array.from(elastic.pairKappa));
    expect(Array.from(after.softSpots!.state.positions)).toEqual(Array.from(final.positions));
    expect(after.softSpotFacts).toEqual({ shearModulus: elastic.shearModulus, meanKappa: elastic.dipole.mean, kappa4: nonlinear.quartic.kappa, kappa3: nonlinear.cubic.kappa });
    expect(after.status).toBe('done');
    expect(after.fit).toEqual(before?.fit);
    // the list's summary carries only the facts; the fields are in the heavy part
    const { summary, data } = splitRecord(after);
    expect('softSpots' in summary).toBe(false);
    expect(readSummary(structuredClone(summary)).softSpotFacts?.kappa3).toBe(nonlinear.cubic.kappa);
    expect(checkedData(structuredClone(data))?.softSpots?.elastic?.localKappa.length).toBe(64);

    // opened again: the store holds the kept results on the kept state
    useSoftSpotStore.getState().clear();
    expect(restoreSoftSpots(after)).toBe(true);
    const s = useSoftSpotStore.getState();
    expect(s.nonlinear.status).toBe('done');
    expect(Array.from(s.nonlinear.result!.fields.psi)).toEqual(Array.from(nonlinear.fields.psi));
    expect(s.elastic.result!.shearModulus).toBe(elastic.shearModulus);
    expect(Array.from(s.source!.configuration.positions)).toEqual(Array.from(final.positions));
    expect(restoreSoftSpots(before!)).toBe(false);
    lab.dispose();
    saver.stop();
  }, 120_000);

  it('a record from before soft spots still reads; damaged soft spots are named', () => {
    expect(checkedData({ id: 'x', curves: {}, configurations: null })?.softSpots).toBeUndefined();
    const state = { dim: 2, box: [4, 4], positions: new Float64Array(4), diameters: new Float64Array(2).fill(1), species: new Uint8Array(2) };
    const psi = new Float64Array(4);
    expect(() => checkedData({ id: 'x', curves: {}, configurations: null, softSpots: { state, nonlinear: { fields: { psi, pi4: psi, pi3: new Float64Array(3) } }, elastic: null } }))
      .toThrow(/^its soft spots are damaged$/);
    expect(checkedData({ id: 'x', curves: {}, configurations: null, softSpots: { state, nonlinear: { fields: { psi, pi4: psi, pi3: psi } }, elastic: null } })?.softSpots?.nonlinear).toBeTruthy();
  });
});
