// Makes a deep soft3d state (T ≤ 0.062, below T_MCT ≈ 0.1: 000 Fig. 2b, β ≈ 1.25) by long swap Monte Carlo (000 App. A.1a)
// in blocks, and checks its equilibration as it goes. Ladder: T = 0.2 and 0.1, then blocks of B sweeps at T. After each
// block it prints E/N (block mean) and the self-overlap Q = (1/N) Σ θ(a − |r_i(t) − r_i(t0)|), a = 0.3, between the state
// half the run ago and now. Equilibrated when (1) Q over the second half of the run fell below 1/e (the second half is
// longer than one structural relaxation of swap MC) and (2) the mean E/N of the last quarter equals that of the third
// quarter within 2 standard errors of the block means (plateau). Writes the state (and provenance) after every block.
//   npx tsx scripts/makeLowTState.ts [--n 2000] [--temperature 0.062] [--block 5000] [--minutes 38] [--out file.xyz]
import { writeFileSync } from 'node:fs';
import { writeExtendedXyz } from '../src/io/extendedXyz.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { overlapFreeConfiguration } from '../src/physics/initialState.ts';
import { runMonteCarlo } from '../src/physics/mc/runMonteCarlo.ts';
import { getModel } from '../src/physics/models.ts';

const arg = (name: string, d: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : d; };
const n = Number(arg('n', '2000')), temperature = Number(arg('temperature', '0.062')), block = Number(arg('block', '5000'));
const minutes = Number(arg('minutes', '38'));
const out = arg('out', `public/states/soft3d-T${temperature}-N${n}.xyz`);
const model = getModel('soft3d');
const t0 = Date.now();

/** Self-overlap Q(a = 0.3) between two states of the same particles (minimum-image displacements). */
function selfOverlap(a: Configuration, b: Configuration): number {
  const d = a.box.dim, L = a.box.lengths;
  let q = 0;
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    for (let k = 0; k < d; k++) { let x = b.positions[i * d + k] - a.positions[i * d + k]; x -= L[k] * Math.round(x / L[k]); r2 += x * x; }
    if (r2 < 0.09) q++;
  }
  return q / n;
}

let c = overlapFreeConfiguration(model, n, 1).configuration;
let seed = 1;
for (const [t, sweeps] of [[0.2, 2000], [0.1, 5000]] as const) {
  c = runMonteCarlo(c, model, { temperature: t, seed: seed++, sweeps }).configuration;
  console.error(`annealed ${sweeps} sweeps at T = ${t} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
const states: Configuration[] = [c], means: number[] = [];
let acceptance = { displacement: 0, swap: 0 }, equilibrated = false, q = 1, plateau = false;
while (Date.now() - t0 < minutes * 60_000) {
  const run = runMonteCarlo(c, model, { temperature, seed: seed++, sweeps: block, recordEvery: 50 });
  c = run.configuration; acceptance = run.acceptance;
  const e = run.energyPerParticle;
  means.push(e.reduce((s, x) => s + x, 0) / e.length);
  states.push(c);
  const k = means.length;
  q = selfOverlap(states[Math.floor(k / 2)], c);
  const m = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const sem = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + (x - m(xs)) ** 2, 0) / Math.max(1, xs.length - 1) / xs.length);
  const q3 = means.slice(Math.floor(k / 2), Math.floor((3 * k) / 4)), q4 = means.slice(Math.floor((3 * k) / 4));
  plateau = k >= 8 && Math.abs(m(q4) - m(q3)) < 2 * Math.hypot(sem(q3), sem(q4));
  equilibrated = plateau && q < 1 / Math.E;
  const seconds = (Date.now() - t0) / 1000;
  console.error(`T=${temperature} sweeps ${k * block}: E/N block mean ${means[k - 1].toFixed(6)}, Q(second half) ${q.toFixed(3)}, plateau ${plateau}, ${seconds.toFixed(0)} s`);
  const info = { sweeps: k * block, anneal: '0.2,0.1', maker: 'scripts/makeLowTState.ts', equilibrated: String(equilibrated) };
  writeFileSync(out, writeExtendedXyz(c, { model: 'soft3d', temperature, info }));
  writeFileSync(out.replace(/\.xyz$/, '.json'), JSON.stringify({
    model: 'soft3d', n, temperature, sweepsAtT: k * block, annealedFrom: [0.2, 0.1], blockSweeps: block, blockMeanEnergyPerParticle: means,
    selfOverlapSecondHalf: q, plateau, equilibrated, acceptance, seconds,
  }, null, 2) + '\n');
  if (equilibrated && k >= 12) break;
}
console.error(equilibrated ? `equilibrated: wrote ${out}` : `NOT equilibrated within ${minutes} min: wrote ${out} anyway (Q = ${q.toFixed(3)}, plateau ${plateau})`);
