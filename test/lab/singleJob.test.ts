// The single job on the float64 engine: event order, results that check against the physics functions, pause/resume,
// stop, errors, the 'auto' fallback, and a new start that stops the running job (through LabClient in this thread).
import { describe, expect, it } from 'vitest';
import { LabClient } from '../../src/engine/lab/client.ts';
import { fromConfigurationData } from '../../src/engine/lab/configurationData.ts';
import { RunControl } from '../../src/engine/lab/control.ts';
import { inProcessPort } from '../../src/engine/lab/inProcess.ts';
import type { LabEvent, SingleResult } from '../../src/engine/lab/protocol.ts';
import { d2min } from '../../src/physics/analysis/d2min.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { MODELS } from '../../src/physics/models.ts';
import { equilibriumState, ofType, resultOf, runToEnd, smallSpec, startCommand } from './labHarness.ts';

const order = (events: LabEvent[]) => events.map((e) => e.type).filter((t, k, all) => t !== all[k - 1]);

describe('a single job on the float64 engine', () => {
  it('emits engine → phase → mc → system → samples → frames → analyze → result, with the numbers of swap MC and quench()', async () => {
    const spec = smallSpec();
    const events = await runToEnd(startCommand({ kind: 'single', spec }, 'cpu', 'r1', 1));
    expect(events.every((e) => e.runId === 'r1')).toBe(true);
    const types = order(events);
    expect(types[0]).toBe('engine');
    expect(types.indexOf('system')).toBeGreaterThan(types.indexOf('mc'));
    expect(types.indexOf('sample')).toBeGreaterThan(types.indexOf('system'));
    expect(types[types.length - 1]).toBe('result');
    expect(ofType(events, 'engine')[0]).toMatchObject({ engine: 'cpu' });
    expect(ofType(events, 'engine')[0].note).toBeUndefined();
    expect(ofType(events, 'phase').map((p) => p.phase)).toEqual(['equilibrate', 'quench', 'analyze']);
    const mc = ofType(events, 'mc');
    expect(mc[mc.length - 1].sweep).toBe(spec.sweeps);

    const r = resultOf(events) as SingleResult;
    const eq = { configuration: equilibriumState(spec.model, spec.n, spec.temperature, spec.sweeps, spec.seed) };
    const model = MODELS.soft2d;
    expect(fromConfigurationData(r.initial, model, spec.n)).toEqual(eq.configuration);
    const q = quench(model, eq.configuration, { algorithm: 'sd', tMax: spec.tMax, forceTolerance: 0 });
    expect(r.series).toEqual(q.series);
    expect(ofType(events, 'sample').map((s) => s.sample.t)).toEqual(q.series.t);
    expect(ofType(events, 'sample').every((s) => s.curve === 'main')).toBe(true);
    expect(r.final.positions).toEqual(q.final.positions);
    expect(r.reason).toBe('t-max');
    expect(r.particles.d2min).toEqual(d2min(eq.configuration, q.final, model));
    expect(r.particles.defectFlags).toHaveLength(spec.n);
    expect(r.particles.defectConcentration).toBeCloseTo(r.particles.defectFlags.reduce((a, f) => a + f, 0) / spec.n, 15);
    expect(r.fit?.interval).toBe('regression');
    expect(r.fit!.low).toBeLessThan(r.fit!.beta);

    const frames = ofType(events, 'frame');
    expect(frames.length).toBeGreaterThan(0);
    const last = frames[frames.length - 1];
    expect(last.positions).toBeInstanceOf(Float32Array);
    expect(Array.from(last.positions)).toEqual(Array.from(Float32Array.from(q.final.positions))); // original order
    expect(last.speeds).toHaveLength(spec.n);
    const progress = ofType(events, 'progress');
    expect(progress[progress.length - 1].fraction).toBe(1);
  });

  it('a fit window holding fewer than 3 sample times gives a null fit, not an error', async () => {
    const events = await runToEnd(startCommand({ kind: 'single', spec: smallSpec({ temperature: Infinity, model: 'harmonic2d', tMax: 1, fitWindow: { tMin: 0.5, tMax: 0.6 } }) }));
    expect((resultOf(events) as SingleResult).fit).toBeNull();
  });

  it('bad specs and jobs end in one error event', async () => {
    for (const [job, message] of [
      [{ kind: 'single', spec: smallSpec({ n: 1 }) }, /N must be an integer ≥ 2/],
      [{ kind: 'single', spec: smallSpec({ model: 'nope' as never }) }, /unknown model/],
      [{ kind: 'sweep', spec: smallSpec(), temperatures: [0.3, -1], samples: 1 }, /positive/],
      [{ kind: 'compare', spec: smallSpec(), algorithms: ['sd', 'newton' as never] }, /unknown algorithm "newton"/],
      [{ kind: 'ensemble', spec: smallSpec(), samples: 0 }, /samples must be a whole number from 1/],
    ] as const) {
      const events = await runToEnd(startCommand(job as never));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'error', runId: 'r1' });
      expect((events[0] as { message: string }).message).toMatch(message);
    }
  });

  it("'auto' without an adapter falls back to float64 with a one-line note; cg says it runs on float64", async () => {
    const auto = await runToEnd(startCommand({ kind: 'single', spec: smallSpec({ sweeps: 0, temperature: Infinity, model: 'harmonic2d', tMax: 0.1 }) }, 'auto'), { simulateFailure: 'no-adapter' });
    const engine = ofType(auto, 'engine');
    expect(engine).toHaveLength(1);
    expect(engine[0].engine).toBe('cpu');
    expect(engine[0].note).toMatch(/GPU unavailable \(no WebGPU adapter.*\): running on the float64 engine/);
    expect(engine[0].note).not.toContain('\n');
    expect(resultOf(auto).engine).toBe('cpu');
    const cg = await runToEnd(startCommand({ kind: 'single', spec: smallSpec({ algorithm: 'cg', sweeps: 0, temperature: Infinity, model: 'harmonic2d' }) }, 'gpu'));
    expect(ofType(cg, 'engine')[0]).toMatchObject({ engine: 'cpu', note: 'conjugate gradient runs on the float64 engine only' });
  });

  it('pause holds the quench (no samples while paused, paused → paused: false around it), resume finishes it', async () => {
    const spec = smallSpec({ model: 'harmonic2d', temperature: Infinity, sweeps: 0, tMax: 1000 });
    const control = new RunControl();
    const events: LabEvent[] = [];
    let samplesAtPause = -1;
    const done = runToEnd(startCommand({ kind: 'single', spec }), {}, control).then((e) => events.push(...e));
    await new Promise((r) => setTimeout(r, 50));
    control.pause();
    await new Promise((r) => setTimeout(r, 300));
    control.resume();
    await done;
    const types = events.map((e) => e.type);
    const pausedAt = types.indexOf('paused');
    expect(pausedAt).toBeGreaterThan(0);
    expect(events[pausedAt]).toMatchObject({ paused: true });
    const resumedAt = events.findIndex((e, k) => k > pausedAt && e.type === 'paused');
    expect(events[resumedAt]).toMatchObject({ paused: false });
    samplesAtPause = events.slice(pausedAt + 1, resumedAt).filter((e) => e.type === 'sample').length;
    expect(samplesAtPause).toBe(0);
    expect(events.slice(resumedAt).some((e) => e.type === 'sample')).toBe(true);
    expect(types[types.length - 1]).toBe('result');
  });
});

