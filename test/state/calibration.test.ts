// The machine's calibration (issue 13): the quench and analysis are timed from the engine's phase events, the faster engine
// is picked, and every preset gets a calibration on it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LabClient } from '../../src/engine/lab/client.ts';
import { inProcessPort } from '../../src/engine/lab/inProcess.ts';
import type { EngineChoice, LabEvent, LabJob } from '../../src/engine/lab/protocol.ts';
import { getPreset } from '../../src/engine/presets.ts';
import { estimateSeconds } from '../../src/engine/presetEstimate.ts';
import { presetSpec } from '../../src/engine/presets.ts';
import { calibrate, timeJob, useCalibrationStore } from '../../src/state/calibration.ts';
import { CALIBRATION_CACHE_KEY, CALIBRATION_CACHE_VERSION, calibrationKey, type KeyValueStorage } from '../../src/state/calibrationCache.ts';
import type { LabClientLike } from '../../src/state/labController.ts';
import { parseStartingState } from '../../src/state/startingState.ts';
import { getModel } from '../../src/physics/models.ts';

/** A client whose engine reports a quench of 20 ms to start and `msPerStep` per SD step, and 50 ms besides. */
function scriptedClient(msPerStep: Record<'gpu' | 'cpu', number>): LabClientLike {
  const listeners = new Set<(e: LabEvent) => void>();
  let k = 0;
  return {
    start(job: LabJob, engine: EngineChoice) {
      const runId = `r${++k}`;
      const e = engine === 'gpu' ? 'gpu' : 'cpu';
      const emit = (ev: LabEvent) => { for (const l of [...listeners]) l(ev); };
      queueMicrotask(() => {
        emit({ type: 'engine', runId, engine: e });
        const spec = (job as { spec: { tMax: number; model: string } }).spec;
        const quenchSeconds = (20 + msPerStep[e] * Math.round(spec.tMax / getModel(spec.model as 'soft2d').defaultDt)) / 1000;
        emit({ type: 'result', runId, result: { kind: 'single', engine: e, quenchSeconds, seconds: quenchSeconds + 0.05 } as never });
      });
      return runId;
    },
    pause() {}, resume() {}, stop() {}, dispose() {},
    onEvent(l) { listeners.add(l); return () => { listeners.delete(l); }; },
  };
}

