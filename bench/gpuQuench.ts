// npx tsx bench/gpuQuench.ts — steepest-descent steps per second of the GPU quench (src/gpu/quench.ts: chunks of steps per
// submission, one readback per chunk) next to the float64 engine's SD step, measured in the same run. Printed, never asserted.
// Systems: soft2d at N = 4096, 65536, 262144 and KA 3D at N = 32000. On SwiftShader (a CPU emulation) the GPU is slow and the
// large sizes take minutes: BENCH_N=4096,16384 shrinks soft2d (BENCH_KA_N=0 skips KA), BENCH_SECONDS sets the time per measurement;
// BENCH_JSON=path also writes the rows as JSON.
import { writeBenchJson } from './benchJson.ts';
import { acquireGpu, type GpuContext } from '../src/gpu/device.ts';
import { quenchGpu } from '../src/gpu/quench.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { landscapeForces } from '../src/physics/descent/state.ts';
import { steepestDescent } from '../src/physics/descent/steepestDescent.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS, type Model } from '../src/physics/models.ts';

const softSizes = (process.env.BENCH_N ?? '4096,65536,262144').split(',').map(Number).filter((n) => n > 0);
const kaSize = Number(process.env.BENCH_KA_N ?? 32000);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);

/** A lattice relaxed by a few float64 FIRE steps: stable under SD at the model's Δt. */
function relaxedLattice(model: Model, n: number): Configuration {
  return quench(model, jitteredLattice(model, n, 1), { algorithm: 'fire', maxSteps: n > 100_000 ? 100 : 300 }).final;
}

/** Float64 SD steps per second (steepestDescent's step, energy skipped as in the quench between samples). */
function cpuStepsPerSecond(model: Model, c: Configuration): number {
  const n = c.diameters.length;
  const sd = steepestDescent(landscapeForces(createLandscape(model, c)), { dt: model.defaultDt, n, energyEvery: 1_000_000 });
  const state = sd.init(c.positions);
  sd.step(state);
  let steps = 0;
  const t0 = performance.now();
  while (steps < 2 || performance.now() - t0 < 1000 * seconds) { sd.step(state); steps++; }
  return steps / ((performance.now() - t0) / 1000);
}

/** Steps per second of a GPU SD quench of `steps` steps, between the first chunk's readback and the last one (setup excluded). */
async function gpuQuenchRate(gpu: GpuContext, model: Model, c: Configuration, steps: number): Promise<{ rate: number; seconds: number; chunks: number }> {
  const marks: { step: number; at: number }[] = [];
  const r = await quenchGpu(model, c, {
    algorithm: 'sd', tMax: 1e9, forceTolerance: 0, maxSteps: steps, samplesPerDecade: 10,
    onChunk: (p) => { marks.push({ step: p.step, at: performance.now() }); },
  }, gpu);
  if (marks.length < 2) return { rate: Number.NaN, seconds: 0, chunks: r.chunks };
  const first = marks[0], last = marks[marks.length - 1];
  const seconds = (last.at - first.at) / 1000;
  return { rate: (last.step - first.step) / seconds, seconds, chunks: r.chunks };
}

/** GPU SD steps per second, the quench grown ×4 until its chunks after the first take ≥ `seconds`/2. */
async function gpuStepsPerSecond(gpu: GpuContext, model: Model, c: Configuration): Promise<{ rate: number; chunks: number; steps: number }> {
  await gpuQuenchRate(gpu, model, c, 2); // compiles the kernels
  let steps = 64;
  let r = await gpuQuenchRate(gpu, model, c, steps);
  while (r.seconds < seconds / 2 && steps < 1 << 22) {
    steps *= 4;
    r = await gpuQuenchRate(gpu, model, c, steps);
  }
  return { rate: r.rate, chunks: r.chunks, steps };
}

const gpu = await acquireGpu();
console.log(`# GlassLab GPU quench (steepest descent, chunks of steps per submission) vs the float64 engine (one CPU thread); adapter: ${gpu.adapterName}`);
console.log('# steps/s: SD steps per second; particle-steps/s: N × steps/s. GPU: from the first chunk read back to the last (setup excluded; list rebuilds, samples and readbacks included).');
console.log('system         N   f64 steps/s  f64 particle-steps/s  GPU steps/s  GPU particle-steps/s  ratio  (GPU: steps, chunks)');
const systems: [Model, number][] = [...softSizes.map((n): [Model, number] => [MODELS.soft2d, n]), ...(kaSize > 0 ? [[MODELS.ka3d, kaSize] as [Model, number]] : [])];
const rows: Record<string, unknown>[] = [];
for (const [model, n] of systems) {
  const c = relaxedLattice(model, n);
  const cpu = cpuStepsPerSecond(model, c);
  const g = await gpuStepsPerSecond(gpu, model, c);
  rows.push({ model: model.name, n, cpuStepsPerSecond: cpu, gpuStepsPerSecond: g.rate, gpuParticleStepsPerSecond: n * g.rate, ratio: g.rate / cpu, steps: g.steps, chunks: g.chunks });
  const e = (v: number) => v.toExponential(3);
  console.log(`${model.name.padEnd(8)} ${String(n).padStart(7)}  ${e(cpu).padStart(11)}  ${e(n * cpu).padStart(20)}  ${e(g.rate).padStart(11)}  `
    + `${e(n * g.rate).padStart(20)}  ${(g.rate / cpu).toFixed(2).padStart(5)}  (${g.steps}, ${g.chunks})`);
}
writeBenchJson('gpu-quench', { adapter: gpu.adapterName, seconds, rows });
gpu.destroy();
process.exit(0);
