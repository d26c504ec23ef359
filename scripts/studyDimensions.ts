// npm run study:fig2a — 000 Fig. 2a at small N: β from T = ∞ for harmonic spheres in D = 2, 3, 4, 8 (src/engine/studies.ts),
// each an ensemble job of the lab (the same pipeline as the page and glasslab run), with its bootstrap interval beside the
// paper's value and N. Printed, never asserted. Options: --samples M, --t-max T, --dims 2,3,4,8, --scale s (multiplies N).
import { runJobInProcess } from '../src/engine/lab/inProcess.ts';
import type { EnsembleLabResult } from '../src/engine/lab/protocol.ts';
import { DIMENSION_STUDY } from '../src/engine/studies.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => { const k = args.indexOf(`--${name}`); return k >= 0 ? args[k + 1] : undefined; };
const samples = Number(flag('samples') ?? DIMENSION_STUDY.samples);
const tMax = Number(flag('t-max') ?? DIMENSION_STUDY.tMax);
const scale = Number(flag('scale') ?? 1);
const dims = (flag('dims') ?? '2,3,4,8').split(',').map(Number);

console.log(`# ${DIMENSION_STUDY.figure}: ${DIMENSION_STUDY.title}, ${samples} samples, t_max = ${tMax}, fit window [${DIMENSION_STUDY.fitWindow.tMin}, ${DIMENSION_STUDY.fitWindow.tMax}]`);
for (const p of DIMENSION_STUDY.points.filter((q) => dims.includes(q.dim))) {
  const n = Math.round(p.n * scale);
  let last = 0;
  const r = await runJobInProcess({
    kind: 'ensemble', samples,
    spec: { model: p.model, n, temperature: Infinity, seed: DIMENSION_STUDY.seed, sweeps: 0, algorithm: 'sd', tMax, forceTolerance: 0, fitWindow: { ...DIMENSION_STUDY.fitWindow } },
  }, 'cpu', (e) => {
    if (e.type === 'progress' && Date.now() - last > 20000) { last = Date.now(); process.stderr.write(`D = ${p.dim}: ${e.label}\n`); }
  }) as EnsembleLabResult;
  const f = r.fit;
  const beta = f ? `β = ${f.beta.toFixed(3)} [${f.low.toFixed(3)}, ${f.high.toFixed(3)}]` : 'no fit';
  console.log(`D = ${p.dim} (${p.model}, N = ${n}; paper N = ${p.paperN}): ${beta}; paper ${p.paperBeta}; ${r.seconds.toFixed(0)} s`);
}
