// The library keeps the Landscape panel's modes (issue 10): modes computed on a finished run's final state join that run's
// record (eigenvalues and P; the vectors go to the export panel's XYZ), and modes of a loaded state touch no record.
import { beforeEach, describe, expect, it } from 'vitest';
import { LabClient } from '../../src/engine/lab/client.ts';
import { inProcessPort } from '../../src/engine/lab/inProcess.ts';
import { createLabController } from '../../src/state/labController.ts';
import { createLandscapeController } from '../../src/state/landscapeController.ts';
import { IDLE_LANDSCAPE, useLandscapeStore } from '../../src/state/landscapeStore.ts';
import { createLibraryStore } from '../../src/state/library/libraryStore.ts';
import { startLibrarySaver } from '../../src/state/library/librarySaver.ts';
import { MemoryRunStorage } from '../../src/state/library/memoryRunStorage.ts';
import { useRunStore } from '../../src/state/runStore.ts';
import { useSpecStore } from '../../src/state/specStore.ts';

const until = async (check: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!check()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 20)); }
};

beforeEach(() => {
  useLandscapeStore.setState({ ...IDLE_LANDSCAPE });
  useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
  useSpecStore.getState().loadSpec({ model: 'soft2d', n: 36, temperature: 0.05, seed: 2, sweeps: 50, algorithm: 'fire', tMax: 5, forceTolerance: 1e-10, fitWindow: { tMin: 0.1, tMax: 5 } });
  useRunStore.getState().clear();
});

describe('the library keeps the Landscape panel\'s modes', () => {
  it('modes of the ended run\'s final state join its record, the run\'s own results untouched', async () => {
    const storage = new MemoryRunStorage();
    const saver = startLibrarySaver({ library: createLibraryStore(storage), intervalMs: 100 });
    await saver.flush();
    const lab = createLabController(new LabClient(() => inProcessPort()), { frameIntervalMs: 0 });
    await lab.run();
    await until(() => useRunStore.getState().status === 'done');
    await saver.flush();
    const id = (await storage.list())[0].id;
    const before = await storage.get(id);
    expect(before?.landscape).toBeUndefined();
    const landscape = createLandscapeController(() => new LabClient(inProcessPort()));
    useLandscapeStore.setState({ countText: '4' });
    landscape.compute();
    await until(() => useLandscapeStore.getState().status === 'done');
    await saver.flush();
    const after = await storage.get(id);
    const modes = useLandscapeStore.getState().result!;
    expect(after?.landscape?.modes?.eigenvalues).toEqual(Array.from(modes.eigenvalues));
    expect(after?.landscape?.modes?.participation).toEqual(modes.participation);
    expect(after?.landscape?.modes?.eigenvalues).toHaveLength(4);
    expect(after?.landscape?.levels).toEqual([]);
    expect(after?.status).toBe('done');
    expect(after?.fit).toEqual(before?.fit);
    landscape.dispose();
    lab.dispose();
    saver.stop();
  });
});
