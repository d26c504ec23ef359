// The WebGPU landscape against the float64 engine (src/physics/forces.ts), every model, to float32 accuracy.
//
// Bounds, with u = 2⁻²⁴ ≈ 6e-8 the f32 unit round-off:
// - forces: per particle |f_i(GPU) − f_i(float64)| ≤ 1e-5 · S_i, S_i = Σ_j (|f_ij| + ε_ij/s_ij) over i's interacting pairs.
//   Each pair force carries a relative error ≲ 14u from the f32 separation (the x⁻¹⁴ of u′/x amplifies its relative error 14×)
//   plus an absolute error of a few u·ε/s from the formula (near x_c, u′ is a difference of terms of order 4ε/s: that is why
//   S_i counts ε_ij/s_ij per pair, not only |f_ij|); summing k ≲ 100 terms adds ≤ k·u·S_i at worst (≈ √k·u typically).
//   1e-5 ≈ 170u covers the worst case with room, and is still 10⁴ times below any physics error.
// - energy: |E(GPU) − E(float64)| ≤ 1e-5 · |E|, the f32 per-particle energies being summed on the host in float64.
// - pair functions alone (u, u′/x and its slope in x², the force kernel's first-order term): |Δ| ≤ 2e-6 · (|value| + 1) (a dozen
//   f32 operations on terms of up to a few times the value).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { GpuLandscape } from '../../src/gpu/forces.ts';
import { tabulatePairOnGpu } from '../../src/gpu/pairTable.ts';
import { gpuUnsupported } from '../../src/gpu/wgslModels.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { D_MAX, D_MIN } from '../../src/physics/diameters.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS, MODEL_NAMES, type Model } from '../../src/physics/models.ts';
import { wrapPositions } from '../../src/physics/space.ts';
import { gpuAvailable, NO_GPU, reference, worstRelativeForceError } from './gpuTestContext.ts';

const FORCE_BOUND = 1e-5;
const ENERGY_BOUND = 1e-5;
const PAIR_BOUND = 2e-6;
const SIZES: Record<number, number> = { 2: 400, 3: 1000, 4: 1000 }; // mk3d at 1000: its box must hold twice x_c + skin = 4.2

/** A jittered lattice after a few FIRE steps: overlaps relaxed, far from a minimum, like a liquid being quenched. */
function liquid(model: Model, n: number, seed: number): Configuration {
  return quench(model, jitteredLattice(model, n, seed), { algorithm: 'fire', maxSteps: 20 }).final;
}

/** The configuration translated so that particle p sits `gap` inside the corner of the box (physics is unchanged). */
function translateToCorner(c: Configuration, p: number, gap: number): Configuration {
  const d = c.box.dim;
  const positions = c.positions.slice();
  for (let a = 0; a < d; a++) {
    const shift = gap - positions[p * d + a];
    for (let i = 0; i < c.diameters.length; i++) positions[i * d + a] += shift;
  }
  return { ...c, positions: wrapPositions(c.box, positions) };
}

let gpu: GpuContext;

async function compareWithFloat64(model: Model, c: Configuration, label: string, options: { neighborCapacity?: number } = {}) {
  const ref = reference(model, c);
  const land = await GpuLandscape.create(model, c, { gpu, ...options });
  try {
    const { energy, forces } = await land.energyAndForces();
    const energyError = Math.abs(energy - ref.energy) / Math.abs(ref.energy);
    const forceError = worstRelativeForceError(ref, forces, model.dim);
    console.log(`${label}: N = ${c.diameters.length}, E = ${ref.energy.toPrecision(8)}, |ΔE|/|E| = ${energyError.toExponential(2)}, `
      + `max_i |Δf_i|/S_i = ${forceError.toExponential(2)}, pairs across the boundary: ${ref.boundaryPairs}`);
    expect(energyError).toBeLessThanOrEqual(ENERGY_BOUND);
    expect(forceError).toBeLessThanOrEqual(FORCE_BOUND);
    return { ref, land: land.neighborStats };
  } finally {
    land.destroy();
  }
}

