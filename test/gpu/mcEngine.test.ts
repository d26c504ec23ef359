// The GPU swap Monte Carlo's machinery (src/gpu/mc): the checkerboard grid and per-sweep schedule (no GPU needed), then on the
// GPU: cell lists that never lose a particle, f32 energies against the float64 engine for every kind of model, exact replays
// from the seed (across batch sizes and cell overflows), counts that add up, and clear errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { encodePositions } from '../../src/gpu/fixedPoint.ts';
import {
  buildBins, cellOfParticle, checkerboardGrid, GpuMonteCarlo, packPassSlots, PASS_SLOT_BYTES, shiftBefore, sweepSchedule, type CheckerboardGrid,
} from '../../src/gpu/mc/index.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { createLandscape, energy } from '../../src/physics/forces.ts';
import { initMonteCarlo, monteCarloSweep } from '../../src/physics/mc/index.ts';
import { MODELS, randomConfiguration, type Model } from '../../src/physics/models.ts';
import { periodicBox } from '../../src/physics/space.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';

/** A liquid-like start: a few serial sweeps from T = ∞ (overlaps relaxed). */
function liquid(model: Model, n: number, seed: number, T: number): Configuration {
  const state = initMonteCarlo(randomConfiguration(model, n, seed), model, { temperature: T, seed });
  for (let s = 0; s < 15; s++) monteCarloSweep(state);
  return state.configuration;
}

/** Throws unless the GPU cell lists are exactly those the host builds for the current grid origin (hazard 4). */
function expectCellListsComplete(grid: CheckerboardGrid, gpuBins: Uint32Array, words: Uint32Array, shift: number[], capacity: number, n: number) {
  const host = buildBins(grid, words, shift, capacity);
  expect(host.bins).not.toBeNull();
  const stride = capacity + 1;
  const seen = new Uint8Array(n);
  for (let c = 0; c < grid.cellCount; c++) {
    const count = gpuBins[c * stride];
    expect(count).toBe(host.bins![c * stride]);
    for (let s = 1; s <= count; s++) {
      const i = gpuBins[c * stride + s];
      expect(i).toBe(host.bins![c * stride + s]);
      expect(seen[i]).toBe(0);
      seen[i] = 1;
    }
  }
  expect(seen.every((v) => v === 1)).toBe(true);
}

