// npx tsx bench/gpu.ts — force evaluations and steepest-descent particle-steps per second of the WebGPU engine on whatever adapter
// is found, next to the float64 engine measured in the same run (soft2d, N = 4096 and 65536). Printed, never asserted.
// BENCH_N=1000,8000 changes the sizes; BENCH_SECONDS the time spent per measurement (default 2); BENCH_JSON=path also writes JSON.
import { writeBenchJson } from './benchJson.ts';
import { acquireGpu, type GpuContext } from '../src/gpu/device.ts';
import { GpuLandscape } from '../src/gpu/forces.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { landscapeForces } from '../src/physics/descent/state.ts';
import { steepestDescent } from '../src/physics/descent/steepestDescent.ts';
import { createLandscape, energyAndForces } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
import type { Configuration } from '../src/physics/configuration.ts';

const sizes = (process.env.BENCH_N ?? '4096,65536').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const model = MODELS.soft2d;

/** Calls per second of `body`, repeated until `seconds` have passed (at least twice, after one warm-up call). */
async function rate(body: () => Promise<void> | void): Promise<number> {
  await body();
  let calls = 0;
  const t0 = performance.now();
  while (calls < 2 || performance.now() - t0 < 1000 * seconds) { await body(); calls++; }
  return calls / ((performance.now() - t0) / 1000);
}

async function measure(gpu: GpuContext, c: Configuration) {
  const n = c.diameters.length;
  const cpu = createLandscape(model, c);
  const x = c.positions.slice();
  const f = new Float64Array(x.length);
  const cpuForces = await rate(() => { energyAndForces(cpu, x, f); });
  const sd = steepestDescent(landscapeForces(createLandscape(model, c)), { dt: model.defaultDt, n, energyEvery: 1_000_000 });
  const state = sd.init(c.positions);
  const cpuSteps = await rate(() => { sd.step(state); });

  const land = await GpuLandscape.create(model, c, { gpu });
  const batch = 20;
  const gpuForces = batch * (await rate(async () => { // kernels only: a batch of submissions, one wait
    for (let k = 0; k < batch; k++) land.evaluateForces();
    await gpu.device.queue.onSubmittedWorkDone();
  }));
  const gpuRoundTrips = await rate(async () => { await land.energyAndForces(); });
  const gpuSteps = await rate(async () => { // one SD step: move, check the list (one 4-byte read-back), forces
    land.stepAlongForces(model.defaultDt);
    await land.refreshNeighbors();
    land.evaluateForces();
  });
  const builds = land.neighborStats.builds;
  land.destroy();
  return { n, cpuForces, cpuSteps, gpuForces, gpuRoundTrips, gpuSteps, builds };
}

const gpu = await acquireGpu();
console.log(`# GlassLab WebGPU engine vs the float64 engine (one CPU thread), ${model.label}, adapter: ${gpu.adapterName}`);
console.log('# forces/s: force evaluations per second (GPU: kernels only, batched; GPU round trip: with the read-back of E and all forces)');
console.log('# steps/s: steepest-descent particle-steps per second (GPU: one 4-byte neighbor-list check read back per step)');
console.log('       N  f64 forces/s  GPU forces/s  ratio  GPU round trips/s  f64 particle-steps/s  GPU particle-steps/s  ratio');
const rows: Record<string, number>[] = [];
for (const n of sizes) {
  const c = quench(model, jitteredLattice(model, n, 1), { algorithm: 'fire', maxSteps: 300 }).final; // stable under SD at Δt = 1e-3
  const r = await measure(gpu, c);
  rows.push(r);
  const e = (v: number) => v.toExponential(3);
  console.log(`${String(r.n).padStart(8)}  ${e(r.cpuForces).padStart(12)}  ${e(r.gpuForces).padStart(12)}  ${(r.gpuForces / r.cpuForces).toFixed(2).padStart(5)}  `
    + `${e(r.gpuRoundTrips).padStart(17)}  ${e(r.n * r.cpuSteps).padStart(20)}  ${e(r.n * r.gpuSteps).padStart(19)}  ${(r.gpuSteps / r.cpuSteps).toFixed(2).padStart(5)}`);
}
writeBenchJson('gpu', { model: model.name, adapter: gpu.adapterName, seconds, rows });
gpu.destroy();
process.exit(0);