describe.skipIf(!gpuAvailable)(`GPU forces against the float64 engine${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  beforeAll(async () => { gpu = await acquireGpu(); console.log(`adapter: ${gpu.adapterName}`); });
  afterAll(() => gpu?.destroy());

  for (const name of MODEL_NAMES.filter((m) => gpuUnsupported(MODELS[m]) === null)) {
    const model = MODELS[name];

    it(`${name}: the generated WGSL pair function equals uOfX2, duOverX and the slope (d2u − du/x)/(2x²)`, async () => {
      const pot = model.potential;
      const x2 = new Float32Array(200).map((_, k) => (0.75 + ((pot.xc - 0.75) * k) / 200) ** 2);
      const { u, duOverX, duOverXSlope } = await tabulatePairOnGpu(gpu, model, x2);
      let worst = 0;
      for (let k = 0; k < x2.length; k++) {
        const x = Math.sqrt(x2[k]);
        // d(u′/x)/d(x²) = (u″ − u′/x)/(2x²), from the float64 derivatives of src/physics/potentials.ts
        const exact = [pot.uOfX2(x2[k]), pot.duOverX(x2[k]), (pot.d2u(x) - pot.du(x) / x) / (2 * x2[k])];
        const got = [u[k], duOverX[k], duOverXSlope[k]];
        for (let m = 0; m < 3; m++) worst = Math.max(worst, Math.abs(got[m] - exact[m]) / (Math.abs(exact[m]) + 1));
      }
      console.log(`${name}: pair function, max |Δ|/(|value| + 1) = ${worst.toExponential(2)}`);
      expect(worst).toBeLessThanOrEqual(PAIR_BOUND);
    });

    it(`${name}: energy and forces of a quenching liquid equal the float64 engine's`, async () => {
      await compareWithFloat64(model, liquid(model, SIZES[model.dim], 5), `${name} liquid`);
    });

    // (a Mari–Kurchan pair interacts at its shifted separation: where the particles sit in the box says nothing of it)
    it.skipIf(model.pairShifts)(`${name}: the same with a particle 1e-7 from a corner of the box (pairs across every face)`, async () => {
      const c = translateToCorner(liquid(model, SIZES[model.dim], 6), 0, 1e-7);
      const { ref } = await compareWithFloat64(model, c, `${name} corner`);
      expect(ref.boundaryPairs).toBeGreaterThan(0);
    });
  }

  it('soft2d: the largest and the smallest diameters in contact, across the periodic boundary', async () => {
    const model = MODELS.soft2d;
    const base = liquid(model, SIZES[2], 7);
    const c: Configuration = { ...base, positions: base.positions.slice(), diameters: base.diameters.slice() };
    const L = c.box.lengths[0];
    // particle 0 gets D_MAX; its nearest neighbor j gets D_MIN and is moved to 0.98 s_0j along the line joining them
    const min = (dx: number) => dx - L * Math.round(dx / L);
    let j = 1, best = Infinity;
    for (let k = 1; k < c.diameters.length; k++) {
      const r = Math.hypot(min(c.positions[2 * k] - c.positions[0]), min(c.positions[2 * k + 1] - c.positions[1]));
      if (r < best) { best = r; j = k; }
    }
    c.diameters[0] = D_MAX;
    c.diameters[j] = D_MIN;
    const s = model.rule.sigma(D_MAX, D_MIN, 0, 0);
    const dx = min(c.positions[2 * j] - c.positions[0]), dy = min(c.positions[2 * j + 1] - c.positions[1]);
    c.positions[2 * j] = c.positions[0] + (0.98 * s * dx) / best;
    c.positions[2 * j + 1] = c.positions[1] + (0.98 * s * dy) / best;
    // put 0 just inside the face that j lies beyond, so that the contact crosses the boundary
    const gap = 1e-7;
    const moved = translateToCorner(c, 0, gap);
    const flip = moved.positions.slice();
    for (let a = 0; a < 2; a++) {
      const toward = a === 0 ? dx : dy;
      if (toward > 0) for (let i = 0; i < c.diameters.length; i++) flip[2 * i + a] = moved.positions[2 * i + a] - 2 * gap;
    }
    const contact = { ...moved, positions: wrapPositions(c.box, flip) };
    const { ref } = await compareWithFloat64(model, contact, 'soft2d D_MAX–D_MIN contact');
    const r0 = contact.positions.subarray(0, 2), rj = contact.positions.subarray(2 * j, 2 * j + 2);
    expect(Math.max(Math.abs(rj[0] - r0[0]), Math.abs(rj[1] - r0[1]))).toBeGreaterThan(L / 2); // the pair straddles a face
    expect(ref.pairs.some(([a, b]) => (a === 0 && b === j) || (a === j && b === 0))).toBe(true);
  });

  it('ka3d in a box too small for 3 cells per axis (every particle a candidate)', async () => {
    await compareWithFloat64(MODELS.ka3d, liquid(MODELS.ka3d, 343, 8), 'ka3d small box');
  });
});
