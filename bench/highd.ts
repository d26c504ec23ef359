// npm run bench:highd — the float64 engine on the high-dimensional and mean-field models (000 App. A.1b, A.1d), CPU:
// Mari–Kurchan planting (the first O(N²) shifted-pair scan, which draws every pair's shift) and one SD step; SD steps per
// second of harmonic spheres in 8D (an all-pairs Verlet list: L ≈ 2.67 at N = 16384) next to harmonic3d at the same N as
// the peer. Then the GPU engine beside them (src/gpu/mariKurchan/: the all-pairs shifted list and the shifted force kernel) at
// BENCH_GPU_N (default: N on a hardware adapter, 2048 on a software one such as SwiftShader, a CPU rasterizer whose all-pairs
// pass at N = 16384 takes many minutes here), and its refusal of 8D. Printed, never asserted. BENCH_N (default 16384) and
// BENCH_STEPS (default 20) change the sizes.
import { isSoftwareAdapter } from '../src/engine/softwareAdapter.ts';
import { acquireGpu, webgpuAvailable } from '../src/gpu/device.ts';
import { GpuLandscape } from '../src/gpu/forces.ts';
import { gpuUnsupported } from '../src/gpu/wgslModels.ts';
import { createLandscape, rebuildNeighbors, type Landscape } from '../src/physics/forces.ts';
import { plantMariKurchan } from '../src/physics/mariKurchan/planting.ts';
import { MODELS, randomConfiguration, type Model } from '../src/physics/models.ts';
import { steepestDescent } from '../src/physics/descent/steepestDescent.ts';
import { landscapeForces } from '../src/physics/descent/state.ts';
import type { Configuration } from '../src/physics/configuration.ts';

const n = Number(process.env.BENCH_N ?? 16384);
const steps = Number(process.env.BENCH_STEPS ?? 20);
const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Seconds to build the landscape, then SD steps per second over `steps` steps (list rebuilds included). */
function sd(model: Model, c: Configuration): { build: number; stepsPerSecond: number; pairs: number; builds: number; land: Landscape; positions: Float64Array } {
  let t0 = performance.now();
  const land = createLandscape(model, c);
  const build = seconds(t0);
  const alg = steepestDescent(landscapeForces(land), { dt: model.defaultDt, n });
  const s = alg.init(c.positions.slice());
  t0 = performance.now();
  for (let k = 0; k < steps; k++) alg.step(s);
  return { build, stepsPerSecond: steps / seconds(t0), pairs: land.list.offsets[n], builds: land.list.builds, land, positions: s.positions };
}

console.log(`# bench:highd, float64 engine (CPU), N = ${n}, ${steps} SD steps each`);
const mk = sd(MODELS.mk3d, plantMariKurchan(MODELS.mk3d, n, 1, 0.01));
console.log(`mk3d T = 0.01: planting + shifted-pair scan ${mk.build.toFixed(2)} s (${(n * (n - 1) / 2 / mk.build / 1e6).toFixed(1)} M pairs/s, ${mk.pairs} listed), one SD step ${(1000 / mk.stepsPerSecond).toFixed(1)} ms`);
{ // a list rebuild after the SD steps: it scans the shell of candidate pairs kept by the first scan (mariKurchan/neighbors.ts)
  const t0 = performance.now();
  rebuildNeighbors(mk.land, mk.positions);
  const shell = mk.land.list.shell!;
  console.log(`mk3d list rebuild from the scan's shell (${shell.offsets[n]} candidate pairs): ${(seconds(t0) * 1000).toFixed(0)} ms`);
}
for (const name of ['harmonic8d', 'harmonic3d'] as const) {
  try {
    const r = sd(MODELS[name], randomConfiguration(MODELS[name], n, 1));
    console.log(`${name} T = ∞: list ${r.build.toFixed(2)} s (${r.pairs} pairs), SD ${r.stepsPerSecond.toFixed(1)} steps/s (${r.builds} list builds)`);
  } catch (e) {
    console.log(`${name} T = ∞: ${(e as Error).message}`); // a small BENCH_N: the 8D box is too small
  }
}

/** The GPU engine on mk3d: landscape creation (survey of uncertain pairs + first all-pairs build), one rebuild, SD steps. */
async function gpuMariKurchan(): Promise<void> {
  if (!(await webgpuAvailable())) {
    console.log('GPU: no WebGPU adapter here (Node needs the `webgpu` package; for SwiftShader VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json)');
    return;
  }
  const gpu = await acquireGpu();
  try {
    const software = isSoftwareAdapter(gpu.adapterName);
    const gpuN = Number(process.env.BENCH_GPU_N ?? (software ? Math.min(n, 2048) : n));
    console.log(`# GPU engine on ${gpu.adapterName}${software ? ' (a software adapter: SwiftShader runs WGSL on the CPU cores, so these are not GPU speeds)' : ''}, N = ${gpuN}`);
    const model = MODELS.mk3d;
    const c = plantMariKurchan(model, gpuN, 1, 0.01);
    let t0 = performance.now();
    const land = await GpuLandscape.create(model, c, { gpu });
    const create = seconds(t0);
    try {
      t0 = performance.now();
      await land.rebuildNeighbors();
      const rebuild = seconds(t0);
      await land.energyAndForces(); // warm: the force pipeline's first dispatch
      t0 = performance.now();
      for (let k = 0; k < steps; k++) {
        land.evaluateForces();
        land.stepAlongForces(model.defaultDt);
      }
      await land.energyAndForces(); // waits for the queue (one more force evaluation, not counted as a step)
      const step = seconds(t0) / steps;
      const stats = land.neighborStats;
      console.log(`mk3d T = 0.01 GPU: compile + planting survey + first all-pairs build ${create.toFixed(2)} s (${stats.resolvedPairs} pairs resolved in float64 on the host), `
        + `all-pairs rebuild ${rebuild.toFixed(2)} s (${(gpuN * (gpuN - 1) / rebuild / 1e6).toFixed(1)} M ordered pairs/s, largest list ${stats.largestCount}), one SD step ${(1000 * step).toFixed(1)} ms`);
    } finally {
      land.destroy();
    }
    console.log(`harmonic8d GPU: ${gpuUnsupported(MODELS.harmonic8d) ?? 'runs'}`);
  } finally {
    gpu.destroy();
  }
}

await gpuMariKurchan();
