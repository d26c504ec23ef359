// GPU cell and neighbor lists (docs/ARCHITECTURE.md hazards 4 and 5): no pair is ever dropped, overflow forces a rebuild with more slots,
// the skin/2 criterion triggers rebuilds, and the reduce-then-scan prefix sum is exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { GpuLandscape } from '../../src/gpu/forces.ts';
import { readBack, storageBuffer } from '../../src/gpu/kernels.ts';
import { createPrefixSum, createScanKernels } from '../../src/gpu/prefixSum.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { steepestDescent } from '../../src/physics/descent/steepestDescent.ts';
import { landscapeForces } from '../../src/physics/descent/state.ts';
import { createLandscape } from '../../src/physics/forces.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS, randomConfiguration, type Model } from '../../src/physics/models.ts';
import { createRng } from '../../src/physics/rng.ts';
import { cellLimit } from '../../src/physics/cells.ts';
import { displacementField, periodicBox } from '../../src/physics/space.ts';
import { gpuAvailable, NO_GPU, reference, worstRelativeForceError } from './gpuTestContext.ts';

const FORCE_BOUND = 1e-5; // as in forces.test.ts, where it is justified

function liquid(model: Model, n: number, seed: number): Configuration {
  return quench(model, jitteredLattice(model, n, seed), { algorithm: 'fire', maxSteps: 20 }).final;
}

