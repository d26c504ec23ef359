// npm run bench:mc — swap Monte Carlo trial moves per second of the float64 engine (src/physics/mc) for every model, next to
// steepest-descent particle-steps per second of the same model, N and configuration, measured in the same run, and their ratio
// (a trial should cost about one particle's share of a force evaluation: goal ratio ≥ 0.5). Printed, never asserted.
// BENCH_N (default 4000), BENCH_SWEEPS (timed sweeps, default 20), BENCH_REPEATS (default 3; the best of each is kept),
// BENCH_MODELS (comma list, default all up to 4D), BENCH_JSON=path also writes the rows as JSON.
// The fingerprint (a hash of positions, diameters and acceptance counts after warm-up + timed sweeps) shows whether a code
// change kept the run bit for bit.
import { writeBenchJson } from './benchJson.ts';
import { steepestDescent } from '../src/physics/descent/steepestDescent.ts';
import { landscapeForces } from '../src/physics/descent/state.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODEL_NAMES, MODELS, type ModelName } from '../src/physics/models.ts';
import { acceptanceRates, energyPerParticle, initMonteCarlo, monteCarloSweep, resynchronizeEnergy, type MonteCarloState } from '../src/physics/mc/index.ts';

const n = Number(process.env.BENCH_N ?? 4000);
const sweeps = Number(process.env.BENCH_SWEEPS ?? 20);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
// Default: every model up to 4D (8D at N = 4000 has rows of thousands of partners and takes many minutes per sweep).
const names = (process.env.BENCH_MODELS ?? MODEL_NAMES.filter((m) => MODELS[m].dim <= 4).join(',')).split(',') as ModelName[];
/** A liquid-side temperature per model (soft spheres as the old bench; KA at its preset T = 1–2 range); 0.5 for models added later. */
const TEMPERATURE: Partial<Record<string, number>> = { soft2d: 0.3, soft3d: 0.3, ka2d: 1.0, ka3d: 1.0, 'ka3d-fs': 1.0 };
const temperatureOf = (name: string) => TEMPERATURE[name] ?? (name.startsWith('harmonic') ? 0.002 : 0.5);
const WARMUP_SWEEPS = 10;

/** FNV-1a over the bytes of positions and diameters plus the acceptance counts: equal runs give equal fingerprints. */
function fingerprint(state: MonteCarloState): string {
  let h = 0x811c9dc5;
  const eat = (bytes: Uint8Array) => { for (let k = 0; k < bytes.length; k++) { h ^= bytes[k]; h = Math.imul(h, 0x01000193); } };
  const c = state.configuration;
  eat(new Uint8Array(c.positions.buffer, c.positions.byteOffset, c.positions.byteLength));
  eat(new Uint8Array(c.diameters.buffer, c.diameters.byteOffset, c.diameters.byteLength));
  eat(new Uint8Array(Float64Array.from(Object.values(state.counts)).buffer));
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** CPU seconds (user + system) of one call of `body`: on a shared machine this counts our work, not our wait for a core. */
function cpuSeconds(body: () => void): number {
  const c0 = process.cpuUsage();
  body();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

const rows: Record<string, unknown>[] = [];
console.log(`# GlassLab swap Monte Carlo vs steepest descent (float64, one thread), N = ${n}; best of ${repeats} alternating timings of ${sweeps} sweeps / SD steps`);
console.log('# rates per CPU second of this process (user + system), so that waiting for a shared core does not count');
console.log('# MC: P_swap 0.2 where swappable, δmax 0.12, after 10 warm-up sweeps from a jittered lattice relaxed by 100 FIRE steps (no overlaps); SD on the same configuration at the model\'s Δt');
console.log('model        T       MC trials/s   SD particle-steps/s  ratio  acc. displ/swap  E/N        fingerprint');
for (const name of names) {
  try {
    benchModel(name);
  } catch (e) {
    console.log(`${name.padEnd(11)}  skipped: ${(e as Error).message.slice(0, 100)}`);
  }
}

function benchModel(name: ModelName): void {
  const model = MODELS[name];
  const temperature = temperatureOf(name);
  const state = initMonteCarlo(quench(model, jitteredLattice(model, n, 1), { algorithm: 'fire', maxSteps: 100 }).final, model, { temperature, seed: 7 });
  for (let s = 0; s < WARMUP_SWEEPS; s++) monteCarloSweep(state);
  resynchronizeEnergy(state);
  const start = { ...state.configuration, positions: state.configuration.positions.slice(), diameters: state.configuration.diameters.slice() };
  const sd = steepestDescent(landscapeForces(createLandscape(model, start)), { dt: model.defaultDt, n });
  const sdState = sd.init(start.positions);
  // MC and SD timed alternately, best of `repeats` each. Each MC repeat continues the same chain (the fingerprint is of the
  // chain after WARMUP + repeats × sweeps sweeps); each SD repeat continues the same descent.
  let mcSeconds = Infinity, sdSeconds = Infinity;
  for (let r = 0; r < repeats; r++) {
    mcSeconds = Math.min(mcSeconds, cpuSeconds(() => { for (let s = 0; s < sweeps; s++) monteCarloSweep(state); }));
    sdSeconds = Math.min(sdSeconds, cpuSeconds(() => { for (let k = 0; k < sweeps; k++) sd.step(sdState); }));
  }
  const mcRate = (sweeps * n) / mcSeconds, sdRate = (sweeps * n) / sdSeconds;
  const rates = acceptanceRates(state);
  const row = {
    model: name, n, temperature, mcTrialsPerSecond: mcRate, sdParticleStepsPerSecond: sdRate, ratio: mcRate / sdRate,
    acceptanceDisplacement: rates.displacement, acceptanceSwap: rates.swap, energyPerParticle: energyPerParticle(state),
    sweeps: state.sweeps, fingerprint: fingerprint(state)
  };
  rows.push(row);
  const e = (v: number) => v.toExponential(3);
  console.log(`${name.padEnd(11)}  ${String(temperature).padEnd(6)}  ${e(mcRate).padStart(11)}  ${e(sdRate).padStart(19)}  ${row.ratio.toFixed(2).padStart(5)}  `
    + `${`${rates.displacement.toFixed(3)}/${rates.swap.toFixed(3)}`.padStart(15)}  ${row.energyPerParticle.toFixed(5).padStart(9)}  ${row.fingerprint}`);
}
const path = writeBenchJson('mc', { n, sweeps, repeats, rows });
if (path) console.log(`# JSON: ${path}`);
