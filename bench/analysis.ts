// npm run bench:analysis — the per-quench analysis of the worker (src/engine/lab/particleResults.ts: x_cut^EQ from g(x),
// defects φ_i, D²min) at N = 64000 in 3D, each part timed, next to the full pair-list g(x) (every particle a reference) as
// the peer measured in the same run. Printed, never asserted. BENCH_N (default 64000), BENCH_MODEL (default soft3d),
// BENCH_REPEATS (default 3, best kept), BENCH_JSON=path also writes the rows as JSON.
import { writeBenchJson } from './benchJson.ts';
import { d2min } from '../src/physics/analysis/d2min.ts';
import { defectFlags } from '../src/physics/analysis/defects.ts';
import { pairCorrelation } from '../src/physics/analysis/pairCorrelation.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { getModel } from '../src/physics/models.ts';
import { CUTOFF_REFERENCE_PARTICLES, particleResults } from '../src/engine/lab/particleResults.ts';
import { defectCutoff } from '../src/engine/defectCutoff.ts';

const n = Number(process.env.BENCH_N ?? 64000);
const model = getModel(process.env.BENCH_MODEL ?? 'soft3d');
const repeats = Number(process.env.BENCH_REPEATS ?? 3);

/** Best CPU seconds (user + system: waiting for a shared core does not count) of `repeats` calls, and the last result. */
async function best<T>(body: () => T | Promise<T>): Promise<{ seconds: number; result: T }> {
  let seconds = Infinity, result: T | undefined;
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    result = await body();
    const c = process.cpuUsage(c0);
    seconds = Math.min(seconds, (c.user + c.system) / 1e6);
  }
  return { seconds, result: result as T };
}

// An initial state without overlaps (a jittered lattice after 30 FIRE steps) and its inherent structure after 200 more.
const initial = quench(model, jitteredLattice(model, n, 1), { algorithm: 'fire', maxSteps: 30 }).final;
const final = quench(model, initial, { algorithm: 'fire', maxSteps: 200 }).final;
console.log(`# GlassLab float64 analysis of one quench, ${model.label}, N = ${n}; best of ${repeats}, CPU seconds of this process`);

const rows: { part: string; seconds: number; note: string }[] = [];
const row = (part: string, seconds: number, note = '') => { rows.push({ part, seconds, note }); console.log(`${part.padEnd(44)} ${seconds.toFixed(3).padStart(8)} s  ${note}`); };

const full = await best(() => pairCorrelation(initial, model, { xMax: 2, bins: 100 }));
row('g(x), full pair list (peer: all N references)', full.seconds);
const sampled = await best(() => pairCorrelation(initial, model, { xMax: 2, bins: 100, referenceParticles: CUTOFF_REFERENCE_PARTICLES }));
let maxDiff = 0;
for (let b = 0; b < 100; b++) maxDiff = Math.max(maxDiff, Math.abs(sampled.result.g[b] - full.result.g[b]));
row(`g(x), ${CUTOFF_REFERENCE_PARTICLES} random references`, sampled.seconds, `max |g − g_full| = ${maxDiff.toFixed(3)}; ratio to peer ${(full.seconds / sampled.seconds).toFixed(1)}×`);
const cutoff = await best(() => defectCutoff(initial, model, { referenceParticles: CUTOFF_REFERENCE_PARTICLES }));
row('x_cut^EQ (defectCutoff, sampled g)', cutoff.seconds, `x_cut^EQ = ${cutoff.result.xCutEq.toFixed(4)}`);
const defects = await best(() => defectFlags(initial, final, model, { xCutEq: cutoff.result.xCutEq }));
row('defects φ_i (defectFlags)', defects.seconds, `φ = ${defects.result.concentration.toFixed(4)}`);
const d2 = await best(() => d2min(initial, final, model));
row('D²min', d2.seconds);
const total = await best(() => particleResults(model, initial, final));
row('worker total (particleResults, float64)', total.seconds, `goal < 0.5 s; full-g(x) peer + defects + D²min would be ${(full.seconds + defects.seconds + d2.seconds).toFixed(2)} s`);
const path = writeBenchJson('analysis', { n, model: model.name, repeats, rows });
if (path) console.log(`# JSON: ${path}`);
