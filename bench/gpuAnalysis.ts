// npx tsx bench/gpuAnalysis.ts — the per-particle quench analysis (defects φ_i of 001 SM III and D²min of 000 ref. 62) on the
// GPU (src/gpu/analysis) next to the float64 functions measured in the same run, soft2d N = 64000 and soft3d N = 32000, and
// the cutoff x_cut^EQ from g(x) of all particles and of 4000 reference particles. Printed, never asserted.
// BENCH_N2=…, BENCH_N3=… change the sizes; BENCH_REPEATS the warm repetitions (median printed, default 3).
import { quenchAnalysisGpu } from '../src/gpu/analysis/quenchAnalysis.ts';
import { acquireGpu, type GpuContext } from '../src/gpu/device.ts';
import { d2min } from '../src/physics/analysis/d2min.ts';
import { defectFlags, equilibriumCutoff } from '../src/physics/analysis/defects.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS, type Model, type ModelName } from '../src/physics/models.ts';
import { createRng } from '../src/physics/rng.ts';
import { wrapPositions } from '../src/physics/space.ts';

const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const X_CUT_EQ = 1.4;

/** Median wall time in seconds of `body` over `repeats` calls. */
async function median(body: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    await body();
    times.push((performance.now() - t0) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** A jittered lattice and the same particles displaced by Gaussian steps of 0.05 (the analysis' cost does not depend on the physics). */
function statePair(model: Model, n: number): { initial: Configuration; final: Configuration } {
  const initial = jitteredLattice(model, n, 3);
  const rng = createRng(4, 0);
  const moved = initial.positions.map((x) => x + 0.05 * rng.normal());
  return { initial, final: { ...initial, positions: wrapPositions(initial.box, moved) } };
}

async function measure(gpu: GpuContext, name: ModelName, n: number): Promise<void> {
  const model = MODELS[name];
  const { initial, final } = statePair(model, n);
  const gFull = await median(() => equilibriumCutoff(initial, model));
  const gSubset = await median(() => equilibriumCutoff(initial, model, { referenceParticles: 4000 }));
  const cpuDefects = await median(() => defectFlags(initial, final, model, { xCutEq: X_CUT_EQ }));
  const cpuD2min = await median(() => d2min(initial, final, model));
  let t0 = performance.now();
  await quenchAnalysisGpu(gpu, model, initial, final, { xCutEq: X_CUT_EQ });
  const first = (performance.now() - t0) / 1000;
  const onGpu = await median(() => quenchAnalysisGpu(gpu, model, initial, final, { xCutEq: X_CUT_EQ }));
  t0 = performance.now();
  const cpu = cpuDefects + cpuD2min;
  console.log(`${name} N = ${n}: float64 defects ${cpuDefects.toFixed(3)} s + D²min ${cpuD2min.toFixed(3)} s = ${cpu.toFixed(3)} s; `
    + `GPU defects + D²min ${onGpu.toFixed(3)} s (upload, cell lists, kernels, read-back; first call with compilation ${first.toFixed(2)} s), `
    + `float64/GPU time ratio ${(cpu / onGpu).toPrecision(2)}; x_cut^EQ from g(x): all particles ${gFull.toFixed(3)} s, 4000 reference particles ${gSubset.toFixed(3)} s`);
}

const gpu = await acquireGpu();
console.log(`adapter: ${gpu.adapterName}; median of ${repeats}`);
await measure(gpu, 'soft2d', Number(process.env.BENCH_N2 ?? 64000));
await measure(gpu, 'soft3d', Number(process.env.BENCH_N3 ?? 32000));
gpu.destroy();
