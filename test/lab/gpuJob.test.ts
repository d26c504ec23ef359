// A single job on the WebGPU engine (Dawn + SwiftShader in Node; skipped without an adapter): it follows the float64 job's
// ⟨|v|⟩ within 1% up to t = 1 from the same start, streams frames, pauses between chunks, and equilibrates with the GPU sampler.
import { afterAll, describe, expect, it } from 'vitest';
import { toConfigurationData } from '../../src/engine/lab/configurationData.ts';
import { RunControl } from '../../src/engine/lab/control.ts';
import { createGpuPool } from '../../src/engine/lab/engines.ts';
import type { LabEvent, SingleResult } from '../../src/engine/lab/protocol.ts';
import { runJob } from '../../src/engine/lab/runJob.ts';
import { gpuAvailable, NO_GPU } from '../gpu/gpuTestContext.ts';
import { equilibriumState, worstRelativeDifference } from '../gpu/quenchStates.ts';
import { ofType, resultOf, runToEnd, smallSpec, startCommand } from './labHarness.ts';

describe.skipIf(!gpuAvailable)(`lab jobs on the GPU engine${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  const gpu = createGpuPool();
  afterAll(() => gpu.close());
  const spec = smallSpec({ n: 256, temperature: 0.8, tMax: 1, fitWindow: { tMin: 0.05, tMax: 1 } });
  const start = toConfigurationData(equilibriumState('soft2d', 256, 0.8));

  it('soft2d N = 256 from one start: ⟨|v|⟩ within 1% of the float64 job up to t = 1, on the same sample times, with frames', async () => {
    const onGpu = await runToEnd(startCommand({ kind: 'single', spec, start }, 'gpu', 'g', 1), { gpu });
    const onCpu = await runToEnd(startCommand({ kind: 'single', spec, start }, 'cpu', 'c'));
    expect(ofType(onGpu, 'engine')[0]).toMatchObject({ engine: 'gpu' });
    const g = resultOf(onGpu) as SingleResult, c = resultOf(onCpu) as SingleResult;
    expect(g.engine).toBe('gpu');
    expect(g.series.t).toEqual(c.series.t);
    const worst = worstRelativeDifference(g.series.speed, c.series.speed);
    console.log(`lab GPU job vs float64 job, soft2d N = 256, t ≤ 1: max |Δ⟨|v|⟩|/⟨|v|⟩ = ${worst.toExponential(2)}; ${ofType(onGpu, 'frame').length} frames`);
    expect(worst).toBeLessThan(0.01);
    expect(ofType(onGpu, 'sample').map((s) => s.sample.t)).toEqual(g.series.t);
    const frames = ofType(onGpu, 'frame');
    expect(frames.length).toBeGreaterThan(0);
    expect(frames[frames.length - 1].positions).toHaveLength(2 * 256);
    // Mid-run frames carry |v_i| = |f_i| from the GPU's force buffer: their rms is ⟨|v|⟩ of the curve at that step.
    const withSpeeds = frames.filter((f) => f.speeds);
    expect(withSpeeds.length).toBeGreaterThan(0);
    for (const f of withSpeeds) {
      expect(f.speeds).toHaveLength(256);
      const rms = Math.sqrt(f.speeds!.reduce((a, v) => a + v * v, 0) / 256);
      const k = c.series.step.findIndex((s) => s >= f.step);
      if (k >= 0 && c.series.step[k] === f.step) expect(Math.abs(rms / c.series.speed[k] - 1)).toBeLessThan(0.01);
      else expect(rms).toBeGreaterThan(0);
    }
    expect(g.particles.defectFlags).toHaveLength(256);
  });

  it('pauses between chunks (no samples while paused) and equilibrates with the GPU swap Monte Carlo', async () => {
    const control = new RunControl();
    const events: LabEvent[] = [];
    const done = runJob(startCommand({ kind: 'single', spec: { ...spec, sweeps: 64 } }, 'gpu', 'p'), (e) => {
      events.push(e);
      if (e.type === 'sample' && e.sample.step > 0 && !control.paused() && !events.some((x) => x.type === 'paused')) control.pause();
      if (e.type === 'paused' && e.paused) setTimeout(() => control.resume(), 300);
    }, control, { gpu });
    await done;
    const mc = ofType(events, 'mc');
    expect(mc[mc.length - 1].sweep).toBe(64);
    const pausedAt = events.findIndex((e) => e.type === 'paused');
    const resumedAt = events.findIndex((e, k) => k > pausedAt && e.type === 'paused');
    expect(pausedAt).toBeGreaterThan(0);
    expect(events.slice(pausedAt, resumedAt).filter((e) => e.type === 'sample')).toHaveLength(0);
    expect((resultOf(events) as SingleResult).engine).toBe('gpu');
  });
});
