// The Mari–Kurchan model on the GPU (000 App. A.1d; src/gpu/mariKurchan/, shaders/mkneighbors.wgsl, mkshifts.wgsl,
// mkpartner.wgsl) against the float64 engine (src/physics/mariKurchan/), on planted states.
//
// - Shifts: every pair the GPU lists carries the accepted try of the float64 sampler (shiftSampler.separation), so its shift is
//   the same Philox words, bit for bit; every interacting pair of the float64 list is in the GPU's list.
// - Energy and forces: the bounds of test/gpu/forces.test.ts (|ΔE| ≤ 1e-5 |E|, |Δf_i| ≤ 1e-5 S_i), S_i over the shifted pairs.
// - A steepest-descent quench: the E/N and ⟨|v|⟩ series within 1e-5 and 1% of float64 on the same sample times (test/gpu/quench.test.ts);
//   FIRE step by step: fictive time and E/N within 1e-5 (test/gpu/quenchFire.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { GpuLandscape } from '../../src/gpu/forces.ts';
import { quenchGpu } from '../../src/gpu/quench.ts';
import { gpuUnsupported } from '../../src/gpu/wgslModels.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { createLandscape } from '../../src/physics/forces.ts';
import { specPairEnergy } from '../../src/physics/mariKurchan/neighbors.ts';
import { plantMariKurchan } from '../../src/physics/mariKurchan/planting.ts';
import { shiftSampler } from '../../src/physics/mariKurchan/shifts.ts';
import { MODELS } from '../../src/physics/models.ts';
import { gpuAvailable, NO_GPU, reference, worstRelativeForceError } from './gpuTestContext.ts';
import { worstRelativeDifference } from './quenchStates.ts';

const model = MODELS.mk3d;
const N = 600; // the smallest N whose box (L ≈ 8.5) holds twice the range x_c + skin = 4.2

describe.skipIf(!gpuAvailable)(`Mari–Kurchan on the GPU against the float64 engine${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  it('is run by the GPU engine', () => {
    expect(gpuUnsupported(model)).toBeNull();
  });

  for (const temperature of [0.015, 1e-3]) {
    it(`T = ${temperature}: the GPU list's shifts are the float64 sampler's accepted tries, and E and f equal float64's`, async () => {
      const c = plantMariKurchan(model, N, 11, temperature);
      const cpu = createLandscape(model, c);
      // at T = 1e-3 the uncertain-pair table starts with 4 entries: the survey overflows it and runs again on a larger one
      const land = await GpuLandscape.create(model, c, { gpu, ...(temperature < 0.01 ? { uncertainPairTable: 4 } : {}) });
      try {
        const slots = await land.readNeighborSlots();
        const sampler = shiftSampler(c.shifts!, c.box, specPairEnergy(cpu.spec, model.potential.uOfX2));
        const s = new Float64Array(3);
        let listed = 0, mismatched = 0, uncertainTries = 0;
        for (let i = 0; i < N; i++) {
          for (let k = 0; k < slots[i].length; k += 2) {
            const j = slots[i][k], tries = sampler.separation(Math.min(i, j), Math.max(i, j), s);
            if (tries - 1 !== slots[i][k + 1]) mismatched++;
            if (tries > 1) uncertainTries++;
            listed++;
          }
        }
        const ref = reference(model, c);
        const gpuPairs = new Set<number>();
        slots.forEach((words, i) => { for (let k = 0; k < words.length; k += 2) gpuPairs.add(i * N + words[k]); });
        const missing = ref.pairs.filter(([i, j]) => !gpuPairs.has(i * N + j) || !gpuPairs.has(j * N + i)).length;
        const { energy, forces } = await land.energyAndForces();
        const energyError = Math.abs(energy - ref.energy) / Math.abs(ref.energy);
        const forceError = worstRelativeForceError(ref, forces, 3);
        console.log(`mk3d T = ${temperature}, N = ${N}: ${listed} listed slots (${uncertainTries} with a rejected try first), `
          + `${land.neighborStats.resolvedPairs} pairs resolved in float64, ${mismatched} tries differing; ${ref.pairs.length} interacting pairs, ${missing} missing; `
          + `E = ${ref.energy.toPrecision(8)}, |ΔE|/|E| = ${energyError.toExponential(2)}, max_i |Δf_i|/S_i = ${forceError.toExponential(2)}`);
        expect(mismatched).toBe(0);
        expect(uncertainTries).toBeGreaterThan(0); // the rejection sampler's later tries are exercised
        expect(land.neighborStats.resolvedPairs).toBeGreaterThan(0); // and so is the host's float64 resolution
        expect(missing).toBe(0);
        expect(ref.pairs.length).toBeGreaterThan(N);
        expect(energyError).toBeLessThanOrEqual(1e-5);
        expect(forceError).toBeLessThanOrEqual(1e-5);
      } finally {
        land.destroy();
      }
    });
  }

  it('T = 0.015: a steepest-descent quench gives the float64 E/N and ⟨|v|⟩ curves (through a list rebuild)', async () => {
    const start = plantMariKurchan(model, N, 5, 0.015);
    const options = { algorithm: 'sd' as const, tMax: 0.4, forceTolerance: 0 };
    const cpu = quench(model, start, options);
    const g = await quenchGpu(model, start, options, gpu);
    const energy = worstRelativeDifference(g.series.energyPerParticle, cpu.series.energyPerParticle);
    const speed = worstRelativeDifference(g.series.speed, cpu.series.speed);
    console.log(`mk3d SD to t = 0.4 (${g.steps} steps, ${g.neighborListBuilds} GPU builds, ${cpu.neighborListBuilds} float64): E/N ${cpu.series.energyPerParticle[0].toFixed(6)} → `
      + `${cpu.energyPerParticle.toFixed(6)}; max |Δ(E/N)|/(E/N) = ${energy.toExponential(2)}, max |Δ⟨|v|⟩|/⟨|v|⟩ = ${speed.toExponential(2)}`);
    expect(g.series.t).toEqual(cpu.series.t);
    expect(g.steps).toBe(cpu.steps);
    expect(energy).toBeLessThan(1e-5);
    expect(speed).toBeLessThan(0.01);
    expect(g.neighborListBuilds).toBeGreaterThan(1);
    expect(cpu.energyPerParticle).toBeLessThan(0.9 * cpu.series.energyPerParticle[0]); // the quench descends
  }, 400_000); // SwiftShader: each step regenerates ~2·10⁵ shifts on the CPU cores

  it('T = 0.015: FIRE follows float64 FIRE step by step for 30 steps', async () => {
    const start = plantMariKurchan(model, N, 6, 0.015);
    const cpu = quench(model, start, { algorithm: 'fire', maxSteps: 30 });
    const g = await quenchGpu(model, start, { algorithm: 'fire', maxSteps: 30 }, gpu);
    const time = worstRelativeDifference(g.series.t.slice(1), cpu.series.t.slice(1));
    const energy = worstRelativeDifference(g.series.energyPerParticle, cpu.series.energyPerParticle);
    console.log(`mk3d FIRE 30 steps: E/N ${cpu.series.energyPerParticle[0].toFixed(6)} → ${cpu.energyPerParticle.toFixed(6)}; max relative differences t ${time.toExponential(2)}, E/N ${energy.toExponential(2)}`);
    expect(g.series.step).toEqual(cpu.series.step);
    expect(time).toBeLessThan(1e-5);
    expect(energy).toBeLessThan(1e-5);
  }, 400_000);
});
