// The GPU swap Monte Carlo (src/gpu/mc) against the serial float64 engine (src/physics/mc) on a liquid: soft2d, N = 1000,
// T = 0.5 (docs/ARCHITECTURE.md hazard 3: large systems against the serial reference). Both start from the same configuration, made by
// the serial engine in 1000 sweeps from T = ∞ (stationary after ≈ 750 sweeps: means over 250-sweep windows then scatter by
// ±0.004 around E/N ≈ 0.703), run 200 more sweeps each, then are sampled. Energies of both are computed in float64 on the host
// (src/physics/forces.ts), so the test compares the sampled distributions, not the GPU's f32 energies.
//
// Statistics: batch means (integrated autocorrelation time of E/N measured ≈ 30 sweeps serial, ≈ 12 GPU; batches of 300 and
// 80 sweeps), Welch's t. Three quantities — ⟨E/N⟩, the variance of E/N and g(x) — each at two-sided p > 1e-3/3; g(x) in bins
// of 0.1 up to x = 2.4 (those not empty in every sample, ≈ 17), each bin's p > 1e-3/(3·bins) (Bonferroni, valid however the
// bins are correlated). A correct GPU sampler fails with probability ≤ 1e-3. Power: the same ⟨E/N⟩ test tells T = 0.5 from T = 0.53 (checked on the serial engine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { GpuMonteCarlo } from '../../src/gpu/mc/index.ts';
import { pairCorrelation } from '../../src/physics/analysis/pairCorrelation.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { createLandscape, energy } from '../../src/physics/forces.ts';
import { energyPerParticle, initMonteCarlo, monteCarloSweep, type MonteCarloState } from '../../src/physics/mc/index.ts';
import { MODELS, randomConfiguration } from '../../src/physics/models.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';
import { batchMeans, welch } from '../statistics.ts';

const model = MODELS.soft2d;
const N = 1000, T = 0.5;
const BURN_IN = 200;
const G_EVERY = 10; // sweeps between g(x) snapshots
const G_OPTIONS = { xMax: 2.4, bins: 24 };

interface Run { energies: number[]; g: Float64Array[] }

/** E/N (float64) of every sample and g(x) of every G_EVERY-th. */
function measure(configs: Configuration[]): Run {
  return {
    energies: configs.map((c) => energy(createLandscape(model, c), c.positions) / N), // a landscape per sample: swaps change diameters
    g: configs.filter((_, k) => (k + 1) % G_EVERY === 0).map((c) => pairCorrelation(c, model, G_OPTIONS).g),
  };
}

/** Serial sweeps from `start`, recording the float64 running E/N every sweep and g(x) every G_EVERY sweeps. */
function serialRun(start: Configuration, temperature: number, seed: number, sweeps: number): Run {
  const state: MonteCarloState = initMonteCarlo(start, model, { temperature, seed });
  for (let s = 0; s < BURN_IN; s++) monteCarloSweep(state);
  const run: Run = { energies: [], g: [] };
  for (let s = 1; s <= sweeps; s++) {
    monteCarloSweep(state);
    run.energies.push(energyPerParticle(state));
    if (s % G_EVERY === 0) run.g.push(pairCorrelation(state.configuration, model, G_OPTIONS).g);
  }
  return run;
}

/** Per-batch variance of E/N about the run's own mean (the fluctuation, i.e. T²c_v/N). */
function batchVariances(e: number[], batches: number): number[] {
  const mean = e.reduce((a, b) => a + b, 0) / e.length;
  return batchMeans(e.map((x) => (x - mean) ** 2), batches);
}

describe.skipIf(!gpuAvailable)(`GPU swap Monte Carlo against the serial float64 engine, soft2d N = ${N}, T = ${T}${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  it('E/N (mean and variance) and g(x) agree (Welch t on batch means, overall p > 1e-3); the test resolves ΔT = 0.03', async () => {
    const equilibration = initMonteCarlo(randomConfiguration(model, N, 1), model, { temperature: T, seed: 1 });
    for (let s = 0; s < 1000; s++) monteCarloSweep(equilibration);
    const start = equilibration.configuration;

    const serialSweeps = 3000, gpuSweeps = 800;
    const serial = serialRun(start, T, 2, serialSweeps);
    const mc = await GpuMonteCarlo.create(model, start, { gpu, temperature: T, seed: 3 });
    let gpuRun: Run;
    try {
      await mc.sweeps(BURN_IN);
      gpuRun = measure(await mc.sample(gpuSweeps, 1));
      console.log(`GPU: acceptance ${JSON.stringify(mc.acceptanceRates())}, ${JSON.stringify(mc.counts)}`);
    } finally {
      mc.destroy();
    }
    const batches = 10;
    const meanTest = welch(batchMeans(gpuRun.energies, batches), batchMeans(serial.energies, batches));
    const varianceTest = welch(batchVariances(gpuRun.energies, batches), batchVariances(serial.energies, batches));
    const gBins = Array.from({ length: G_OPTIONS.bins }, (_, b) => ({
      x: (b + 0.5) * (G_OPTIONS.xMax / G_OPTIONS.bins), ...welch(batchMeans(gpuRun.g.map((g) => g[b]), batches), batchMeans(serial.g.map((g) => g[b]), batches)),
    })).filter((b) => b.standardError > 0); // bins below contact are empty in every sample of both runs
    const worstG = gBins.reduce((w, b) => (b.p < w.p ? b : w));
    const chiSquareLike = gBins.reduce((s, b) => s + b.t * b.t, 0);
    const fmt = (w: { difference: number; standardError: number; t: number; p: number }) =>
      `Δ = ${w.difference.toExponential(2)} ± ${w.standardError.toExponential(2)} (t = ${w.t.toFixed(2)}, p = ${w.p.toFixed(3)})`;
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    console.log(`soft2d N=${N} T=${T}: ⟨E/N⟩ GPU ${mean(gpuRun.energies).toFixed(5)} (${gpuSweeps} sweeps) serial ${mean(serial.energies).toFixed(5)} (${serialSweeps}): ${fmt(meanTest)}; `
      + `var(E/N): ${fmt(varianceTest)}; g(x) over ${gBins.length} bins: Σt² = ${chiSquareLike.toFixed(1)}, worst bin x = ${worstG.x.toFixed(2)} ${fmt(worstG)}; `
      + `g(x) GPU ${gBins.map((b) => mean(gpuRun.g.map((g) => g[Math.floor(b.x / (G_OPTIONS.xMax / G_OPTIONS.bins))])).toFixed(2)).join(' ')}`);
    expect(gBins.length).toBeGreaterThan(15);
    expect(meanTest.p).toBeGreaterThan(1e-3 / 3);
    expect(varianceTest.p).toBeGreaterThan(1e-3 / 3);
    expect(worstG.p).toBeGreaterThan(1e-3 / (3 * gBins.length));

    // Power: the serial engine at T = 0.53 from the same start, against the serial run at T = 0.5.
    const warmer = serialRun(start, 0.53, 4, 1000);
    const power = welch(batchMeans(warmer.energies, batches), batchMeans(serial.energies, batches));
    console.log(`power: serial T = 0.53 vs T = 0.5, ⟨E/N⟩ ${fmt(power)}`);
    expect(power.p).toBeLessThan(1e-3 / 3);
  });
});
