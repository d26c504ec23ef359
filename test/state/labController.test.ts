import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineChoice, LabEvent, LabJob } from '../../src/engine/lab/protocol.ts';
import { getPreset, presetSpec } from '../../src/engine/presets.ts';
import { createLabController, type LabClientLike } from '../../src/state/labController.ts';
import { useRunStore } from '../../src/state/runStore.ts';
import { defaultDraft } from '../../src/state/specDraft.ts';
import { useSpecStore } from '../../src/state/specStore.ts';
import { writeExtendedXyz } from '../../src/io/extendedXyz.ts';
import { getModel, randomConfiguration } from '../../src/physics/models.ts';

class FakeClient implements LabClientLike {
  started: { job: LabJob; engine: EngineChoice; runId: string }[] = [];
  sent: string[] = [];
  listener: ((e: LabEvent) => void) | null = null;
  start(job: LabJob, engine: EngineChoice) { const runId = `r${this.started.length + 1}`; this.started.push({ job, engine, runId }); return runId; }
  pause() { this.sent.push('pause'); }
  resume() { this.sent.push('resume'); }
  stop(analyse = false) { this.sent.push(analyse ? 'stop and analyse' : 'stop'); }
  onEvent(l: (e: LabEvent) => void) { this.listener = l; return () => { this.listener = null; }; }
  dispose() { this.sent.push('dispose'); }
  emit(e: LabEvent) { this.listener?.(e); }
}

const sample = (t: number) => ({ t, step: t, speed: 1 / t, energyPerParticle: 1, meanSquaredForce: 1, maxForce: 1 });

beforeEach(() => {
  useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
  useSpecStore.getState().loadSpec({ model: 'soft2d', n: 64, temperature: 0.8, seed: 1, sweeps: 10, algorithm: 'sd', tMax: 1, forceTolerance: 0, fitWindow: { tMin: 0.1, tMax: 1 } });
  useRunStore.getState().clear();
  useRunStore.getState().clearOverlays();
});
afterEach(() => vi.unstubAllGlobals());

describe('the lab controller: controls → engine → stores', () => {
  it('runs the spec store\'s job on the chosen engine and routes that run\'s events into the run store', async () => {
    const client = new FakeClient();
    const c = createLabController(client);
    await c.run();
    expect(client.started).toHaveLength(1);
    expect(client.started[0].engine).toBe('cpu');
    expect(client.started[0].job).toMatchObject({ kind: 'single', spec: { model: 'soft2d', n: 64 } });
    client.emit({ type: 'sample', runId: 'r1', curve: 'main', sample: sample(1) });
    expect(useRunStore.getState().curves.main.t).toEqual([1]);
    expect(useRunStore.getState().status).toBe('running');
  });

  it('does nothing while a field is invalid', async () => {
    const client = new FakeClient();
    const c = createLabController(client);
    useSpecStore.getState().setField('n', 'many');
    await c.run();
    expect(client.started).toHaveLength(0);
  });

  it('space toggles run → pause → resume; stop and reset reach the engine; reset clears the store', async () => {
    const client = new FakeClient();
    const c = createLabController(client);
    await c.toggle();
    expect(client.started).toHaveLength(1);
    await c.toggle();
    expect(client.sent).toEqual(['pause']);
    client.emit({ type: 'paused', runId: 'r1', paused: true });
    await c.toggle();
    expect(client.sent).toEqual(['pause', 'resume']);
    client.emit({ type: 'paused', runId: 'r1', paused: false });
    expect(c.stopMode()).toBe('analyse'); // a single quench: Stop analyses where it got to
    c.stop();
    expect(client.sent.at(-1)).toBe('stop and analyse');
    c.abort();
    expect(client.sent.at(-1)).toBe('stop');
    client.emit({ type: 'sample', runId: 'r1', curve: 'main', sample: sample(2) });
    c.reset();
    expect(useRunStore.getState().status).toBe('idle');
    expect(useRunStore.getState().curves).toEqual({});
  });

  it('the previous run\'s curve stays on the plot as an overlay when the next run starts', async () => {
    const client = new FakeClient();
    const c = createLabController(client);
    await c.run();
    for (const t of [1, 2, 3]) client.emit({ type: 'sample', runId: 'r1', curve: 'main', sample: sample(t) });
    client.emit({ type: 'stopped', runId: 'r1' });
    await c.run();
    const overlays = useRunStore.getState().overlays;
    expect(overlays).toHaveLength(1);
    expect(overlays[0].t).toEqual([1, 2, 3]);
    expect(overlays[0].label).toContain('soft2d, T = 0.8, N = 64');
    expect(useRunStore.getState().curves).toEqual({});
  });

  it('a preset\'s shipped state is fetched, checked and sent as the starting configuration', async () => {
    const spec = presetSpec(getPreset('soft2d-hot'), 'cpu');
    const c0 = randomConfiguration(getModel('soft2d'), spec.n, 5);
    const text = writeExtendedXyz(c0, { model: 'soft2d', temperature: 0.8 });
    const fetchMock = vi.fn(async () => new Response(text));
    vi.stubGlobal('fetch', fetchMock);
    useSpecStore.getState().loadSpec(spec, 'soft2d-hot');
    const client = new FakeClient();
    await createLabController(client, { baseUrl: '/lab/' }).run();
    expect(fetchMock).toHaveBeenCalledWith('/lab/states/soft2d-T0.8-N1024.xyz');
    const job = client.started[0].job;
    expect(job.kind === 'single' && Array.from(job.start!.positions)).toEqual(Array.from(c0.positions));
  });

  it('a state file that does not match the spec is refused with a clear error and nothing runs', async () => {
    const spec = presetSpec(getPreset('soft2d-hot'), 'cpu');
    vi.stubGlobal('fetch', vi.fn(async () => new Response(writeExtendedXyz(randomConfiguration(getModel('soft2d'), 100, 1), { model: 'soft2d', temperature: 0.8 }))));
    useSpecStore.getState().loadSpec(spec);
    const client = new FakeClient();
    await createLabController(client).run();
    expect(client.started).toHaveLength(0);
    expect(useRunStore.getState().status).toBe('error');
    expect(useRunStore.getState().error).toContain('holds 100 particles, not N = 1024');
  });

  it('changing the system clears a shipped state; switching engine class resets N to that engine\'s default', () => {
    useSpecStore.getState().loadSpec(presetSpec(getPreset('soft2d-hot'), 'cpu'));
    expect(useSpecStore.getState().draft.initialState).toBe('soft2d-T0.8-N1024.xyz');
    useSpecStore.getState().setField('temperature', '0.5');
    expect(useSpecStore.getState().draft.initialState).toBe('');
    useSpecStore.getState().setEngine('auto', 'gpu');
    expect(useSpecStore.getState().draft.n).toBe(defaultDraft('gpu').n);
  });
});
