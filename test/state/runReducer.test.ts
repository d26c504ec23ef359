import { describe, expect, it } from 'vitest';
import type { LabEvent, SingleResult } from '../../src/engine/lab/protocol.ts';
import { IDLE_RUN, reduceLabEvent, startedRun, type RunState } from '../../src/state/runReducer.ts';

const sample = (t: number, speed: number) => ({ t, step: t * 10, speed, energyPerParticle: 1 / (1 + t), meanSquaredForce: speed * speed, maxForce: speed });
const system = { dim: 2, box: [2, 2], positions: new Float64Array([0.5, 0.5, 1.5, 1.5]), diameters: new Float64Array([1, 1]), species: new Uint8Array(2) };

function play(events: LabEvent[], s: RunState = startedRun('a')): RunState {
  return events.reduce(reduceLabEvent, s);
}

describe('the run store reducer', () => {
  it('grows curves sample by sample, in order of their first sample', () => {
    const s = play([
      { type: 'sample', runId: 'a', curve: '#1', sample: sample(1, 1) },
      { type: 'sample', runId: 'a', curve: '#1', sample: sample(2, 0.5) },
      { type: 'sample', runId: 'a', curve: '#2', sample: sample(1, 0.9) },
    ]);
    expect(s.curveOrder).toEqual(['#1', '#2']);
    expect(s.curves['#1'].t).toEqual([1, 2]);
    expect(s.curves['#1'].speed).toEqual([1, 0.5]);
    expect(s.curves['#2'].energyPerParticle).toEqual([0.5]);
  });

  it('ignores events of another run (a stopped job that is still draining)', () => {
    const s = play([{ type: 'sample', runId: 'old', curve: 'main', sample: sample(1, 1) }, { type: 'error', runId: 'old', message: 'x' }]);
    expect(s).toEqual(startedRun('a'));
    expect(reduceLabEvent(IDLE_RUN, { type: 'stopped', runId: 'a' })).toBe(IDLE_RUN);
  });

  it('follows pause, resume, stop and errors', () => {
    expect(play([{ type: 'paused', runId: 'a', paused: true }]).status).toBe('paused');
    expect(play([{ type: 'paused', runId: 'a', paused: true }, { type: 'paused', runId: 'a', paused: false }]).status).toBe('running');
    expect(play([{ type: 'stopped', runId: 'a' }]).status).toBe('stopped');
    const e = play([{ type: 'error', runId: 'a', message: 'N must be ≥ 2' }]);
    expect(e.status).toBe('error');
    expect(e.error).toBe('N must be ≥ 2');
  });

  it('holds the frame while paused (the caption\'s t does not move), and takes frames again once resumed', () => {
    const frame = (t: number): LabEvent => ({ type: 'frame', runId: 'a', t, step: t, positions: new Float32Array([0.6, 0.5, 1.4, 1.5]) });
    let s = play([{ type: 'system', runId: 'a', system, label: 'x' }, frame(1), { type: 'paused', runId: 'a', paused: true }, frame(2)]);
    expect(s.status).toBe('paused');
    expect(s.frame!.t).toBe(1);
    s = play([{ type: 'paused', runId: 'a', paused: false }, frame(3)], s);
    expect(s.frame!.t).toBe(3);
  });

  it('keeps the system, its t = 0 positions as the reference, the latest frame and the swap-MC trace', () => {
    const s = play([
      { type: 'engine', runId: 'a', engine: 'cpu', note: 'no adapter: float64' },
      { type: 'system', runId: 'a', system, label: 'soft2d' },
      { type: 'mc', runId: 'a', sweep: 10, sweeps: 20, energyPerParticle: 1.1, acceptance: { displacement: 0.4, swap: 0.2 } },
      { type: 'mc', runId: 'a', sweep: 20, sweeps: 20, energyPerParticle: 1.0, acceptance: { displacement: 0.41, swap: 0.21 } },
      { type: 'frame', runId: 'a', t: 3, step: 30, positions: new Float32Array([0.6, 0.5, 1.4, 1.5]) },
    ]);
    expect(s.engine).toBe('cpu');
    expect(s.engineNote).toBe('no adapter: float64');
    expect(Array.from(s.reference!)).toEqual([0.5, 0.5, 1.5, 1.5]);
    expect(s.frame!.t).toBe(3);
    expect(s.mc).toEqual({ sweeps: [10, 20], energyPerParticle: [1.1, 1.0], temperature: [null, null], acceptance: { displacement: 0.41, swap: 0.21 }, total: 20 });
  });

  it('a single result ends the run and shows the final configuration', () => {
    const final = { ...system, positions: new Float64Array([0.7, 0.5, 1.3, 1.5]) };
    const result = { kind: 'single', final } as unknown as SingleResult;
    const s = play([{ type: 'progress', runId: 'a', fraction: 0.5, secondsLeft: 3, label: 'quench' }, { type: 'result', runId: 'a', result }]);
    expect(s.status).toBe('done');
    expect(s.progress).toMatchObject({ fraction: 1, secondsLeft: 0 });
    expect(Array.from(s.frame!.positions)).toEqual([0.699999988079071, 0.5, 1.2999999523162842, 1.5]);
  });
});
