// A crash of the lab engine (the worker's `error` or `messageerror`) ends the running run with a message, never a run stuck
// at "running"; the next Run gets a fresh engine. The worker is played by a fake port that can crash.
import { beforeEach, describe, expect, it } from 'vitest';
import { crashMessage, LabClient, type LabPort } from '../../src/engine/lab/client.ts';
import type { LabCommand, LabEvent } from '../../src/engine/lab/protocol.ts';
import { createLabController } from '../../src/state/labController.ts';
import { useRunStore } from '../../src/state/runStore.ts';
import { useSpecStore } from '../../src/state/specStore.ts';

class FakeWorker implements LabPort {
  posted: LabCommand[] = [];
  closed = false;
  private events: (e: LabEvent) => void = () => undefined;
  private crash: (message: string) => void = () => undefined;
  post(c: LabCommand) { this.posted.push(c); }
  listen(l: (e: LabEvent) => void) { this.events = l; }
  onCrash(l: (message: string) => void) { this.crash = l; }
  close() { this.closed = true; }
  emit(e: LabEvent) { this.events(e); }
  fail(message: string) { this.crash(message); }
}

beforeEach(() => {
  useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
  useSpecStore.getState().loadSpec({ model: 'soft2d', n: 64, temperature: 0.8, seed: 1, sweeps: 10, algorithm: 'sd', tMax: 1, forceTolerance: 0, fitWindow: { tMin: 0.1, tMax: 1 } });
  useRunStore.getState().clear();
});

describe('a crash of the lab engine', () => {
  it('ends the running run with a message and gives the next run a fresh worker', async () => {
    const workers: FakeWorker[] = [];
    const client = new LabClient(() => { const w = new FakeWorker(); workers.push(w); return w; });
    const controller = createLabController(client);
    await controller.run();
    expect(useRunStore.getState().status).toBe('running');
    workers[0].fail(crashMessage({ message: 'Uncaught RangeError: Array buffer allocation failed', filename: 'http://x/assets/labWorker-abc.js', lineno: 12 }));
    const s = useRunStore.getState();
    expect(s.status).toBe('error');
    expect(s.error).toContain('the lab engine crashed');
    expect(s.error).toContain('Array buffer allocation failed (labWorker-abc.js:12)');
    expect(workers[0].closed).toBe(true);
    expect(workers).toHaveLength(2);
    await controller.run();
    expect(workers[1].posted.map((c) => c.type)).toEqual(['start']);
    expect(useRunStore.getState().status).toBe('running');
  });

  it('after the run ended, a crash changes nothing on screen', async () => {
    const worker = new FakeWorker();
    const client = new LabClient(worker);
    const events: LabEvent[] = [];
    client.onEvent((e) => events.push(e));
    const runId = client.start({ kind: 'single', spec: useSpecStore.getState().spec! }, 'cpu');
    worker.emit({ type: 'stopped', runId });
    worker.fail('late');
    expect(events.map((e) => e.type)).toEqual(['stopped']);
  });

  it('a message the engine could not read is a crash too', async () => {
    const worker = new FakeWorker();
    const client = new LabClient(worker);
    const events: LabEvent[] = [];
    client.onEvent((e) => events.push(e));
    const runId = client.start({ kind: 'single', spec: useSpecStore.getState().spec! }, 'cpu');
    worker.fail('a message from the engine could not be read');
    expect(events).toEqual([{ type: 'error', runId, message: expect.stringContaining('could not be read') }]);
  });
});
