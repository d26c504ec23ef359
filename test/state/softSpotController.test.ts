// The Soft spots section's state without a browser: the nonlinear and elastic jobs run through the real lab jobs in-process on
// a finished quench; κ of the fields equals the energy's second difference along them; a source that is not a minimum is
// polished first; a new run clears stale results; a preset's request is served when the quench is done.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LabClient } from '../../src/engine/lab/client.ts';
import { toConfigurationData } from '../../src/engine/lab/configurationData.ts';
import { inProcessPort, type InProcessPort } from '../../src/engine/lab/inProcess.ts';
import type { SingleResult } from '../../src/engine/lab/protocol.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { createLandscape, energy } from '../../src/physics/forces.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS } from '../../src/physics/models.ts';
import { wrapPositions } from '../../src/physics/space.ts';
import { DEFAULT_SPEC } from '../../src/engine/runSpec.ts';
import { DEFAULT_LANDSCAPE } from '../../src/io/landscapeSettings.ts';
import { useLandscapeSettingsStore } from '../../src/state/landscapeSettingsStore.ts';
import { createSoftSpotController, largestForce, type SoftSpotController } from '../../src/state/softSpotController.ts';
import { IDLE_SOFT_SPOTS, useSoftSpotStore } from '../../src/state/softSpotStore.ts';
import { useRunStore } from '../../src/state/runStore.ts';

const N = 48;
let minimum: Configuration;
let jittered: Configuration;
let ports: InProcessPort[] = [];
let controller: SoftSpotController;
const soft = () => useSoftSpotStore.getState();

beforeAll(() => {
  jittered = jitteredLattice(MODELS.soft2d, N, 7);
  minimum = quench(MODELS.soft2d, jittered, { algorithm: 'fire', forceTolerance: 1e-12 }).final;
  wrapPositions(minimum.box, minimum.positions);
});

function finishRun(runId: string, c: Configuration = minimum): void {
  useRunStore.getState().begin(runId);
  const result = { kind: 'single', spec: { model: 'soft2d', n: N }, reason: 'force-tolerance', final: toConfigurationData(c) } as unknown as SingleResult;
  useRunStore.getState().apply({ type: 'result', runId, result });
}

function start(): void {
  useSoftSpotStore.setState({ ...IDLE_SOFT_SPOTS });
  useLandscapeSettingsStore.getState().set({ ...DEFAULT_LANDSCAPE });
  useRunStore.getState().clear();
  ports = [];
  controller = createSoftSpotController(() => { const p = inProcessPort(); ports.push(p); return new LabClient(p); });
}
/** Until no job runs (a polish chains its analysis after it). */
async function idle(): Promise<void> {
  do await Promise.all(ports.map((p) => p.idle()));
  while (soft().nonlinear.status === 'running' || soft().elastic.status === 'running');
}

afterEach(() => controller?.dispose());

// κ = M:zz/(z·z) from the energy alone: the second central difference along z (an independent truth for the job's κ).
function kappaByDifference(c: Configuration, z: Float64Array, h = 1e-4): number {
  const land = createLandscape(MODELS.soft2d, c);
  const at = (s: number) => energy(land, Float64Array.from(c.positions, (x, k) => x + s * z[k]));
  let zz = 0;
  for (const v of z) zz += v * v;
  return (at(h) - 2 * at(0) + at(-h)) / (h * h) / zz;
}

