// The elastic job on the GPU engine (in process, SwiftShader) with the size threshold lowered: CG with the GPU Hessian product
// (float32) inside float64 iterative refinement (solveOnModeSpaceRefined) gives the float64 engine's G, Born and non-affine
// terms and κ_ij to the CG tolerance; the result says which path ran, and below the threshold the GPU lab runs float64.
import { afterEach, describe, expect, it } from 'vitest';
import { toConfigurationData } from '../../src/engine/lab/configurationData.ts';
import { setGpuAnalysisMinParticles } from '../../src/engine/lab/gpuAnalysis.ts';
import { runJobInProcess } from '../../src/engine/lab/inProcess.ts';
import type { ElasticResult, EngineChoice, LabEvent } from '../../src/engine/lab/protocol.ts';
import { DEFAULT_SPEC } from '../../src/engine/runSpec.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS, type ModelName } from '../../src/physics/models.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';

async function elastic(name: ModelName, c: Configuration, engine: EngineChoice) {
  const notes: string[] = [];
  const onEvent = (e: LabEvent) => { if (e.type === 'engine' && e.note) notes.push(e.note); };
  const spec = { ...DEFAULT_SPEC, model: name, n: c.diameters.length, temperature: Infinity, sweeps: 0 };
  const r = (await runJobInProcess({ kind: 'elastic', spec, start: toConfigurationData(c), settings: { dipolePairs: 12 } }, engine, onEvent)) as ElasticResult;
  return { r, notes };
}

describe.skipIf(!gpuAvailable)(`the elastic job's GPU path${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  afterEach(() => setGpuAnalysisMinParticles(null));

  for (const [name, n] of [['soft2d', 200], ['ka3d-fs', 200]] as [ModelName, number][]) {
    it(`${name}: G, its parts and κ_ij on GPU products equal the float64 engine's`, async () => {
      const model = MODELS[name];
      const is = quench(model, jitteredLattice(model, n, 3), { algorithm: 'fire', forceTolerance: 1e-12, maxSteps: 100000 }).final;
      const cpu = (await elastic(name, is, 'cpu')).r;
      setGpuAnalysisMinParticles(0);
      const { r: gpu, notes } = await elastic(name, is, 'gpu');
      console.log(`${name}: GPU G = ${gpu.shearModulus.toPrecision(10)} (float64 ${cpu.shearModulus.toPrecision(10)}), non-affine ${gpu.nonaffine.toPrecision(10)} `
        + `(${cpu.nonaffine.toPrecision(10)}), mean κ = ${gpu.dipole.mean.toPrecision(10)} (${cpu.dipole.mean.toPrecision(10)}); `
        + `CG iterations for κ ${gpu.dipole.iterations} (float64 ${cpu.dipole.iterations}), planes ${gpu.planes.map((p) => p.iterations).join('/')} (${cpu.planes.map((p) => p.iterations).join('/')})`);
      expect(cpu.engine).toBe('cpu');
      expect(gpu.engine).toBe('gpu');
      expect(notes).toEqual([]);
      const close = (x: number, y: number, scale: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(scale);
      // Ξ·M⁺Ξ is variational (its error is quadratic in the solve's); κ_ij = d̂·z/z·z is not: both solves meet |r| ≤ 1e-8|b|,
      // so z differs by up to cond(M)·1e-8 relative (cond ~ 1e3 here)
      close(gpu.born, cpu.born, 1e-12 * cpu.born);
      close(gpu.nonaffine, cpu.nonaffine, 1e-8 * cpu.born);
      close(gpu.shearModulus, cpu.shearModulus, 1e-8 * cpu.born);
      gpu.pairKappa.forEach((k, i) => close(k, cpu.pairKappa[i], 1e-5 * Math.abs(cpu.pairKappa[i])));
    }, 300_000);
  }

  it('below the threshold the GPU lab solves in float64', async () => {
    const model = MODELS.soft2d;
    const is = quench(model, jitteredLattice(model, 100, 2), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
    expect((await elastic('soft2d', is, 'gpu')).r.engine).toBe('cpu');
  });
});
