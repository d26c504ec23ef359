// The GPU nonlinear contractions (shaders/nonlinearcontraction.wgsl) against the float64 ones (src/physics/nonlinear/contractions.ts
// expansionFieldsOf), per particle for the three fields M·z, U‴:zz, U⁗⋮zzz and in sum for M:zz, U‴⋮zzz, U⁗::zzzz, within the
// stated float32 bound of src/gpu/nonlinearContractionBound.ts, for soft spheres, harmonic spheres and Lennard-Jones (truncated and
// force-shifted) in 2D and 3D at an inherent structure. The bound is tight enough to matter: a kernel with one coefficient
// changed (3A2 b → 2A2 b in the quartic field; 6A3 p² b → 5A3 p² b in the quartic scalar), compiled and run on the GPU, breaks it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { nonlinearContractionBound } from '../../src/gpu/nonlinearContractionBound.ts';
import { GpuNonlinearContractions } from '../../src/gpu/nonlinearContractions.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { createLandscape } from '../../src/physics/forces.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS, type Model } from '../../src/physics/models.ts';
import { expansionFields, expansionFieldsOf } from '../../src/physics/nonlinear/contractions.ts';
import { pairExpansion } from '../../src/physics/nonlinear/pairExpansion.ts';
import { gaussianVector } from '../../src/physics/analysis/modes/vectors.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';

const SIZES: Record<number, number> = { 2: 160, 3: 256 };
let gpu: GpuContext;

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

const FIELD_MUTANT = (wgsl: string) => replaceOnce(wgsl, '(3.0 * a3 * p2 + 3.0 * a2 * b) * w', '(3.0 * a3 * p2 + 2.0 * a2 * b) * w');
const SCALAR_MUTANT = (wgsl: string) => replaceOnce(wgsl, '6.0 * a3 * p2 * b', '5.0 * a3 * p2 * b');

function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the kernel no longer has the term "${from}": update the mutant`);
  return text.replace(from, to);
}

interface Comparison { fields: [number, number, number]; scalars: [number, number, number] }

async function compare(model: Model, c: Configuration, label: string, excluded: Uint8Array | null = null, editKernel?: (s: string) => string): Promise<Comparison> {
  const land = createLandscape(model, c);
  const pe = pairExpansion(land, c.positions, excluded);
  const z = gaussianVector(c.positions.length, 5, 11);
  const cpu = expansionFields(z.length);
  const exact = expansionFieldsOf(pe, z, cpu);
  const bound = nonlinearContractionBound(land, c.positions, z, excluded);
  const contractions = await GpuNonlinearContractions.forConfiguration(gpu, model, c, { excluded, editKernel });
  try {
    const onGpu = expansionFields(z.length);
    const s = await contractions.apply(z, onGpu);
    const d = model.dim;
    const fields: Comparison['fields'] = [
      worstRatio(onGpu.mz, cpu.mz, bound.mz, d), worstRatio(onGpu.u3zz, cpu.u3zz, bound.u3zz, d), worstRatio(onGpu.u4zzz, cpu.u4zzz, bound.u4zzz, d)];
    const scalars: Comparison['scalars'] = [
      Math.abs(s.second - exact.second) / bound.second, Math.abs(s.third - exact.third) / bound.third, Math.abs(s.fourth - exact.fourth) / bound.fourth];
    console.log(`${label}: ${pe.first.length} pairs; max_i |Δ_i|/bound_i for M·z, U3:zz, U4:zzz = ${fields.map((r) => r.toExponential(2)).join(', ')}; `
      + `|Δ|/bound for M:zz, U3, U4 = ${scalars.map((r) => r.toExponential(2)).join(', ')} (M:zz = ${exact.second.toExponential(3)}, U4 = ${exact.fourth.toExponential(3)})`);
    expect(pe.first.length).toBeGreaterThan(c.diameters.length); // a real, connected system
    return { fields, scalars };
  } finally {
    contractions.destroy();
  }
}

const inherent = (model: Model, seed: number) => quench(model, jitteredLattice(model, SIZES[model.dim], seed), { algorithm: 'fire', forceTolerance: 1e-8, maxSteps: 20000 }).final;

describe.skipIf(!gpuAvailable)(`GPU nonlinear contractions against the float64 ones${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  for (const name of ['soft2d', 'soft3d', 'harmonic2d', 'ka2d', 'ka3d-fs'] as const) {
    it(`${name}: fields and scalars within the bound at an inherent structure`, async () => {
      const model = MODELS[name];
      const r = await compare(model, inherent(model, 4), `${name} IS`);
      for (const x of [...r.fields, ...r.scalars]) expect(x).toBeLessThanOrEqual(1);
    });
  }

  it('soft2d: particles left out (rattlers) drop their pairs on the GPU as pairExpansion does', async () => {
    const model = MODELS.soft2d;
    const excluded = Uint8Array.from({ length: SIZES[2] }, (_, i) => (i % 7 === 3 ? 1 : 0));
    const r = await compare(model, inherent(model, 5), 'soft2d, every 7th particle left out', excluded);
    for (const x of [...r.fields, ...r.scalars]) expect(x).toBeLessThanOrEqual(1);
  });

  for (const name of ['soft2d', 'ka3d-fs'] as const) {
    it(`${name}: a kernel with one coefficient of the quartic term changed breaks the bound`, async () => {
      const model = MODELS[name];
      const is = inherent(model, 4);
      const field = await compare(model, is, `${name} IS, mutant 3A2b → 2A2b in U4:zzz`, null, FIELD_MUTANT);
      expect(field.fields[2]).toBeGreaterThan(1);
      expect(field.fields[0]).toBeLessThanOrEqual(1); // the other fields untouched
      const scalar = await compare(model, is, `${name} IS, mutant 6A3p²b → 5A3p²b in U4::zzzz`, null, SCALAR_MUTANT);
      expect(scalar.scalars[2]).toBeGreaterThan(1);
      expect(scalar.fields[2]).toBeLessThanOrEqual(1);
    });
  }
});
