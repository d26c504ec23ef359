// The GPU Hessian-vector product (shaders/hessianproduct.wgsl) against the float64 one (src/physics/hessian/pairHessian.ts),
// per particle within the stated float32 bound of src/gpu/hessianProductBound.ts, for every pair function (soft spheres,
// harmonic, Lennard-Jones truncated and force-shifted) in 2D and 3D, at an inherent structure and at an unrelaxed state.
// The bound is tight enough to matter: the product without its off-diagonal term (Σ_j K_ij v_i only) breaks it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { GpuHessianProduct, hessianUnsupported } from '../../src/gpu/hessianProduct.ts';
import { hessianProductBound } from '../../src/gpu/hessianProductBound.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { createLandscape } from '../../src/physics/forces.ts';
import { applyPairHessian, pairHessian, withoutParticles, type PairHessian } from '../../src/physics/hessian/pairHessian.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS, type Model } from '../../src/physics/models.ts';
import { gaussianVector } from '../../src/physics/analysis/modes/vectors.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';

const SIZES: Record<number, number> = { 2: 160, 3: 256, 4: 256 };
let gpu: GpuContext;

/** Σ_j K_ij v_i only: H v with the off-diagonal blocks −K_ij dropped (the mutant the bound must catch). */
function diagonalBlocksOnly(h: PairHessian, v: Float64Array): Float64Array {
  const d = h.dim, out = new Float64Array(v.length);
  for (let p = 0; p < h.first.length; p++) {
    for (const [i] of [[h.first[p]], [h.second[p]]]) {
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) out[i * d + a] += h.blocks[p * d * d + a * d + b] * v[i * d + b];
    }
  }
  return out;
}

/** Per particle |x_i − y_i| / bound_i, the largest. */
function worstRatio(x: Float64Array, y: Float64Array, bound: Float64Array, d: number): number {
  let worst = 0;
  for (let i = 0; i < bound.length; i++) {
    let e2 = 0;
    for (let a = 0; a < d; a++) e2 += (x[i * d + a] - y[i * d + a]) ** 2;
    const e = Math.sqrt(e2);
    if (e > 0) worst = Math.max(worst, bound[i] > 0 ? e / bound[i] : Infinity);
  }
  return worst;
}

async function compare(model: Model, c: Configuration, label: string, excluded: Uint8Array | null = null) {
  const land = createLandscape(model, c);
  const full = pairHessian(land, c.positions);
  const h = excluded ? withoutParticles(full, excluded) : full;
  const v = gaussianVector(c.positions.length, 3, 9);
  if (excluded) for (let i = 0; i < c.diameters.length; i++) if (excluded[i]) for (let a = 0; a < model.dim; a++) v[i * model.dim + a] = 0;
  const cpu = applyPairHessian(h, v, new Float64Array(v.length));
  const product = await GpuHessianProduct.forConfiguration(gpu, model, c, excluded);
  try {
    const onGpu = await product.apply(v);
    const bound = hessianProductBound(land, c.positions, v, excluded);
    const ratio = worstRatio(onGpu, cpu, bound, model.dim);
    const mutant = worstRatio(diagonalBlocksOnly(h, v), cpu, bound, model.dim);
    let scale = 0, err = 0;
    for (let k = 0; k < v.length; k++) { scale = Math.max(scale, Math.abs(cpu[k])); err = Math.max(err, Math.abs(onGpu[k] - cpu[k])); }
    console.log(`${label}: ${h.first.length} pairs, max|Δ(Hv)| = ${err.toExponential(2)} of max|Hv| = ${scale.toExponential(2)}; `
      + `max_i |Δ_i|/bound_i = ${ratio.toExponential(2)} (without the off-diagonal term: ${mutant.toExponential(2)})`);
    expect(h.first.length).toBeGreaterThan(c.diameters.length); // a real, connected system
    expect(ratio).toBeLessThanOrEqual(1);
    expect(mutant).toBeGreaterThan(1);
  } finally {
    product.destroy();
  }
}

describe.skipIf(!gpuAvailable)(`GPU Hessian-vector product against the float64 one${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  for (const name of ['soft2d', 'soft3d', 'harmonic2d', 'ka2d', 'ka3d-fs', 'harmonic4d'] as const) {
    const model = MODELS[name];
    it(`${name}: at an inherent structure and at an unrelaxed jittered lattice`, async () => {
      const start = jitteredLattice(model, SIZES[model.dim], 4);
      const is = quench(model, start, { algorithm: 'fire', forceTolerance: 1e-8, maxSteps: 20000 }).final;
      await compare(model, is, `${name} IS`);
      await compare(model, start, `${name} unrelaxed`);
    });
  }

  it('soft2d: particles left out (rattlers) drop their pairs on the GPU as withoutParticles does', async () => {
    const model = MODELS.soft2d;
    const is = quench(model, jitteredLattice(model, SIZES[2], 5), { algorithm: 'fire', forceTolerance: 1e-8 }).final;
    const excluded = Uint8Array.from({ length: SIZES[2] }, (_, i) => (i % 7 === 3 ? 1 : 0));
    await compare(model, is, 'soft2d, every 7th particle left out', excluded);
  });

  it('models the GPU engine cannot run are refused with its message', async () => {
    for (const name of ['mk3d', 'harmonic8d'] as const) {
      const model = MODELS[name];
      const c = jitteredLattice(model, 300, 1);
      await expect(GpuHessianProduct.forConfiguration(gpu, model, c)).rejects.toThrow(hessianUnsupported(model) as string);
    }
  });
});