describe('checkerboard grid and sweep schedule (TypeScript)', () => {
  it('chooses an even number of cells per axis, each at least the interaction range wide', () => {
    for (const [L, range, m] of [[10, 2, 4], [12.1, 2, 6], [3, 1.25, 2], [31.62, 2.017, 14], [7.47, 2.5, 2]] as const) {
      const grid = checkerboardGrid(periodicBox(2, L), range, 1000);
      expect(grid.cellsPerAxis).toEqual([m, m]);
      expect(grid.cellSide[0]).toBeGreaterThanOrEqual(range);
      expect(grid.sublatticeCount * grid.colorCount).toBe(grid.cellCount);
    }
    expect(checkerboardGrid(periodicBox(3, [10, 6, 4.5]), 2, 1000).cellsPerAxis).toEqual([4, 2, 2]);
    // a huge sparse box: the cells grow (still even, still ≥ the range), their number stays ≤ cellLimit(N) = 64
    const sparse = checkerboardGrid(periodicBox(3, 600), 2, 2);
    expect(sparse.cellCount).toBeLessThanOrEqual(64);
    expect(sparse.cellsPerAxis.every((m) => m % 2 === 0 && m >= 2)).toBe(true);
    expect(Math.min(...sparse.cellSide)).toBeGreaterThanOrEqual(2);
    expect(() => checkerboardGrid(periodicBox(2, 3.9), 2, 1000)).toThrow(/too small for the Monte Carlo checkerboard/);
  });

  it('host cell lists hold every particle once, sorted, in the cell of its fixed-point words', () => {
    const c = randomConfiguration(MODELS.soft2d, 300, 3);
    const grid = checkerboardGrid(c.box, 2.1, 300);
    const words = encodePositions(c.box, c.positions);
    const shift = [0x12345678, 0xfedcba98];
    const { bins } = buildBins(grid, words, shift, 40);
    expect(bins).not.toBeNull();
    const seen = new Set<number>();
    for (let cell = 0; cell < grid.cellCount; cell++) {
      const members = Array.from(bins!.subarray(cell * 41 + 1, cell * 41 + 1 + bins![cell * 41]));
      expect(members).toEqual([...members].sort((a, b) => a - b));
      for (const i of members) { expect(cellOfParticle(grid, words, i, shift)).toBe(cell); seen.add(i); }
    }
    expect(seen.size).toBe(300);
    expect(buildBins(grid, words, shift, 2).bins).toBeNull();
  });

  it('each sweep runs the 2^D colors in a random order with pairings in range; origins chain from sweep to sweep', () => {
    const grid = checkerboardGrid(periodicBox(3, [12, 12, 8.5]), 2, 1000);
    const orders = new Set<string>();
    for (let s = 0; s < 40; s++) {
      const schedule = sweepSchedule(7, s, grid);
      expect(schedule.passes.map((p) => p.color).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      for (const p of schedule.passes) p.pairing.forEach((t, a) => { expect(t).toBeGreaterThanOrEqual(0); expect(t).toBeLessThan(grid.sublatticePerAxis[a]); });
      expect(schedule.previousShift).toEqual(shiftBefore(7, s, grid));
      if (s > 0) expect(schedule.previousShift).toEqual(sweepSchedule(7, s - 1, grid).shift);
      orders.add(schedule.passes.map((p) => p.color).join());
    }
    expect(orders.size).toBeGreaterThan(30);
    expect(sweepSchedule(7, 5, grid)).toEqual(sweepSchedule(7, 5, grid));
    expect(sweepSchedule(8, 5, grid).shift).not.toEqual(sweepSchedule(7, 5, grid).shift);
    const words = packPassSlots([sweepSchedule(7, 3, grid)]);
    expect(words.length).toBe((8 * PASS_SLOT_BYTES) / 4);
    expect(words[16]).toBe(3);
    expect(words[(2 * PASS_SLOT_BYTES) / 4 + 17]).toBe(2);
  });
});

describe.skipIf(!gpuAvailable)(`GPU swap Monte Carlo machinery${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  it('soft2d N = 400: cell lists stay complete, E/N matches float64, diameters are only permuted, counts add up', async () => {
    const model = MODELS.soft2d, n = 400;
    const start = liquid(model, n, 2, 0.5);
    const mc = await GpuMonteCarlo.create(model, start, { gpu, temperature: 0.5, seed: 11 });
    try {
      for (let round = 0; round < 3; round++) {
        await mc.sweeps(10);
        const words = await mc.readFixedPositions();
        expectCellListsComplete(mc.grid, await mc.readCellLists(), words, shiftBefore(11, mc.sweepCount, mc.grid), mc.cellCapacity, n);
        const c = await mc.readConfiguration();
        const reference = energy(createLandscape(model, c), c.positions) / n;
        const gpuEnergy = await mc.energyPerParticle();
        console.log(`soft2d N=${n} after ${mc.sweepCount} sweeps: E/N GPU ${gpuEnergy.toFixed(7)} float64 ${reference.toFixed(7)}, rates ${JSON.stringify(mc.acceptanceRates())}`);
        expect(Math.abs(gpuEnergy - reference)).toBeLessThan(1e-5 * Math.abs(reference));
        expect(Array.from(c.diameters).sort()).toEqual(Array.from(start.diameters).sort());
      }
      const k = mc.counts;
      expect(k.displacementAttempted + k.swapAttempted + k.swapNotAttempted + k.swapNoPartner).toBe(30 * n);
      expect(k.displacementLeftCell).toBeGreaterThan(0);
      expect(k.displacementLeftCell).toBeLessThan(0.2 * k.displacementAttempted);
      expect(k.swapAccepted).toBeGreaterThan(0);
      const rates = mc.acceptanceRates();
      expect(rates.displacement).toBeGreaterThan(0.1);
      expect(rates.swap).toBeLessThan(1);
    } finally {
      mc.destroy();
    }
  });

  it('replays exactly from the seed: batch sizes, cell overflows (forced: slots only for the fullest initial cell) and snapshots change nothing', async () => {
    const model = MODELS.soft2d;
    const start = randomConfiguration(model, 300, 4); // T = ∞: deep overlaps, crowded cells
    const run = async (options: { sweepsPerBatch?: number; cellCapacity?: number; seed?: number }, pieces: number[]) => {
      const mc = await GpuMonteCarlo.create(model, start, { gpu, temperature: 0.8, seed: options.seed ?? 3, ...options });
      try {
        for (const k of pieces) await mc.sweeps(k);
        const c = await mc.readConfiguration();
        return { words: Array.from(await mc.readFixedPositions()), diameters: Array.from(c.diameters), counts: { ...mc.counts }, energy: await mc.energyPerParticle() };
      } finally {
        mc.destroy();
      }
    };
    const a = await run({}, [12]);
    const b = await run({ sweepsPerBatch: 5 }, [7, 5]);
    const c = await run({ cellCapacity: 1, sweepsPerBatch: 4 }, [12]);
    const d = await run({ seed: 4 }, [12]);
    console.log(`replays: E/N after 12 sweeps from T = ∞ ${a.energy.toFixed(4)}; forced overflows replayed ${c.counts.replays} batches`);
    expect(Number.isFinite(a.energy)).toBe(true);
    expect(b.words).toEqual(a.words);
    expect(b.diameters).toEqual(a.diameters);
    expect(c.words).toEqual(a.words);
    expect(c.diameters).toEqual(a.diameters);
    expect(c.counts.replays).toBeGreaterThan(0);
    expect({ ...c.counts, replays: 0 }).toEqual({ ...a.counts, replays: 0 });
    expect(d.words).not.toEqual(a.words);

    // Snapshots taken on the GPU (sample) are the states sweeps() reaches, also when a batch boundary falls between them.
    const sampler = await GpuMonteCarlo.create(model, start, { gpu, temperature: 0.8, seed: 3, sweepsPerBatch: 3 });
    const stepper = await GpuMonteCarlo.create(model, start, { gpu, temperature: 0.8, seed: 3 });
    try {
      const snapshots = await sampler.sample(3, 4);
      for (const snapshot of snapshots) {
        await stepper.sweeps(4);
        const c = await stepper.readConfiguration();
        expect(Array.from(snapshot.positions)).toEqual(Array.from(c.positions));
        expect(Array.from(snapshot.diameters)).toEqual(Array.from(c.diameters));
      }
      expect(sampler.sweepCount).toBe(12);
      expect(Array.from((await sampler.readConfiguration()).positions)).toEqual(Array.from(snapshots[2].positions));
    } finally {
      sampler.destroy();
      stepper.destroy();
    }
  });

  it.each([
    { model: MODELS.soft3d, n: 500, T: 0.5 },
    { model: MODELS.harmonic2d, n: 400, T: 0.01 },
    { model: MODELS.ka2d, n: 400, T: 1.0 },
    { model: MODELS.ka3d, n: 500, T: 1.0 },
  ])('$model.name N = $n: E/N matches float64 after sweeps, rates in (0, 1)', async ({ model, n, T }) => {
    const start = liquid(model, n, 1, T);
    const mc = await GpuMonteCarlo.create(model, start, { gpu, temperature: T, seed: 1 });
    try {
      await mc.sweeps(8);
      const c = await mc.readConfiguration();
      const reference = energy(createLandscape(model, c), c.positions) / n;
      const gpuEnergy = await mc.energyPerParticle();
      const scale = Math.max(Math.abs(reference), 1e-3);
      console.log(`${model.name} N=${n}: grid ${mc.grid.cellsPerAxis.join('×')}, E/N GPU ${gpuEnergy.toFixed(7)} float64 ${reference.toFixed(7)}, rates ${JSON.stringify(mc.acceptanceRates())}`);
      expect(Math.abs(gpuEnergy - reference)).toBeLessThan(1e-5 * scale);
      const rates = mc.acceptanceRates();
      expect(rates.displacement).toBeGreaterThan(0);
      expect(rates.displacement).toBeLessThan(1);
      if (model.swappable) expect(mc.counts.swapAttempted).toBeGreaterThan(0);
      else expect(mc.counts.swapAttempted + mc.counts.swapNotAttempted + mc.counts.swapNoPartner).toBe(0);
      expect(Array.from(c.species)).toEqual(Array.from(start.species));
    } finally {
      mc.destroy();
    }
  });

  it('refuses bad input with clear messages', async () => {
    const model = MODELS.soft2d;
    const c = randomConfiguration(model, 100, 1);
    await expect(GpuMonteCarlo.create(model, c, { gpu, temperature: 0, seed: 1 })).rejects.toThrow(/temperature must be a positive finite number/);
    await expect(GpuMonteCarlo.create(MODELS.ka2d, randomConfiguration(MODELS.ka2d, 100, 1), { gpu, temperature: 1, seed: 1, swapProbability: 0.2 })).rejects.toThrow(/swap/);
    await expect(GpuMonteCarlo.create(model, c, { gpu, temperature: 1, seed: 1, maxDisplacement: 50 })).rejects.toThrow(/maxDisplacement/);
    await expect(GpuMonteCarlo.create(model, c, { gpu, temperature: 1, seed: 1, trialsPerParticle: 0 })).rejects.toThrow(/trialsPerParticle/);
    await expect(GpuMonteCarlo.create(model, { ...c, box: periodicBox(2, 3.5) }, { gpu, temperature: 1, seed: 1 })).rejects.toThrow(/checkerboard/);
    await expect(GpuMonteCarlo.create(MODELS.soft3d, c, { gpu, temperature: 1, seed: 1 })).rejects.toThrow(/3D/);
    const mc = await GpuMonteCarlo.create(model, c, { gpu, temperature: 1, seed: 1 });
    try {
      await expect(mc.sweeps(-1)).rejects.toThrow(/sweeps/);
      await expect(mc.sample(2, 0)).rejects.toThrow(/every/);
    } finally {
      mc.destroy();
    }
  });
});
