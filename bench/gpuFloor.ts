// npx tsx bench/gpuFloor.ts — the float32 force floor of the WebGPU engine (docs/ARCHITECTURE.md hazard 1, issue 3), printed, never asserted:
// 1. the GPU force error at a float64 minimum: rms_i |f_i(GPU) − f_i(float64)| (what the f32 kernel adds to a zero force);
// 2. the late-time ⟨|v|⟩ of a steepest-descent quench on the GPU (median over t ≥ 0.6·t_max, t_max = 25, from float64 FIRE to
//    max|f_i| < 1e-3), and the float64 ⟨|v|⟩ at the GPU's final positions (how far from the true minimum the GPU stops);
// 3. force-kernel evaluations per second (kernels only, batched), to price the precision.
// soft2d at T = 0.8 equilibrium (300 swap-MC sweeps, as test/gpu/quenchStates.ts). FLOOR_N=256,1024 sets the sizes;
// FLOOR_SPEED_N=4096 the size timed (0: skip); FLOOR_TMAX the SD duration (default 25); FLOOR_SERIES=1 prints ⟨|v|⟩(t) next to float64;
// FLOOR_START the float64 FIRE tolerance max|f_i| of the starting state (default 1e-3).
import { acquireGpu, type GpuContext } from '../src/gpu/device.ts';
import { GpuLandscape } from '../src/gpu/forces.ts';
import { quenchGpu } from '../src/gpu/quench.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape, energyAndForces } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { runMonteCarlo } from '../src/physics/mc/runMonteCarlo.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';

const model = MODELS.soft2d;
const sizes = (process.env.FLOOR_N ?? '256').split(',').map(Number).filter((n) => n > 0); // FLOOR_N=0: timing only
const speedN = Number(process.env.FLOOR_SPEED_N ?? 4096);
const tMax = Number(process.env.FLOOR_TMAX ?? 25);

/** sqrt((1/N) Σ_i |f_i|²) of the float64 engine at `c`: ⟨|v|⟩ of 000 Eq. (2). */
function float64Speed(c: Configuration): { speed: number; forces: Float64Array } {
  const land = createLandscape(model, c);
  const f = new Float64Array(c.positions.length);
  energyAndForces(land, c.positions.slice(), f, false);
  let w = 0;
  for (const v of f) w += v * v;
  return { speed: Math.sqrt(w / c.diameters.length), forces: f };
}

/** rms_i |f_i(GPU) − f_i(float64)| at configuration c, and rms_i |f_i(GPU)|. */
async function forceError(gpu: GpuContext, c: Configuration): Promise<{ error: number; gpuSpeed: number }> {
  const { forces: exact } = float64Speed(c);
  const land = await GpuLandscape.create(model, c, { gpu });
  const { forces } = await land.energyAndForces();
  land.destroy();
  let e2 = 0, g2 = 0;
  for (let k = 0; k < forces.length; k++) { e2 += (forces[k] - exact[k]) ** 2; g2 += forces[k] ** 2; }
  const n = c.diameters.length;
  return { error: Math.sqrt(e2 / n), gpuSpeed: Math.sqrt(g2 / n) };
}

const gpu = await acquireGpu();
console.log(`# float32 force floor, ${model.label}, adapter: ${gpu.adapterName}`);
for (const n of sizes) {
  const liquid = runMonteCarlo(randomConfiguration(model, n, 3), model, { temperature: 0.8, seed: 3, sweeps: 300 }).configuration;
  const start = quench(model, liquid, { algorithm: 'fire', forceTolerance: Number(process.env.FLOOR_START ?? 1e-3) }).final;
  const minimum = quench(model, start, { algorithm: 'fire', forceTolerance: 1e-12, maxSteps: 1_000_000 }).final;
  const atMinimum = await forceError(gpu, minimum);
  const g = await quenchGpu(model, start, { algorithm: 'sd', tMax, forceTolerance: 0, samplesPerDecade: 10 }, gpu);
  const late = g.series.speed.filter((_, k) => g.series.t[k] >= 0.6 * tMax).sort((a, b) => a - b);
  const floor = late[Math.floor(late.length / 2)];
  const trueSpeed = float64Speed(g.final).speed;
  if (process.env.FLOOR_SERIES) {
    const cpu = quench(model, start, { algorithm: 'sd', tMax, forceTolerance: 0, samplesPerDecade: 10 });
    g.series.t.forEach((t, k) => console.log(`  t = ${t.toPrecision(3)}: GPU ⟨|v|⟩ = ${g.series.speed[k].toExponential(3)}, float64 ${cpu.series.speed[k].toExponential(3)}`));
  }
  console.log(`N = ${n}: at the float64 minimum (⟨|v|⟩ = ${float64Speed(minimum).speed.toExponential(2)}): rms_i |Δf_i| = ${atMinimum.error.toExponential(3)}, `
    + `GPU ⟨|v|⟩ = ${atMinimum.gpuSpeed.toExponential(3)}\n`
    + `  SD to t = ${tMax} (${g.steps} steps): GPU ⟨|v|⟩ floor (median, t ≥ ${0.6 * tMax}) = ${floor.toExponential(3)} `
    + `[${late[0].toExponential(2)} … ${late[late.length - 1].toExponential(2)}]; float64 ⟨|v|⟩ at the GPU's final positions = ${trueSpeed.toExponential(3)}`);
}
if (speedN > 0) {
  const c = quench(model, jitteredLattice(model, speedN, 1), { algorithm: 'fire', maxSteps: 300 }).final;
  const land = await GpuLandscape.create(model, c, { gpu });
  const batch = 20;
  const once = async () => { for (let k = 0; k < batch; k++) land.evaluateForces(); await gpu.device.queue.onSubmittedWorkDone(); };
  await once();
  const rates: number[] = [];
  const cpuMs: number[] = []; // process CPU time per evaluation (SwiftShader runs in this process): robust to a busy machine
  for (let r = 0; r < 5; r++) {
    let calls = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    while (calls < 2 || performance.now() - t0 < 1000) { await once(); calls++; }
    const c1 = process.cpuUsage(c0);
    rates.push((batch * calls) / ((performance.now() - t0) / 1000));
    cpuMs.push((c1.user + c1.system) / 1000 / (batch * calls));
  }
  land.destroy();
  rates.sort((a, b) => a - b);
  cpuMs.sort((a, b) => a - b);
  console.log(`force kernel, N = ${speedN}: ${rates[2].toExponential(3)} evaluations/s (median of 5 × 1 s; range ${rates[0].toExponential(2)}–${rates[4].toExponential(2)}); `
    + `CPU time ${cpuMs[2].toFixed(2)} ms per evaluation (range ${cpuMs[0].toFixed(2)}–${cpuMs[4].toFixed(2)})`);
}
gpu.destroy();
process.exit(0);
