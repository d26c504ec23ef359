// The nonlinear job on the GPU engine (in process, SwiftShader) with the size threshold lowered: ψ by Lanczos on the GPU Hessian
// product and π4, π3 by the float64 CG on the sphere with the GPU contractions (src/gpu/nonlinearContractions.ts) find the same
// modes as the float64 engine: the same κ, τ, χ to the float32 floor, overlaps ≈ 1, and a stationarity residual measured in
// float64 below FLOAT32_STATIONARITY_TOLERANCE. The result says which path ran; below the threshold the GPU lab runs float64,
// and a model the GPU engine cannot run falls back with one note.
import { afterEach, describe, expect, it } from 'vitest';
import { toConfigurationData } from '../../src/engine/lab/configurationData.ts';
import { GPU_ANALYSIS_MIN_PARTICLES, setGpuAnalysisMinParticles } from '../../src/engine/lab/gpuAnalysis.ts';
import { runJobInProcess } from '../../src/engine/lab/inProcess.ts';
import type { EngineChoice, LabEvent, NonlinearResult } from '../../src/engine/lab/protocol.ts';
import { DEFAULT_SPEC } from '../../src/engine/runSpec.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS, type ModelName } from '../../src/physics/models.ts';
import { FLOAT32_STATIONARITY_TOLERANCE } from '../../src/physics/nonlinear/nonlinearModes.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';

async function nonlinear(name: ModelName, c: Configuration, engine: EngineChoice, excludeRattlers = false) {
  const notes: string[] = [];
  const onEvent = (e: LabEvent) => { if (e.type === 'engine' && e.note) notes.push(e.note); };
  const spec = { ...DEFAULT_SPEC, model: name, n: c.diameters.length, temperature: Infinity, sweeps: 0 };
  const r = (await runJobInProcess({ kind: 'nonlinear', spec, start: toConfigurationData(c), excludeRattlers }, engine, onEvent)) as NonlinearResult;
  return { r, notes };
}

const overlap = (a: Float64Array, b: Float64Array) => Math.abs(a.reduce((s, x, k) => s + x * b[k], 0));

describe.skipIf(!gpuAvailable)(`the nonlinear job's GPU path${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  afterEach(() => setGpuAnalysisMinParticles(null));

  for (const [name, n] of [['soft2d', 200], ['soft3d', 128]] as [ModelName, number][]) {
    it(`${name}: GPU products find the float64 engine's ψ, π4 and π3`, async () => {
      const model = MODELS[name];
      const is = quench(model, jitteredLattice(model, n, 3), { algorithm: 'fire', forceTolerance: 1e-12, maxSteps: 100000 }).final;
      const cpu = await nonlinear(name, is, 'cpu', true);
      setGpuAnalysisMinParticles(0);
      const gpu = await nonlinear(name, is, 'gpu', true);
      const g = gpu.r, c = cpu.r;
      console.log(`${name}: GPU λ = ${g.harmonic.lambda.toPrecision(8)} (float64 ${c.harmonic.lambda.toPrecision(8)}); `
        + `κ4 = ${g.quartic.kappa.toPrecision(7)} (${c.quartic.kappa.toPrecision(7)}), χ4 = ${g.quartic.chi.toPrecision(6)} (${c.quartic.chi.toPrecision(6)}), `
        + `κ3 = ${g.cubic.kappa.toPrecision(7)} (${c.cubic.kappa.toPrecision(7)}), τ3 = ${g.cubic.tau.toPrecision(6)} (${c.cubic.tau.toPrecision(6)}); `
        + `steps ${g.quartic.iterations}/${g.cubic.iterations} (float64 ${c.quartic.iterations}/${c.cubic.iterations}); `
        + `float64 residuals ${g.quartic.residual.toExponential(1)}, ${g.cubic.residual.toExponential(1)}; overlaps π4 ${overlap(g.fields.pi4, c.fields.pi4).toFixed(6)}, π3 ${overlap(g.fields.pi3, c.fields.pi3).toFixed(6)}`);
      expect(c.engine).toBe('cpu');
      expect(g.engine).toBe('gpu');
      expect(gpu.notes).toEqual([]);
      expect(g.tolerance).toBe(FLOAT32_STATIONARITY_TOLERANCE);
      for (const m of [g.quartic, g.cubic]) {
        expect(m.converged).toBe(true);
        expect(m.residual).toBeLessThanOrEqual(FLOAT32_STATIONARITY_TOLERANCE);
      }
      expect(Math.abs(g.harmonic.lambda - c.harmonic.lambda)).toBeLessThanOrEqual(1e-6 * c.harmonic.lambda);
      expect(overlap(g.fields.psi, c.fields.psi)).toBeGreaterThan(1 - 1e-6);
      // at a stationary point κ, τ, χ err by ~residual² relative; the fields by ~residual
      for (const [x, y] of [[g.quartic.kappa, c.quartic.kappa], [g.quartic.chi, c.quartic.chi], [g.cubic.kappa, c.cubic.kappa], [g.cubic.tau, c.cubic.tau]]) {
        expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-5 * Math.abs(y));
      }
      expect(overlap(g.fields.pi4, c.fields.pi4)).toBeGreaterThan(1 - 1e-4);
      expect(overlap(g.fields.pi3, c.fields.pi3)).toBeGreaterThan(1 - 1e-4);
    }, 300_000);
  }

  it(`below GPU_ANALYSIS_MIN_PARTICLES (${GPU_ANALYSIS_MIN_PARTICLES}) the GPU lab's nonlinear job runs its products in float64`, async () => {
    const model = MODELS.soft2d;
    const is = quench(model, jitteredLattice(model, 100, 2), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
    const { r } = await nonlinear('soft2d', is, 'gpu');
    expect(r.engine).toBe('cpu');
    expect(r.tolerance).toBe(1e-8);
  });
});
