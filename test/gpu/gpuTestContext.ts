// Shared by the GPU tests: whether an adapter exists here (the files skip themselves with a message when not), and the float64
// yardsticks the GPU results are compared with.
import { webgpuAvailable } from '../../src/gpu/device.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { createLandscape, energyAndForces } from '../../src/physics/forces.ts';
import type { Model } from '../../src/physics/models.ts';

export const gpuAvailable = await webgpuAvailable();
export const NO_GPU = 'skipped: no WebGPU adapter here (Node needs the `webgpu` package and Chromium\'s SwiftShader, /usr/lib/chromium/vk_swiftshader_icd.json)';
if (!gpuAvailable) console.warn(`test/gpu: ${NO_GPU}`);

/**
 * The float64 engine's answer, and per particle the scale of the f32 round-off in f_i = Σ_j f_ij:
 * S_i = Σ_j (|f_ij| + ε_ij/s_ij). The ε_ij/s_ij is there because near the cutoff u′ is a difference of terms of order ε/s
 * (soft spheres: 2c₁ ≈ 4.2 and 4c₂x² ≈ −3.7 at x_c), so a weak pair's f32 error is absolute, not relative to |f_ij|.
 */
export interface Reference {
  energy: number;
  forces: Float64Array;
  forceScale: Float64Array;
  /** Σ_pairs |U_ij|: the scale of the round-off in E. */
  absoluteEnergySum: number;
  /** Pairs within the cutoff, i < j. */
  pairs: [number, number][];
  /** Pairs within the cutoff whose plain coordinate difference exceeds L/2 on some axis (they interact across the boundary). */
  boundaryPairs: number;
}

// mirrors src/physics/forces.ts forcesD: the same pairs (with their images: Mari–Kurchan shifts), magnitudes summed instead of vectors.
export function reference(model: Model, c: Configuration): Reference {
  const land = createLandscape(model, c);
  const x = c.positions.slice();
  const forces = new Float64Array(x.length);
  const energy = energyAndForces(land, x, forces);
  const { offsets, partners, sigma, epsilon, n, images } = land.list;
  const d = model.dim;
  const L = c.box.lengths;
  const pot = model.potential;
  const forceScale = new Float64Array(n);
  const pairs: [number, number][] = [];
  let absoluteEnergySum = 0;
  let boundaryPairs = 0;
  for (let i = 0; i < n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = partners[p];
      let r2 = 0;
      let crosses = false;
      for (let a = 0; a < d; a++) {
        const raw = x[j * d + a] - x[i * d + a] + (images ? images[p * d + a] : 0); // a Mari–Kurchan pair: its shifted separation
        if (Math.abs(raw) > L[a] / 2) crosses = true;
        const dx = raw - L[a] * Math.round(raw / L[a]);
        r2 += dx * dx;
      }
      const r = Math.sqrt(r2);
      if (r >= pot.xc * sigma[p]) continue;
      const scale = Math.abs((epsilon[p] * pot.du(r / sigma[p])) / sigma[p]) + epsilon[p] / sigma[p];
      forceScale[i] += scale;
      forceScale[j] += scale;
      absoluteEnergySum += Math.abs(epsilon[p] * pot.u(r / sigma[p]));
      pairs.push([i, j]);
      if (crosses) boundaryPairs++;
    }
  }
  return { energy, forces, forceScale, absoluteEnergySum, pairs, boundaryPairs };
}

/** max_i |f_i(GPU) − f_i(float64)| / S_i, the measured force error in units of the particle's force scale. */
export function worstRelativeForceError(ref: Reference, forces: Float64Array, d: number): number {
  let worst = 0;
  for (let i = 0; i < ref.forceScale.length; i++) {
    let e2 = 0;
    for (let a = 0; a < d; a++) e2 += (forces[i * d + a] - ref.forces[i * d + a]) ** 2;
    const err = Math.sqrt(e2);
    if (err === 0) continue;
    worst = Math.max(worst, ref.forceScale[i] > 0 ? err / ref.forceScale[i] : Infinity);
  }
  return worst;
}
