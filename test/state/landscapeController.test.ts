// The Landscape panel's state without a browser: K validated as typed, modes computed through the real lab job in-process,
// the pick rule, stale modes cleared by a new run, and the preset's "compute when the quench is done".
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LabClient } from '../../src/engine/lab/client.ts';
import { toConfigurationData } from '../../src/engine/lab/configurationData.ts';
import { inProcessPort, type InProcessPort } from '../../src/engine/lab/inProcess.ts';
import type { SingleResult } from '../../src/engine/lab/protocol.ts';
import { normalModes } from '../../src/physics/analysis/modes/normalModes.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { createLandscape } from '../../src/physics/forces.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS } from '../../src/physics/models.ts';
import { wrapPositions } from '../../src/physics/space.ts';
import { createLandscapeController, type LandscapeController } from '../../src/state/landscapeController.ts';
import { IDLE_LANDSCAPE, parseModeCount, pickedBy, useLandscapeStore } from '../../src/state/landscapeStore.ts';
import { useRunStore } from '../../src/state/runStore.ts';

const N = 64;
let minimum: Configuration;
let port: InProcessPort;
let controller: LandscapeController;
const land = () => useLandscapeStore.getState();

beforeAll(() => {
  minimum = quench(MODELS.soft2d, jitteredLattice(MODELS.soft2d, N, 5), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
  wrapPositions(minimum.box, minimum.positions);
});

function finishRun(runId: string): void {
  useRunStore.getState().begin(runId);
  const result = {
    kind: 'single', spec: { model: 'soft2d', n: N }, reason: 'force-tolerance', final: toConfigurationData(minimum),
  } as unknown as SingleResult;
  useRunStore.getState().apply({ type: 'result', runId, result });
}

function start(): void {
  useLandscapeStore.setState({ ...IDLE_LANDSCAPE });
  useRunStore.getState().clear();
  port = inProcessPort();
  controller = createLandscapeController(() => new LabClient(port));
}

afterEach(() => controller?.dispose());

describe('K as typed', () => {
  it('a whole number from 1 to min(100, D(N − 1)), else one line saying what is allowed', () => {
    expect(parseModeCount('ten', 126)).toEqual({ error: 'K must be a whole number ≥ 1' });
    expect(parseModeCount('2.5', 126)).toEqual({ error: 'K must be a whole number ≥ 1' });
    expect(parseModeCount('0', 126)).toEqual({ error: 'K must be at least 1' });
    expect(parseModeCount('101', 1000)).toEqual({ error: 'K is at most 100 here (glasslab modes --count computes more)' });
    expect(parseModeCount('10', 6)).toEqual({ error: 'K is at most 6: the modes of this system' });
    expect(parseModeCount(' 12 ', 126)).toEqual({ count: 12 });
  });

  it('picks the lowest mode, or the one of smallest P', () => {
    expect(pickedBy('lowest', [0.5, 0.1, 0.3])).toBe(0);
    expect(pickedBy('most-localized', [0.5, 0.1, 0.3])).toBe(1);
  });
});

describe('the landscape controller', () => {
  it('says there is nothing to compute before a quench; then computes what normalModes computes', async () => {
    start();
    controller.compute();
    expect(land().status).toBe('error');
    expect(land().error).toMatch(/finish a quench/);
    finishRun('q1');
    useLandscapeStore.setState({ countText: '5' });
    controller.compute();
    expect(land().status).toBe('running');
    await port.idle();
    expect(land().status).toBe('done');
    const r = land().result!;
    const direct = normalModes(createLandscape(MODELS.soft2d, minimum), minimum.positions, { count: 5 });
    expect(Array.from(r.eigenvalues)).toEqual(Array.from(direct.values));
    expect(land().picked).toBe(0);
    expect(land().source?.runId).toBe('q1');
    expect(land().progress?.fraction).toBe(1);
  });

  it('a bad K is refused before any job; a new run clears stale modes', async () => {
    start();
    finishRun('q1');
    useLandscapeStore.setState({ countText: '500' });
    controller.compute();
    expect(land().status).toBe('error');
    expect(land().error).toBe('K is at most 100 here (glasslab modes --count computes more)');
    useLandscapeStore.setState({ countText: '3' });
    controller.compute();
    await port.idle();
    expect(land().result?.eigenvalues.length).toBe(3);
    useRunStore.getState().begin('q2');
    expect(land().result).toBeNull();
    expect(land().status).toBe('idle');
  });

  it('a landscape preset computes when its quench is done, and picks the most localized mode', async () => {
    start();
    useLandscapeStore.setState({ computeWhenDone: true, autoPick: 'most-localized', countText: '8' });
    finishRun('q1');
    expect(land().computeWhenDone).toBe(false);
    expect(land().status).toBe('running');
    await port.idle();
    const r = land().result!;
    expect(land().picked).toBe(r.participation.indexOf(Math.min(...r.participation)));
  });
});
