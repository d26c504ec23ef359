// The equilibrium start of a quench (000 App. A.1): uniform random positions at T = ∞, else swap Monte Carlo sweeps — the
// float64 sampler in slices (the same numbers as runMonteCarlo of src/physics/mc), or the GPU's checkerboard sampler in batches.
import { GpuMonteCarlo } from '../../gpu/mc/gpuMonteCarlo.ts';
import type { Configuration } from '../../physics/configuration.ts';
import { startMonteCarlo } from '../../physics/mc/runMonteCarlo.ts';
import type { AcceptanceRates } from '../../physics/mc/swapMonteCarlo.ts';
import { overlapFreeConfiguration } from '../../physics/initialState.ts';
import { plantMariKurchan } from '../../physics/mariKurchan/planting.ts';
import { randomConfiguration, type Model } from '../../physics/models.ts';
import { JobStopped } from './control.ts';
import { SLICE_MS, type JobContext } from './context.ts';

export interface EquilibriumStart {
  configuration: Configuration;
  /** E/N after the last sweep (null at T = ∞). */
  energyPerParticle: number | null;
  acceptance: AcceptanceRates | null;
  /** Recorded sweeps with E/N and the mean squared displacement from the start (the GPU records E/N once per batch, no MSD). */
  record: { sweep: number[]; energyPerParticle: number[]; meanSquaredDisplacement: number[] };
}

const emptyRecord = () => ({ sweep: [], energyPerParticle: [], meanSquaredDisplacement: [] });

export interface EquilibrationSettings {
  n: number;
  temperature: number;
  sweeps: number;
  seed: number;
}

/** Sweeps the GPU sampler runs per call at first; doubled while a call takes less than this many ms. */
const GPU_FIRST_BATCH = 8;
const GPU_CALL_MS = 60;

// 000 App. A.1: T = ∞ → randomConfiguration; finite T → swap MC from it with its overlaps removed (initialState.ts; docs/PHYSICS.md §2), `mc` and `progress` events as it goes.
export async function equilibrateOnEngine(ctx: JobContext, model: Model, s: EquilibrationSettings, label: string): Promise<EquilibriumStart> {
  // 000 App. A.1d: a Mari–Kurchan state is planted in equilibrium at T directly, with no sweeps.
  if (model.pairShifts) return { configuration: plantMariKurchan(model, s.n, s.seed, s.temperature), energyPerParticle: null, acceptance: null, record: emptyRecord() };
  if (s.temperature === Infinity || s.sweeps === 0) return { configuration: randomConfiguration(model, s.n, s.seed), energyPerParticle: null, acceptance: null, record: emptyRecord() };
  const start = overlapFreeConfiguration(model, s.n, s.seed).configuration;
  ctx.phase('equilibrate', `${label}: swap Monte Carlo, ${s.sweeps} sweeps at T = ${s.temperature}`);
  if (ctx.engine.gpu) {
    try {
      return await equilibrateOnGpu(ctx, model, start, s, label);
    } catch (e) {
      if (e instanceof JobStopped) throw e;
      ctx.engine.fallBack('Monte Carlo', e);
    }
  }
  return equilibrateOnCpu(ctx, model, start, s, label);
}

function announce(ctx: JobContext, s: EquilibrationSettings, sweep: number, energyPerParticle: number, acceptance: AcceptanceRates, label: string, force = false) {
  const sweeps = s.sweeps;
  ctx.emit({ type: 'mc', runId: ctx.runId, sweep, sweeps, energyPerParticle, acceptance: { ...acceptance }, temperature: s.temperature });
  ctx.progress(sweep / sweeps, `${label}: swap MC sweep ${sweep}/${sweeps}`, force);
}

async function equilibrateOnCpu(ctx: JobContext, model: Model, start: Configuration, s: EquilibrationSettings, label: string): Promise<EquilibriumStart> {
  const recorded = { sweep: 0 };
  const mc = startMonteCarlo(start, model, {
    temperature: s.temperature, seed: s.seed, sweeps: s.sweeps, recordEvery: Math.max(1, Math.floor(s.sweeps / 200)), // as equilibrate()
  });
  for (;;) {
    const done = mc.advance({ deadlineMs: performance.now() + SLICE_MS });
    const run = mc.run, k = run.recordedSweeps.length - 1;
    if (k >= 0 && run.recordedSweeps[k] > recorded.sweep) { // one mc event per slice, for the latest record
      recorded.sweep = run.recordedSweeps[k];
      announce(ctx, s, recorded.sweep, run.energyPerParticle[k], run.acceptance, label, done);
    }
    if (done) break;
    await ctx.checkpoint();
  }
  const { run } = mc;
  const e = run.energyPerParticle;
  return {
    configuration: run.configuration, energyPerParticle: e[e.length - 1] ?? null, acceptance: run.acceptance,
    record: { sweep: run.recordedSweeps, energyPerParticle: e, meanSquaredDisplacement: run.meanSquaredDisplacement },
  };
}

async function equilibrateOnGpu(ctx: JobContext, model: Model, start: Configuration, s: EquilibrationSettings, label: string): Promise<EquilibriumStart> {
  const gpu = ctx.engine.gpu;
  if (!gpu) throw new Error('internal: no GPU');
  const mc = await GpuMonteCarlo.create(model, start, { gpu, temperature: s.temperature, seed: s.seed });
  try {
    let batch = GPU_FIRST_BATCH;
    let e = Number.NaN;
    const record: EquilibriumStart['record'] = emptyRecord();
    while (mc.sweepCount < s.sweeps) {
      const count = Math.min(batch, s.sweeps - mc.sweepCount);
      const t0 = performance.now();
      await mc.sweeps(count);
      e = await mc.energyPerParticle();
      if (performance.now() - t0 < GPU_CALL_MS) batch *= 2;
      record.sweep.push(mc.sweepCount);
      record.energyPerParticle.push(e);
      announce(ctx, s, mc.sweepCount, e, mc.acceptanceRates(), label, mc.sweepCount === s.sweeps);
      await ctx.checkpoint();
    }
    return { configuration: await mc.readConfiguration(), energyPerParticle: e, acceptance: mc.acceptanceRates(), record };
  } finally {
    mc.destroy();
  }
}