describe.skipIf(!gpuAvailable)(`GPU neighbor lists${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  /** Every interacting pair of the float64 engine is in both partners' GPU lists; the lists are symmetric; forces agree. */
  async function checkListAndForces(model: Model, c: Configuration, capacity?: number) {
    const ref = reference(model, c);
    const land = await GpuLandscape.create(model, c, { gpu, neighborCapacity: capacity });
    try {
      const lists = (await land.readNeighbors()).map((l) => new Set(l));
      let missing = 0, oneSided = 0;
      for (const [i, j] of ref.pairs) if (!lists[i].has(j) || !lists[j].has(i)) missing++;
      lists.forEach((l, i) => { for (const j of l) if (!lists[j].has(i)) oneSided++; });
      expect(missing).toBe(0);
      expect(oneSided).toBe(0);
      const { forces } = await land.energyAndForces();
      expect(worstRelativeForceError(ref, forces, model.dim)).toBeLessThanOrEqual(FORCE_BOUND);
      return land.neighborStats;
    } finally {
      land.destroy();
    }
  }

  it('contains every interacting pair (soft2d, ka3d)', async () => {
    await checkListAndForces(MODELS.soft2d, liquid(MODELS.soft2d, 400, 1));
    await checkListAndForces(MODELS.ka3d, liquid(MODELS.ka3d, 1000, 1));
  });

  it('overflows on purpose with 2 slots per particle, grows, rebuilds, and is exact', async () => {
    for (const model of [MODELS.soft2d, MODELS.ka3d]) {
      const stats = await checkListAndForces(model, liquid(model, model.dim === 2 ? 400 : 1000, 2), 2);
      console.log(`${model.name}: capacity 2 → ${stats.capacity} after ${stats.overflows} overflow(s); largest count ${stats.largestCount}`);
      expect(stats.overflows).toBeGreaterThanOrEqual(1);
      expect(stats.capacity).toBeGreaterThanOrEqual(stats.largestCount);
    }
  });

  it('bins any number of particles into one cell (80 harmonic disks crowded into a unit square)', async () => {
    const model = MODELS.harmonic2d;
    const c = liquid(model, 400, 3);
    const rng = createRng(9);
    for (let i = 0; i < 80; i++) { c.positions[2 * i] = 5 + rng.uniform(); c.positions[2 * i + 1] = 5 + rng.uniform(); }
    const stats = await checkListAndForces(model, c);
    expect(stats.largestCount).toBeGreaterThanOrEqual(79);
  });

  it('a huge sparse box (soft3d, N = 64 in clusters, L = 300): at most cellLimit(N) cells, every pair found', async () => {
    const rng = createRng(13);
    const n = 64, L = 300;
    const positions = new Float64Array(3 * n);
    for (let i = 0; i < n; i += 4) {
      const centre = [rng.uniform() * L, rng.uniform() * L, rng.uniform() * L];
      for (let k = i; k < i + 4; k++) for (let a = 0; a < 3; a++) positions[3 * k + a] = (centre[a] + 1.2 * rng.uniform()) % L;
    }
    const c: Configuration = { box: periodicBox(3, L), positions, diameters: Float64Array.from({ length: n }, () => 0.9 + 0.2 * rng.uniform()), species: new Uint8Array(n) };
    expect(reference(MODELS.soft3d, c).pairs.length).toBeGreaterThan(30);
    const stats = await checkListAndForces(MODELS.soft3d, c);
    expect(stats.cells).toBeLessThanOrEqual(cellLimit(n)); // ⌊300/1.9⌋³ ≈ 4·10⁶ without the limit
  });

  it('rebuilds exactly when some particle has moved more than skin/2', async () => {
    const model = MODELS.soft2d;
    const c = liquid(model, 400, 4);
    const land = await GpuLandscape.create(model, c, { gpu });
    try {
      const n = 400, rng = createRng(5);
      const delta = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        const angle = 2 * Math.PI * rng.uniform();
        delta[2 * i] = 0.45 * land.skin * Math.cos(angle);
        delta[2 * i + 1] = 0.45 * land.skin * Math.sin(angle);
      }
      land.displace(delta);
      expect(await land.refreshNeighbors()).toBe(false);
      const moved = await land.readPositions();
      const ref = reference(model, { ...c, positions: moved });
      expect(worstRelativeForceError(ref, (await land.energyAndForces()).forces, 2)).toBeLessThanOrEqual(FORCE_BOUND);
      expect(land.neighborStats.builds).toBe(1);
      const push = new Float64Array(2 * n);
      push[2 * 17] = 0.55 * land.skin;
      land.displace(push);
      const { forces } = await land.energyAndForces();
      expect(land.neighborStats.builds).toBe(2);
      const ref2 = reference(model, { ...c, positions: await land.readPositions() });
      expect(worstRelativeForceError(ref2, forces, 2)).toBeLessThanOrEqual(FORCE_BOUND);
    } finally {
      land.destroy();
    }
  });

  it('follows the float64 steepest descent through list rebuilds (harmonic2d from T = ∞, 60 steps)', async () => {
    const model = MODELS.harmonic2d;
    const n = 400;
    const c = randomConfiguration(model, n, 6);
    const sd = steepestDescent(landscapeForces(createLandscape(model, c)), { dt: model.defaultDt, n });
    const s = sd.init(c.positions);
    const land = await GpuLandscape.create(model, c, { gpu });
    try {
      await land.energyAndForces();
      for (let k = 0; k < 60; k++) {
        sd.step(s);
        land.stepAlongForces(model.defaultDt);
        await land.refreshNeighbors();
        land.evaluateForces();
      }
      const gpuPositions = await land.readPositions();
      const diff = displacementField(c.box, s.positions, gpuPositions);
      const travelled = displacementField(c.box, c.positions, s.positions);
      const rms = (v: Float64Array) => Math.sqrt(v.reduce((a, x) => a + x * x, 0) / n);
      console.log(`harmonic2d SD, 60 steps: rms distance travelled ${rms(travelled).toExponential(3)}, rms GPU − float64 ${rms(diff).toExponential(3)}, `
        + `${land.neighborStats.builds} list builds`);
      expect(land.neighborStats.builds).toBeGreaterThan(1);
      expect(rms(diff)).toBeLessThanOrEqual(1e-5 * rms(travelled));
    } finally {
      land.destroy();
    }
  });

  it('prefix sums of 70000 counts by reduce-then-scan equal the serial sums', async () => {
    const count = 70_000; // 274 blocks: the block sums are scanned in two chunks of 256
    const values = new Uint32Array(count).map((_, k) => (k * 2654435761) % 7);
    const input = storageBuffer(gpu, 'values', 4 * count);
    const output = storageBuffer(gpu, 'prefix', 4 * count);
    gpu.device.queue.writeBuffer(input, 0, values);
    const scan = createPrefixSum(gpu, await createScanKernels(gpu), input, output, count);
    const encoder = gpu.device.createCommandEncoder();
    scan.encode(encoder);
    gpu.device.queue.submit([encoder.finish()]);
    const prefix = new Uint32Array(await readBack(gpu, output, 4 * count));
    let running = 0, wrong = 0;
    for (let k = 0; k < count; k++) { if (prefix[k] !== running) wrong++; running += values[k]; }
    expect(wrong).toBe(0);
    scan.destroy(); input.destroy(); output.destroy();
  });
});
