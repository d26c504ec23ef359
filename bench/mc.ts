// Prints swap Monte Carlo trial moves per second for soft2d, N = 4096 (a number to read, not a test).
import { MODELS, randomConfiguration } from '../src/physics/models.ts';
import { acceptanceRates, energyPerParticle, initMonteCarlo, monteCarloSweep, resynchronizeEnergy } from '../src/physics/mc/index.ts';

const n = 4096;
const model = MODELS.soft2d;
const temperature = 0.3;
const state = initMonteCarlo(randomConfiguration(model, n, 1), model, { temperature, seed: 7 });
for (let s = 0; s < 20; s++) monteCarloSweep(state); // leave the overlapping start first
resynchronizeEnergy(state);

const sweeps = 100;
const t0 = performance.now();
for (let s = 0; s < sweeps; s++) monteCarloSweep(state);
const seconds = (performance.now() - t0) / 1000;
const rates = acceptanceRates(state);
console.log(`swap MC ${model.name} N = ${n}, T = ${temperature}, P_swap = ${state.swapProbability}, δmax = ${state.maxDisplacement}`);
console.log(`  ${((sweeps * n) / seconds / 1e6).toFixed(3)} M trial moves/s (${sweeps} sweeps in ${seconds.toFixed(2)} s)`);
console.log(`  E/N = ${energyPerParticle(state).toFixed(5)}, acceptance: displacement ${rates.displacement.toFixed(3)}, swap ${rates.swap.toFixed(3)}`);