describe('calibration', () => {
  it('takes the quench time from the engine result and picks the engine with more particle-steps per second', async () => {
    // soft2d T = 0.8: the GPU runs 4096 particles at 40 ms a step (1.0e5 particle-steps/s), float64 1024 at 0.5 ms (2.0e6/s).
    const client = scriptedClient({ gpu: 40, cpu: 0.5 });
    const t = await timeJob(client, { kind: 'single', spec: presetSpec(getPreset('harmonic2d-inf'), 'cpu') }, 'cpu');
    expect(t.engine).toBe('cpu');
    expect(t.quenchSeconds).toBeCloseTo(0.02 + 5000 * 0.0005, 12);
    expect(t.analysisSeconds).toBeCloseTo(0.05, 12);
    const presets = [getPreset('soft2d-hot'), getPreset('harmonic2d-inf')];
    await calibrate(client, { engines: ['gpu', 'cpu'], presets, fetchStart: async () => undefined });
    const s = useCalibrationStore.getState();
    expect(s.state).toBe('done');
    expect(s.picked).toBe('cpu');
    expect(s.engines.map((e) => e.engine)).toEqual(['gpu', 'cpu']);
    expect(s.engines[0].rate).toBeCloseTo(4096 / 0.04, 6);
    expect(s.engines[1].rate).toBeCloseTo(1024 / 0.0005, 6);
    expect(s.reason).toContain('the float64 engine runs (20.0× faster here)');
    expect(Object.keys(s.presets).sort()).toEqual(['harmonic2d-inf', 'soft2d-hot']);
    // harmonic2d from T = ∞: 0.02 s of start, 5000 steps at 0.5 ms, 0.05 s of analysis.
    expect(s.presets['harmonic2d-inf'].startSeconds).toBeCloseTo(0.02, 9);
    expect(estimateSeconds(presetSpec(presets[1], 'cpu'), s.presets['harmonic2d-inf'])).toBeCloseTo(2.57, 9);
  });

  it('calibrates the float64 engine for real, in process, from the shipped states', async () => {
    const client = new LabClient(inProcessPort());
    const presets = [getPreset('soft2d-cold'), getPreset('harmonic2d-inf')];
    await calibrate(client, {
      engines: ['cpu'], presets,
      fetchStart: async (spec) => (spec.initialState ? parseStartingState(readFileSync(`public/states/${spec.initialState}`, 'utf8'), spec, spec.initialState) : undefined),
    });
    client.dispose();
    const s = useCalibrationStore.getState();
    expect(s.error).toBeNull();
    expect(s.picked).toBe('cpu');
    for (const p of presets) {
      const c = s.presets[p.id];
      expect(c.engine).toBe('cpu');
      expect(c.secondsPerParticleStep).toBeGreaterThan(0);
      expect(c.secondsPerParticleStep).toBeLessThan(1e-3); // a float64 particle-step takes well under a millisecond
      expect(c.analysisSeconds).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps a finished calibration for the next page load, per machine key and version, until asked to recalibrate', async () => {
    const map = new Map<string, string>();
    const storage: KeyValueStorage = { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => { map.set(k, v); } };
    const counting = (inner: LabClientLike) => {
      let starts = 0;
      return { client: { ...inner, start: (job: LabJob, e: EngineChoice) => { starts++; return inner.start(job, e); } } as LabClientLike, starts: () => starts };
    };
    const presets = [getPreset('soft2d-hot'), getPreset('harmonic2d-inf')];
    const key = calibrationKey(['gpu', 'cpu'], 'SwiftShader Device', presets);
    const first = counting(scriptedClient({ gpu: 40, cpu: 0.5 }));
    await calibrate(first.client, { engines: ['gpu', 'cpu'], presets, fetchStart: async () => undefined, cache: { storage, key } });
    expect(first.starts()).toBe(6); // 2 runs × (2 engines on the reference + 1 other preset)
    const measured = useCalibrationStore.getState();
    expect(measured.savedAt).toBeNull();

    // The reload: the same machine key reads the calibration back and starts no run.
    useCalibrationStore.setState({ state: 'idle', picked: null, presets: {}, reason: '' });
    const reload = counting(scriptedClient({ gpu: 1, cpu: 1 }));
    await calibrate(reload.client, { engines: ['gpu', 'cpu'], presets, fetchStart: async () => undefined, cache: { storage, key } });
    expect(reload.starts()).toBe(0);
    const back = useCalibrationStore.getState();
    expect(back.state).toBe('done');
    expect(back.picked).toBe('cpu');
    expect(back.reason).toBe(measured.reason);
    expect(back.presets).toEqual(measured.presets);
    expect(back.savedAt).toBeGreaterThan(0);

    // Another adapter, or a changed preset, is another machine key: it calibrates.
    expect(calibrationKey(['gpu', 'cpu'], 'NVIDIA H100', presets)).not.toBe(key);
    expect(calibrationKey(['gpu', 'cpu'], 'SwiftShader Device', [{ ...presets[0], tMax: 50 }, presets[1]])).not.toBe(key);
    expect(calibrationKey(['cpu'], 'SwiftShader Device', presets)).not.toBe(key);

    // An entry of an older version is ignored.
    const file = JSON.parse(map.get(CALIBRATION_CACHE_KEY)!) as { version: number };
    map.set(CALIBRATION_CACHE_KEY, JSON.stringify({ ...file, version: CALIBRATION_CACHE_VERSION - 1 }));
    const older = counting(scriptedClient({ gpu: 40, cpu: 0.5 }));
    await calibrate(older.client, { engines: ['gpu', 'cpu'], presets, fetchStart: async () => undefined, cache: { storage, key } });
    expect(older.starts()).toBe(6);

    // "Recalibrate": forced, it times again (a slower float64 now) and saves the new result.
    const again = counting(scriptedClient({ gpu: 40, cpu: 2 }));
    await calibrate(again.client, { engines: ['gpu', 'cpu'], presets, fetchStart: async () => undefined, cache: { storage, key }, force: true });
    expect(again.starts()).toBe(6);
    expect(useCalibrationStore.getState().engines[1].rate).toBeCloseTo(1024 / 0.002, 6);
    const saved = JSON.parse(map.get(CALIBRATION_CACHE_KEY)!) as { entries: Record<string, { engines: { rate: number }[] }> };
    expect(saved.entries[key].engines[1].rate).toBeCloseTo(1024 / 0.002, 6);
  });
});
