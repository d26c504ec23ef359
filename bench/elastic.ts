// npm run bench:elastic — the shear modulus G (D(D−1)/2 CG solves) and the dipole stiffness κ_ij (one CG solve per pair) of
// soft-sphere inherent structures in 3D at N = 2000 and 8000, by GlassLab's float64 CG on the pair blocks, next to scipy's
// sparse CG (scipy.sparse.linalg.cg) on the same Hessian written as Matrix Market with the same right-hand sides. Printed,
// never asserted; wall and CPU seconds both (the machine may be shared: compare CPU seconds). Env: ELASTIC_N="2000,8000", ELASTIC_PAIRS=20 (dipole pairs timed), ELASTIC_TOL=1e-8, ELASTIC_MODEL=soft3d.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMatrixMarketSymmetric } from '../src/io/matrixMarket.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { dipoleStiffness, elasticPairs, samplePairs, shearCoupling, shearModulus, unitDipole } from '../src/physics/elastic/index.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { csrHessian } from '../src/physics/hessian/assemble.ts';
import { getModel, randomConfiguration, type Model } from '../src/physics/models.ts';
import { boxVolume } from '../src/physics/space.ts';

const sizes = (process.env.ELASTIC_N ?? '2000,8000').split(',').filter((x) => x !== '').map(Number);
const pairCount = Number(process.env.ELASTIC_PAIRS ?? 20);
const tolerance = Number(process.env.ELASTIC_TOL ?? 1e-8);
const model = getModel(process.env.ELASTIC_MODEL ?? 'soft3d');
const python = '/usr/bin/python3';
const scipyPresent = spawnSync(python, ['-c', 'import scipy'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'glasslab-elastic-bench-'));
const seconds = (t0: number) => (performance.now() - t0) / 1000;
/** CPU seconds of this process since `c0` (the fair measure on a shared machine). */
const cpuSeconds = (c0: NodeJS.CpuUsage) => { const u = process.cpuUsage(c0); return (u.user + u.system) / 1e6; };
const raw = (file: string, v: Float64Array | Uint8Array) => { writeFileSync(file, new Uint8Array(v.buffer, v.byteOffset, v.byteLength)); return file; };

function bench(m: Model, n: number): void {
  let t0 = performance.now();
  const q0 = process.cpuUsage();
  const is = quench(m, randomConfiguration(m, n, 1), { algorithm: 'fire', forceTolerance: 1e-10, maxSteps: 500000 });
  const tQuench = cpuSeconds(q0);
  const c = is.final;
  t0 = performance.now();
  const pairs = elasticPairs(createLandscape(m, c), c.positions);
  const tBuild = seconds(t0);
  console.log(`${m.name} N = ${n}: IS by FIRE in ${tQuench.toFixed(1)} s CPU (${is.reason}, max|f| = ${is.maxForce.toExponential(1)}), ${pairs.hessian.first.length} pairs, ${pairs.rattlers} rattlers (left out); pair blocks ${tBuild.toFixed(2)} s`);
  t0 = performance.now();
  let c0 = process.cpuUsage();
  const g = shearModulus(pairs, boxVolume(c.box), { tolerance });
  const tG = seconds(t0), cG = cpuSeconds(c0);
  const its = g.planes.map((p) => p.iterations).join(', ');
  console.log(`  glasslab G = ${g.shearModulus.toFixed(5)} (Born ${g.born.toFixed(5)}, non-affine ${g.nonaffine.toFixed(5)}): ${tG.toFixed(2)} s wall, ${cG.toFixed(2)} s CPU for ${g.planes.length} planes (CG iterations ${its})`);
  const chosen = samplePairs(pairs.hessian.first.length, pairCount);
  t0 = performance.now();
  c0 = process.cpuUsage();
  const k = dipoleStiffness(pairs, chosen, { tolerance });
  const tK = seconds(t0), cK = cpuSeconds(c0);
  console.log(`  glasslab κ over ${k.count} pairs: mean ${k.mean.toFixed(4)}, median ${k.median.toFixed(4)}: ${(tK / k.count).toFixed(3)} s wall, ${(cK / k.count).toFixed(3)} s CPU per pair (${(k.iterations / k.count).toFixed(0)} CG iterations per pair); all ${pairs.hessian.first.length} pairs ≈ ${((cK / k.count) * pairs.hessian.first.length / 60).toFixed(1)} CPU min`);
  if (!scipyPresent) { console.log('  scipy: not present (/usr/bin/python3 -c "import scipy" fails): no peer'); return; }
  const mtx = join(dir, `${m.name}-${n}.mtx`);
  writeFileSync(mtx, writeMatrixMarketSymmetric(csrHessian(pairs.hessian), `GlassLab Hessian without rattler pairs, ${m.name}, N = ${n}`));
  const mask = new Uint8Array(n);
  if (pairs.space.excluded) mask.set(pairs.space.excluded);
  const args = [join(import.meta.dirname, 'elasticPeer.py'), mtx, String(m.dim), String(tolerance), raw(join(dir, 'mask.bin'), mask)];
  g.planes.forEach((p) => args.push(`xi:${raw(join(dir, `xi-${p.a}${p.b}.bin`), shearCoupling(pairs, p.a, p.b).xi)}`));
  const peerPairs = Math.min(5, chosen.length);
  for (let q = 0; q < peerPairs; q++) args.push(`dipole:${raw(join(dir, `d-${q}.bin`), unitDipole(pairs, chosen[q]))}`);
  const peer = JSON.parse(execFileSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 24 })) as { results: { kind: string; value: number; seconds: number; cpu: number; iterations: number; info: number }[] };
  const V = boxVolume(c.box);
  const xi = peer.results.filter((r) => r.kind === 'xi');
  const nonaffine = xi.reduce((s, r) => s + r.value / V, 0) / xi.length;
  const tPeerG = xi.reduce((s, r) => s + r.seconds, 0), cPeerG = xi.reduce((s, r) => s + r.cpu, 0);
  console.log(`  scipy cg  G = ${(g.born - nonaffine).toFixed(5)} (non-affine ${nonaffine.toFixed(5)}): ${tPeerG.toFixed(2)} s wall, ${cPeerG.toFixed(2)} s CPU for ${xi.length} planes (iterations ${xi.map((r) => r.iterations).join(', ')}; info ${xi.map((r) => r.info).join(', ')})`);
  const dip = peer.results.filter((r) => r.kind === 'dipole');
  const worst = Math.max(...dip.map((r, q) => Math.abs(r.value - k.kappa[q]) / k.kappa[q]));
  console.log(`  scipy cg  κ of the first ${dip.length} pairs: ${(dip.reduce((s, r) => s + r.seconds, 0) / dip.length).toFixed(3)} s wall, ${(dip.reduce((s, r) => s + r.cpu, 0) / dip.length).toFixed(3)} s CPU per pair (${(dip.reduce((s, r) => s + r.iterations, 0) / dip.length).toFixed(0)} iterations); largest relative difference from glasslab ${worst.toExponential(1)}`);
}

console.log(`bench:elastic — float64 CG to |r|/|b| = ${tolerance}, ${pairCount} dipole pairs timed; scipy ${scipyPresent ? 'present' : 'absent'}`);
for (const n of sizes) bench(model, n);
