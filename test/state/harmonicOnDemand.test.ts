// The App. B toggle after a finished quench (issue 10): turning it on starts one harmonic job on the float64 engine for the
// run's final state, whose result joins that run's; the run store and the quench's own events are left alone.
import { beforeEach, describe, expect, it } from 'vitest';
import { LabClient } from '../../src/engine/lab/client.ts';
import { inProcessPort } from '../../src/engine/lab/inProcess.ts';
import type { SingleResult } from '../../src/engine/lab/protocol.ts';
import { harmonicPrediction, harmonicSpectrum } from '../../src/physics/analysis/modes/harmonicSpectrum.ts';
import { fromConfigurationData } from '../../src/engine/lab/configurationData.ts';
import { createLandscape } from '../../src/physics/forces.ts';
import { MODELS } from '../../src/physics/models.ts';
import { createLabController } from '../../src/state/labController.ts';
import { DEFAULT_LANDSCAPE } from '../../src/io/landscapeSettings.ts';
import { useLandscapeSettingsStore } from '../../src/state/landscapeSettingsStore.ts';
import { useRunStore } from '../../src/state/runStore.ts';
import { useSpecStore } from '../../src/state/specStore.ts';

const until = async (check: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!check()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 20)); }
};

beforeEach(() => {
  useLandscapeSettingsStore.getState().set({ ...DEFAULT_LANDSCAPE });
  useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
  useSpecStore.getState().loadSpec({ model: 'soft2d', n: 36, temperature: 0.05, seed: 2, sweeps: 50, algorithm: 'sd', tMax: 5, forceTolerance: 0, fitWindow: { tMin: 0.1, tMax: 5 } });
  useRunStore.getState().clear();
});

describe('the App. B prediction on demand', () => {
  it('turning the toggle on after a finished quench computes the prediction of its final state', async () => {
    const c = createLabController(new LabClient(() => inProcessPort()), { frameIntervalMs: 0 });
    await c.run();
    await until(() => useRunStore.getState().status === 'done');
    const r = useRunStore.getState().result as SingleResult;
    expect(r.harmonic).toBeUndefined();
    useLandscapeSettingsStore.getState().set({ harmonicPrediction: true });
    await until(() => (useRunStore.getState().result as SingleResult).harmonic !== undefined);
    const h = (useRunStore.getState().result as SingleResult).harmonic!;
    const final = fromConfigurationData(r.final, MODELS.soft2d, 36);
    const times = r.series.t.filter((t) => t > 0);
    expect(h.speed).toEqual(harmonicPrediction(harmonicSpectrum(createLandscape(MODELS.soft2d, final), final.positions), 0.05, 36, times).speed);
    expect(useRunStore.getState().status).toBe('done');
    expect(useRunStore.getState().result?.kind).toBe('single');
    expect(c.predictHarmonic()).toBe(false); // it has one now
    c.dispose();
  });

  it('says why at T = ∞', async () => {
    useSpecStore.getState().setField('temperature', 'inf');
    const c = createLabController(new LabClient(() => inProcessPort()), { frameIntervalMs: 0 });
    await c.run();
    await until(() => useRunStore.getState().status === 'done');
    expect(c.predictHarmonic()).toBe(false);
    expect(useRunStore.getState().harmonicError).toMatch(/finite T/);
    c.dispose();
  });
});

describe('the library keeps an App. B prediction computed after the run', () => {
  it('the ended run\'s record gains the prediction when it arrives', async () => {
    const { createLibraryStore } = await import('../../src/state/library/libraryStore.ts');
    const { startLibrarySaver } = await import('../../src/state/library/librarySaver.ts');
    const { MemoryRunStorage } = await import('../../src/state/library/memoryRunStorage.ts');
    const storage = new MemoryRunStorage();
    const library = createLibraryStore(storage);
    const saver = startLibrarySaver({ library, intervalMs: 100 });
    await saver.flush();
    const c = createLabController(new LabClient(() => inProcessPort()), { frameIntervalMs: 0 });
    await c.run();
    await until(() => useRunStore.getState().status === 'done');
    await saver.flush();
    const id = (await storage.list())[0].id;
    expect((await storage.get(id))?.landscape).toBeUndefined();
    useLandscapeSettingsStore.getState().set({ harmonicPrediction: true });
    await until(() => (useRunStore.getState().result as SingleResult).harmonic !== undefined);
    await saver.flush();
    const record = await storage.get(id);
    expect(record?.landscape?.harmonic?.speed).toEqual((useRunStore.getState().result as SingleResult).harmonic?.speed);
    expect(record?.status).toBe('done');
    saver.stop();
    c.dispose();
  });
});
