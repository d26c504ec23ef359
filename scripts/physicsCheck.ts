// npm run physics-check — the paper's high-temperature exponents (000 §II C, docs/PHYSICS.md §6): ensembles of SD quenches,
// β with its bootstrap interval over several fit windows, the local slope, and how long it took. Printed, never asserted.
//   npx tsx scripts/physicsCheck.ts [case ...] [--n N] [--samples M] [--t-max T]
// cases: soft2d harmonic2d soft3d harmonic3d harmonic4d (default: all five); harmonic4d runs at N = 8192 unless --n is given
import { runJobInProcess } from '../src/engine/lab/inProcess.ts';
import type { EnsembleLabResult } from '../src/engine/lab/protocol.ts';
import { MODELS } from '../src/physics/models.ts';
import { defectStatistics } from '../src/physics/analysis/defects.ts';
import type { RunSpec } from '../src/engine/runSpec.ts';
import { ensembleBetaFit } from '../src/physics/analysis/betaFit.ts';
import { localSlope } from '../src/physics/analysis/powerLaw.ts';
import type { ModelName } from '../src/physics/models.ts';

const CASES: Record<string, { model: ModelName; temperature: number; tMax: number; paper: number; n?: number }> = {
  soft2d: { model: 'soft2d', temperature: 0.8, tMax: 100, paper: 0.92 },
  harmonic2d: { model: 'harmonic2d', temperature: Infinity, tMax: 1000, paper: 0.92 },
  soft3d: { model: 'soft3d', temperature: 1.0, tMax: 100, paper: 0.85 },
  harmonic3d: { model: 'harmonic3d', temperature: Infinity, tMax: 1000, paper: 0.85 },
  // 000 Fig. 2a: the mean-field value in 4D; the paper's N is 16384, and N ≥ 8192 keeps finite-size effects below the interval.
  harmonic4d: { model: 'harmonic4d', temperature: Infinity, tMax: 100, paper: 0.75, n: 8192 },
};
const WINDOWS = [[0.3, 10], [1, 30], [1, 100], [3, 100], [10, 1000], [100, 1000]] as const;

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => { const k = args.indexOf(`--${name}`); return k >= 0 ? Number(args[k + 1]) : fallback; };
const nGiven = args.includes('--n');
const nDefault = flag('n', 2000);
const samples = flag('samples', 20);
const tMaxGiven = args.includes('--t-max') ? flag('t-max', 0) : undefined;
const chosen = args.filter((a, k) => !a.startsWith('--') && !(k > 0 && args[k - 1].startsWith('--')));
const names = chosen.length ? chosen : Object.keys(CASES);

for (const name of names) {
  const c = CASES[name] && tMaxGiven ? { ...CASES[name], tMax: tMaxGiven } : CASES[name];
  if (!c) throw new Error(`unknown case ${name}; choose ${Object.keys(CASES).join(', ')}`);
  const n = nGiven ? nDefault : c.n ?? nDefault;
  const spec: RunSpec = { model: c.model, n, temperature: c.temperature, seed: 2022, sweeps: 1000, algorithm: 'sd', tMax: c.tMax, forceTolerance: 0, fitWindow: { tMin: 1, tMax: 30 } };
  let last = 0;
  const speeds = new Map<string, number[]>(); // each sample's ⟨|v|⟩, from the job's streamed curves '#1' … '#M'
  const r = await runJobInProcess({ kind: 'ensemble', spec, samples }, 'cpu', (e) => {
    if (e.type === 'sample') speeds.set(e.curve, [...(speeds.get(e.curve) ?? []), e.sample.speed]);
    if (e.type !== 'progress' || Date.now() - last < 20000) return;
    last = Date.now();
    process.stderr.write(`${name}: ${e.label}\n`);
  }) as EnsembleLabResult;
  console.log(`\n## ${name}: N = ${n}, T = ${c.temperature}, ${samples} samples, SD Δt = ${MODELS[c.model].defaultDt}, t_max = ${c.tMax}, ${r.seconds.toFixed(0)} s (paper: β ≈ ${c.paper})`);
  const curves = [...speeds.values()].map((v) => v.slice(0, r.t.length));
  for (const [tMin, tMax] of WINDOWS) {
    if (tMax > c.tMax) continue;
    const b = ensembleBetaFit(r.t, curves, { tMin, tMax });
    if (!b) { console.log(`  β over t ∈ [${tMin}, ${tMax}]: fewer than 3 points`); continue; }
    console.log(`  β over t ∈ [${tMin}, ${tMax}]: ${b.beta.toFixed(3)}  95% interval [${b.low.toFixed(3)}, ${b.high.toFixed(3)}]`);
  }
  const slope = localSlope(r.t, r.meanSpeed);
  const rows: string[] = [];
  for (let j = 1; j < r.t.length; j++) {
    const t = r.t[j];
    if (Math.abs(Math.log10(t) * 2 - Math.round(Math.log10(t) * 2)) < 0.026) rows.push(`t=${t.toPrecision(3)} ⟨|v|⟩=${r.meanSpeed[j].toExponential(3)} slope=${slope[j].toFixed(3)}`);
  }
  console.log(`  ${rows.filter((_, k, a) => k === 0 || a[k - 1].split(' ')[0] !== rows[k].split(' ')[0]).join('\n  ')}`);
  const defects = defectStatistics(r.defectConcentrations, n);
  console.log(`  ⟨φ⟩ = ${defects.mean.toFixed(3)}, χ = ${defects.chi.toFixed(3)} (x_cut^EQ = ${r.xCutEq.toFixed(3)}: ${r.xCutSource})`);
}
