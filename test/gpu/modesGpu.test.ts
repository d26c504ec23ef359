// glasslab modes --engine gpu, in process on SwiftShader: Lanczos with the Hessian products on the GPU (float32) finds the
// same lowest modes as the float64 dense solver, its residuals are measured with the float64 Hessian and stay within the
// float32 Lanczos tolerance, the JSON names the engine, and a model the GPU cannot run falls back to float64 with a note.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { modesCommand } from '../../src/cli/commands/modes.ts';
import { writeConfigurationFile } from '../../src/io/format.ts';
import { FLOAT32_LANCZOS_TOLERANCE, hessianProblem } from '../../src/physics/analysis/modes/normalModes.ts';
import { lanczosLowest } from '../../src/physics/analysis/modes/lanczos.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { createLandscape } from '../../src/physics/forces.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS, type ModelName } from '../../src/physics/models.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';

const dir = mkdtempSync(join(tmpdir(), 'glasslab-modes-gpu-'));
const at = (name: string) => join(dir, name);
const largest: Record<string, number> = {};

interface ModesJson { engine: string; adapter?: string; engineNotes?: string[]; method: string; eigenvalues: number[]; residuals: number[]; residualsFrom: string; products?: number; rattlers: { count: number; excluded: boolean } }
const modes = async (args: string[]) => (await modesCommand([...args, '--json', '--quiet'])) as ModesJson;

describe.skipIf(!gpuAvailable)(`glasslab modes --engine gpu${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  beforeAll(async () => {
    for (const [name, n] of [['soft2d', 100], ['soft3d', 216]] as [ModelName, number][]) {
      const model = MODELS[name];
      const is = quench(model, jitteredLattice(model, n, 4), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
      await writeConfigurationFile(at(`${name}.xyz`), is, { model: name });
      const problem = hessianProblem(createLandscape(model, is), is.positions);
      const negative = (v: Float64Array, out: Float64Array) => { problem.apply(v, out); for (let k = 0; k < out.length; k++) out[k] = -out[k]; };
      largest[name] = -lanczosLowest(negative, is.positions.length, { count: 1, basisSize: 40 }).values[0];
    }
  });

  // The float64 yardstick: dense in 2D, float64 Lanczos in 3D (equal to dense to 1e-8: test/modes.test.ts).
  for (const [name, extra, method] of [['soft2d', [], 'dense'], ['soft3d', ['--exclude-rattlers'], 'lanczos']] as [string, string[], string][]) {
    it(`${name}${extra.length ? ' ' + extra.join(' ') : ''}: GPU products give the ${method} float64 eigenvalues, residuals measured in float64`, async () => {
      const args = ['--in', at(`${name}.xyz`), '--count', '6', ...extra];
      const gpu = await modes([...args, '--engine', 'gpu']);
      const dense = await modes([...args, '--method', method]);
      console.log(`${name}: GPU (${gpu.adapter}) ${gpu.products} products, λ = ${gpu.eigenvalues.map((x) => x.toPrecision(8)).join(' ')}; `
        + `max residual ${Math.max(...gpu.residuals).toExponential(1)} (λ_max = ${largest[name].toPrecision(4)}); float64 λ = ${dense.eigenvalues.map((x) => x.toPrecision(8)).join(' ')}`);
      expect(gpu.engine).toBe('gpu');
      expect(gpu.method).toBe('lanczos');
      expect(gpu.residualsFrom).toBe('float64 CPU Hessian');
      expect(dense.engine).toBe('cpu');
      expect(gpu.rattlers).toEqual(dense.rattlers);
      // Lanczos stops at |Hx − θx| ≤ 1e-5·‖H‖ on the float32 products; the float64 check adds the products' own error (≪ that).
      for (const r of gpu.residuals) expect(r).toBeLessThanOrEqual(2 * FLOAT32_LANCZOS_TOLERANCE * largest[name]);
      // After the float64 Rayleigh–Ritz step the eigenvalues err by ~residual²/gap.
      gpu.eigenvalues.forEach((l, k) => expect(Math.abs(l - dense.eigenvalues[k])).toBeLessThanOrEqual(1e-7 * (1 + Math.abs(dense.eigenvalues[k]))));
    });
  }

  it('a model the GPU engine cannot run: one note, and the float64 engine runs', async () => {
    const model = MODELS.mk3d; // the GPU Hessian product reads plain pairs (src/gpu/hessianProduct.ts hessianUnsupported)
    const c = jitteredLattice(model, 600, 2);
    await writeConfigurationFile(at('mk.xyz'), c, { model: model.name });
    const r = await modes(['--in', at('mk.xyz'), '--count', '2', '--engine', 'gpu', '--method', 'lanczos']);
    expect(r.engine).toBe('cpu');
    expect(r.engineNotes).toHaveLength(1);
    expect(r.engineNotes?.[0]).toContain('Mari–Kurchan pair shifts');
  });

  it('--engine gpu with --method dense is a usage error', async () => {
    await expect(modes(['--in', at('soft2d.xyz'), '--engine', 'gpu', '--method', 'dense'])).rejects.toThrow('--method dense runs on the CPU only');
  });
});