describe('the soft-spot controller', () => {
  it('says there is nothing to analyse before a quench; then κ of ψ, π4, π3 equals the energy\'s curvature along them', async () => {
    start();
    controller.compute('nonlinear');
    expect(soft().nonlinear.status).toBe('error');
    expect(soft().nonlinear.error).toMatch(/finish a quench/);
    finishRun('q1');
    controller.compute('nonlinear');
    expect(soft().nonlinear.status).toBe('running');
    await idle();
    const s = soft().nonlinear;
    expect(s.status).toBe('done');
    expect(s.progress?.fraction).toBe(1);
    const r = s.result!;
    expect(soft().source?.runId).toBe('q1');
    expect(r.fields.pi3.length).toBe(2 * N);
    expect(kappaByDifference(minimum, r.fields.psi)).toBeCloseTo(r.harmonic.kappa, 4);
    expect(kappaByDifference(minimum, r.fields.pi4)).toBeCloseTo(r.quartic.kappa, 4);
    expect(kappaByDifference(minimum, r.fields.pi3)).toBeCloseTo(r.cubic.kappa, 4);
  });

  it('the elastic job gives G = Born − non-affine and κ_i as the mean of κ_ij over each particle\'s pairs', async () => {
    start();
    finishRun('q1');
    controller.compute('elastic');
    await idle();
    const r = soft().elastic.result!;
    expect(soft().elastic.status).toBe('done');
    expect(r.shearModulus).toBeCloseTo(r.born - r.nonaffine, 10);
    expect(r.shearModulus).toBeGreaterThan(0);
    const sum = new Float64Array(N), count = new Float64Array(N);
    r.pairFirst.forEach((i, q) => { sum[i] += r.pairKappa[q]; count[i]++; sum[r.pairSecond[q]] += r.pairKappa[q]; count[r.pairSecond[q]]++; });
    for (let i = 0; i < N; i++) expect(r.localKappa[i]).toBeCloseTo(count[i] ? sum[i] / count[i] : 0, 10);
    const mean = Array.from(r.pairKappa).reduce((a, b) => a + b, 0) / r.pairKappa.length;
    expect(r.dipole.mean).toBeCloseTo(mean, 10);
  });

  it('polishes a source that is not a minimum first, and analyses the polished state', async () => {
    start();
    const spec = { ...DEFAULT_SPEC, model: 'soft2d' as const, n: N, temperature: Infinity };
    expect(largestForce(toConfigurationData(jittered), spec)).toBeGreaterThan(1e-3);
    finishRun('q1', jittered);
    controller.compute('elastic');
    expect(soft().elastic.progress?.label).toMatch(/polishing/);
    await idle();
    expect(soft().elastic.error).toBeNull();
    expect(soft().elastic.status).toBe('done');
    expect(soft().source?.label).toMatch(/polished/);
    expect(largestForce(soft().source!.configuration, spec)).toBeLessThan(1e-9);
    expect(soft().elastic.result!.maxForce).toBeLessThan(1e-9);
    // the second analysis reuses the polished state
    controller.compute('nonlinear');
    expect(soft().nonlinear.progress?.label).toBe('starting');
    await idle();
    expect(soft().nonlinear.result!.maxForce).toBeLessThan(1e-9);
    expect(soft().source?.label).toMatch(/polished/);
  });

  it('a new run clears stale results; a preset or link request runs when the quench is done', async () => {
    start();
    finishRun('q1');
    controller.compute('elastic');
    await idle();
    expect(soft().elastic.result).not.toBeNull();
    useRunStore.getState().begin('q2');
    expect(soft().elastic.result).toBeNull();
    expect(soft().elastic.status).toBe('idle');
    expect(soft().source).toBeNull();

    useSoftSpotStore.setState({ computeWhenDone: ['nonlinear'] });
    finishRun('q3');
    expect(soft().computeWhenDone).toEqual([]);
    expect(soft().nonlinear.status).toBe('running');
    expect(soft().elastic.status).toBe('idle');
    await idle();
    expect(soft().nonlinear.result).not.toBeNull();

    useLandscapeSettingsStore.getState().set({ softSpots: true });
    finishRun('q4');
    expect(soft().nonlinear.status).toBe('running');
    expect(soft().elastic.status).toBe('running');
    await idle();
    expect(soft().elastic.status).toBe('done');
  });

  it('cancel stops a running job and leaves no result', async () => {
    start();
    finishRun('q1');
    controller.compute('nonlinear');
    controller.cancel('nonlinear');
    await idle();
    expect(soft().nonlinear.status).toBe('idle');
    expect(soft().nonlinear.result).toBeNull();
  });
});
