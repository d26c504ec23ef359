// npx tsx bench/gpuMc.ts — swap Monte Carlo trial moves per second of the GPU checkerboard sampler (src/gpu/mc) on whatever
// adapter is found, next to the serial float64 engine (src/physics/mc) measured in the same run: soft2d at T = 0.3 (as
// bench/mc.ts), N = 4096, 65536 and 262144. Printed, never asserted. BENCH_N=1000,8000 changes the sizes; BENCH_SECONDS the
// time spent per measurement (default 3); BENCH_JSON=path also writes the rows as JSON. One GPU sweep = N trials, as one serial sweep (src/gpu/mc/gpuMonteCarlo.ts).
import { writeBenchJson } from './benchJson.ts';
import { acquireGpu } from '../src/gpu/device.ts';
import { GpuMonteCarlo } from '../src/gpu/mc/index.ts';
import { acceptanceRates, energyPerParticle, initMonteCarlo, monteCarloSweep, resynchronizeEnergy } from '../src/physics/mc/index.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';

const sizes = (process.env.BENCH_N ?? '4096,65536,262144').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const model = MODELS.soft2d;
const temperature = 0.3;

/** Sweeps per second of `sweep(k)` (which runs k sweeps), growing k until one call takes a tenth of the budget. */
async function sweepRate(sweep: (k: number) => Promise<void> | void): Promise<number> {
  await sweep(1); // warm-up (pipelines, caches)
  let k = 1, done = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 1000 * seconds) {
    const t = performance.now();
    await sweep(k);
    done += k;
    if (performance.now() - t < 100 * seconds) k *= 2;
  }
  return done / ((performance.now() - t0) / 1000);
}

const gpu = await acquireGpu();
console.log(`# GlassLab swap Monte Carlo, ${model.label}, T = ${temperature}, P_swap = 0.2, δmax = 0.12; adapter: ${gpu.adapterName}`);
console.log('# trial moves per second: serial float64 (one CPU thread) vs GPU checkerboard (all sweeps of a batch in one submission,');
console.log('# acceptance counters read back once per batch of 64 sweeps); both from the same dense start (a jittered lattice after 100 FIRE');
console.log('# steps, no overlaps) and 5 warm-up sweeps');
console.log('# acc.: acceptance of displacements (GPU: fraction rejected for leaving their cell) and swaps; E/N after the sweeps each engine ran');
console.log('       N   cells  f64 trials/s  GPU trials/s  ratio   f64 acc. displ / swap   GPU acc. displ (left cell) / swap   f64 E/N (sweeps)   GPU E/N (sweeps)');
const rows: Record<string, unknown>[] = [];
for (const n of sizes) {
  const start = quench(model, jitteredLattice(model, n, 1), { algorithm: 'fire', maxSteps: 100 }).final;
  const serial = initMonteCarlo(start, model, { temperature, seed: 7 });
  for (let s = 0; s < 5; s++) monteCarloSweep(serial);
  resynchronizeEnergy(serial);
  const serialRate = await sweepRate((k) => { for (let s = 0; s < k; s++) monteCarloSweep(serial); });
  const mc = await GpuMonteCarlo.create(model, start, { gpu, temperature, seed: 7 });
  await mc.sweeps(5);
  const gpuRate = await sweepRate((k) => mc.sweeps(k));
  const gpuEnergy = await mc.energyPerParticle();
  const g = mc.acceptanceRates(), f = acceptanceRates(serial);
  const left = mc.counts.displacementLeftCell / mc.counts.displacementAttempted;
  const e = (v: number) => v.toExponential(3);
  const energyAt = (en: number, sweeps: number) => `${en.toFixed(4)} (${sweeps})`.padStart(16);
  console.log(`${String(n).padStart(8)}  ${String(mc.grid.cellCount).padStart(6)}  ${e(n * serialRate).padStart(12)}  ${e(n * gpuRate).padStart(12)}  `
    + `${(gpuRate / serialRate).toFixed(2).padStart(5)}   ${`${f.displacement.toFixed(3)} / ${f.swap.toFixed(3)}`.padStart(21)}   `
    + `${`${g.displacement.toFixed(3)} (${left.toFixed(3)}) / ${g.swap.toFixed(3)}`.padStart(33)}   ${energyAt(energyPerParticle(serial), serial.sweeps)}   ${energyAt(gpuEnergy, mc.sweepCount)}`);
  rows.push({ n, cells: mc.grid.cellCount, serialTrialsPerSecond: n * serialRate, gpuTrialsPerSecond: n * gpuRate, ratio: gpuRate / serialRate,
    serialAcceptance: f, gpuAcceptance: g, gpuLeftCell: left, serialEnergyPerParticle: energyPerParticle(serial), gpuEnergyPerParticle: gpuEnergy });
  mc.destroy();
}
writeBenchJson('gpu-mc', { model: model.name, temperature, adapter: gpu.adapterName, seconds, rows });
gpu.destroy();
process.exit(0);