describe('LabClient around an in-process runner', () => {
  it('pauses for real, stops with one stopped event, and a new start stops the running job first', async () => {
    const port = inProcessPort();
    const client = new LabClient(port);
    const events: LabEvent[] = [];
    const unsubscribe = client.onEvent((e) => events.push(e));
    const long = { kind: 'single' as const, spec: smallSpec({ model: 'harmonic2d', temperature: Infinity, sweeps: 0, tMax: 1e4 }) };
    const first = client.start(long, 'cpu');
    const waitFor = async (pred: () => boolean) => { while (!pred()) await new Promise((r) => setTimeout(r, 10)); };
    await waitFor(() => events.filter((e) => e.type === 'sample').length > 20);
    client.pause();
    await waitFor(() => events.some((e) => e.type === 'paused'));
    const count = events.length;
    await new Promise((r) => setTimeout(r, 250));
    expect(events.length).toBe(count); // nothing at all while paused
    client.resume();
    await waitFor(() => events.filter((e) => e.type === 'paused').length === 2);
    await waitFor(() => events.length > count + 5);

    const second = client.start({ kind: 'single', spec: smallSpec({ model: 'harmonic2d', temperature: Infinity, sweeps: 0, tMax: 1e4 }) }, 'cpu');
    await waitFor(() => events.some((e) => e.runId === second && e.type === 'sample'));
    const ofFirst = events.filter((e) => e.runId === first);
    expect(ofFirst[ofFirst.length - 1].type).toBe('stopped');
    expect(ofFirst.filter((e) => e.type === 'stopped')).toHaveLength(1);
    expect(events.findIndex((e) => e.runId === second)).toBeGreaterThan(events.findIndex((e) => e.runId === first && e.type === 'stopped'));

    client.stop();
    await port.idle();
    const ofSecond = events.filter((e) => e.runId === second);
    expect(ofSecond[ofSecond.length - 1].type).toBe('stopped');
    const total = events.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(events.length).toBe(total);
    unsubscribe();
    client.dispose();
  });

  it('stop while paused ends the job with stopped', async () => {
    const port = inProcessPort();
    const client = new LabClient(port);
    const events: LabEvent[] = [];
    client.onEvent((e) => events.push(e));
    client.start({ kind: 'single', spec: smallSpec({ model: 'harmonic2d', temperature: Infinity, sweeps: 0, tMax: 1e4 }) }, 'cpu');
    await new Promise((r) => setTimeout(r, 100));
    client.pause();
    await new Promise((r) => setTimeout(r, 100));
    client.stop();
    await port.idle();
    expect(events[events.length - 1].type).toBe('stopped');
    expect(events.filter((e) => e.type === 'result')).toHaveLength(0);
    client.dispose();
  });

  it('stop and analyse ends the quench where it is and analyses that configuration (a result marked stoppedEarly)', async () => {
    const port = inProcessPort();
    const client = new LabClient(port);
    const events: LabEvent[] = [];
    client.onEvent((e) => events.push(e));
    const spec = smallSpec({ model: 'harmonic2d', temperature: Infinity, sweeps: 0, tMax: 1e4 });
    client.start({ kind: 'single', spec }, 'cpu');
    while (events.filter((e) => e.type === 'sample').length < 30) await new Promise((r) => setTimeout(r, 10));
    client.pause();
    while (!events.some((e) => e.type === 'paused')) await new Promise((r) => setTimeout(r, 10));
    client.stop(true); // from a pause too
    await port.idle();
    const r = resultOf(events) as SingleResult;
    expect(r.stoppedEarly).toBe(true);
    expect(r.reason).toBe('cancelled');
    const tEnd = r.series.t[r.series.t.length - 1];
    expect(tEnd).toBeLessThan(spec.tMax);
    const model = MODELS.harmonic2d;
    const initial = fromConfigurationData(r.initial, model, spec.n);
    const final = fromConfigurationData(r.final, model, spec.n);
    expect(r.particles.d2min).toEqual(d2min(initial, final, model)); // the analysis of the configuration reached
    expect(ofType(events, 'phase').map((p) => p.phase)).toEqual(['quench', 'analyze']);
    expect(events.filter((e) => e.type === 'stopped')).toHaveLength(0);
    client.dispose();
  });

  it('stop and analyse during equilibration, or of an ensemble, just stops', async () => {
    for (const job of [
      { kind: 'single' as const, spec: smallSpec({ sweeps: 1e6 }) },
      { kind: 'ensemble' as const, spec: smallSpec({ model: 'harmonic2d', temperature: Infinity, sweeps: 0, tMax: 1e4 }), samples: 3 },
    ]) {
      const port = inProcessPort();
      const client = new LabClient(port);
      const events: LabEvent[] = [];
      client.onEvent((e) => events.push(e));
      client.start(job, 'cpu');
      while (!events.some((e) => e.type === 'mc' || e.type === 'sample')) await new Promise((r) => setTimeout(r, 10));
      client.stop(true);
      await port.idle();
      expect(events[events.length - 1].type).toBe('stopped');
      client.dispose();
    }
  });
});
