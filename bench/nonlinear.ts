// npm run bench:nonlinear — the quartic and cubic modes π4, π3 of soft-sphere inherent structures in 3D (N = 2000 and 8000
// by default) on the float64 engine (src/physics/nonlinear: CG on the sphere), next to two scipy peers on the same data in
// the same run: scipy.optimize.minimize(method='CG') on E4 and E3 with numpy contractions of the same pairs from the same ψ
// (bench/nqePeer.py), and scipy.sparse.linalg.cg solving H x = b on the same Hessian (the cost of a linear CG on H).
// The GPU path beside it where WebGPU is present (NQE_GPU=0 skips it): ψ by Lanczos on the GPU Hessian product, π4 and π3 by the
// float64 CG with the GPU contractions (src/gpu/nonlinearContractions.ts; tolerance no finer than FLOAT32_STATIONARITY_TOLERANCE),
// and G in the (0, 1) plane on both paths (CG on float64 products; CG on GPU products with float64 refinement). Without a real
// GPU, Node's WebGPU is Dawn on SwiftShader (a CPU rasterizer): its times are those of a software GPU, not of a GPU.
// Printed, never asserted. Env: NQE_SIZES="2000,8000", NQE_MODEL=soft3d, NQE_TOL (default 1e-8). Wall and CPU seconds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchJson } from './benchJson.ts';
import { writeMatrixMarketSymmetric } from '../src/io/matrixMarket.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { csrHessian } from '../src/physics/hessian/assemble.ts';
import { pairHessian } from '../src/physics/hessian/pairHessian.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { getModel } from '../src/physics/models.ts';
import { FLOAT32_STATIONARITY_TOLERANCE, harmonicStart, harmonicStartOf, minimizeNonlinearMode, startNonlinearModeWith, type NonlinearModeResult } from '../src/physics/nonlinear/nonlinearModes.ts';
import { elasticPairs, shearModulusInPlane, shearModulusInPlaneWith, solveOnModeSpaceRefined } from '../src/physics/elastic/index.ts';
import { boxVolume } from '../src/physics/space.ts';
import { hessianProblem, modesWithProduct } from '../src/physics/analysis/modes/normalModes.ts';
import { acquireGpu, webgpuAvailable, type GpuContext } from '../src/gpu/device.ts';
import { GpuHessianProduct } from '../src/gpu/hessianProduct.ts';
import { GpuNonlinearContractions, gpuContractionSweeps } from '../src/gpu/nonlinearContractions.ts';

const sizes = (process.env.NQE_SIZES ?? '2000,8000').split(',').filter((s) => s).map(Number);
const model = getModel(process.env.NQE_MODEL ?? 'soft3d');
const tolerance = Number(process.env.NQE_TOL ?? 1e-8);
const python = '/usr/bin/python3';
const scipyPresent = spawnSync(python, ['-c', 'import scipy'], { stdio: 'ignore' }).status === 0;

function timed<T>(body: () => T): { wall: number; cpu: number; result: T } {
  const t0 = performance.now(), c0 = process.cpuUsage();
  const result = body();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, result };
}

async function timedAsync<T>(body: () => Promise<T>): Promise<{ wall: number; cpu: number; result: T }> {
  const t0 = performance.now(), c0 = process.cpuUsage();
  const result = await body();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, result };
}

const gpu: GpuContext | null = process.env.NQE_GPU !== '0' && (await webgpuAvailable()) ? await acquireGpu() : null;
if (gpu) console.log(`# GPU path on ${gpu.adapterName}${/swiftshader/i.test(gpu.adapterName) ? ' (SwiftShader: a software rasterizer on the CPU, not a GPU)' : ''}`);

const dot = (a: Float64Array, b: Float64Array) => { let s = 0; for (let k = 0; k < a.length; k++) s += a[k] * b[k]; return s; };
const rows: Record<string, unknown>[] = [];
console.log(`# GlassLab π4 and π3 (003 App. B), ${model.label}, float64 CPU; residual tolerance ${tolerance}${scipyPresent ? '' : ' (no scipy at /usr/bin/python3: peers skipped)'}`);
for (const n of sizes) {
  const is = timed(() => quench(model, jitteredLattice(model, n, 1), { algorithm: 'fire', forceTolerance: 1e-10, maxSteps: 200000 }).final);
  const land = createLandscape(model, is.result);
  const x = is.result.positions;
  const h = timed(() => harmonicStart(land, x));
  const start = h.result;
  const q = timed(() => minimizeNonlinearMode(start.pe, start.space, 'quartic', start.harmonic.field, { tolerance }));
  const c = timed(() => minimizeNonlinearMode(start.pe, start.space, 'cubic', q.result.field, { tolerance }));
  const line = (label: string, t: { wall: number; cpu: number }, note: string) => console.log(`N = ${String(n).padEnd(6)} ${label.padEnd(34)} ${t.wall.toFixed(2).padStart(8)} s wall ${t.cpu.toFixed(2).padStart(8)} s CPU  ${note}`);
  line('quench (FIRE, |f| < 1e-10)', is, '');
  line('ψ (Hessian + lowest mode)', h, `λ = ${start.harmonic.lambda.toPrecision(5)}, ${start.pe.first.length} pairs`);
  line('π4 = argmin κ²/χ from ψ', q, `${q.result.iterations} steps, residual ${q.result.residual.toExponential(1)}, κ4 = ${q.result.kappa.toPrecision(5)}, E4 = ${q.result.cost.toPrecision(5)}, N e4 = ${(n * q.result.participation).toPrecision(3)}`);
  line('π3 = argmin κ³/τ² from π4', c, `${c.result.iterations} steps, residual ${c.result.residual.toExponential(1)}, κ3 = ${c.result.kappa.toPrecision(5)}, E3 = ${c.result.cost.toPrecision(5)}, |π3·π4| = ${Math.abs(dot(c.result.field, q.result.field)).toFixed(4)}`);
  const summary = (t: { wall: number; cpu: number; result: NonlinearModeResult }) => ({ wall: t.wall, cpu: t.cpu, iterations: t.result.iterations, residual: t.result.residual, kappa: t.result.kappa, cost: t.result.cost });
  const row: Record<string, unknown> = { n, quench: is.wall, psi: h.wall, pi4: summary(q), pi3: summary(c) };
  const pairs = elasticPairs(land, x);
  const g = timed(() => shearModulusInPlane(pairs, boxVolume(is.result.box), 0, 1));
  line('G in plane (0, 1), CG float64', g, `${g.result.iterations} iterations, G = ${g.result.shearModulus.toPrecision(8)}`);
  row.shear = { wall: g.wall, cpu: g.cpu, iterations: g.result.iterations, shearModulus: g.result.shearModulus };
  if (gpu) {
    const gpuTol = Math.max(tolerance, FLOAT32_STATIONARITY_TOLERANCE);
    const problem = hessianProblem(land, x);
    const product = await GpuHessianProduct.forConfiguration(gpu, model, is.result);
    const gh = await timedAsync(async () => harmonicStartOf(land, x, problem, await modesWithProduct(problem, async (v, out) => { await product.apply(v, out); }, { count: 1 })));
    line('GPU ψ (Lanczos on GPU H v)', gh, `λ = ${gh.result.harmonic.lambda.toPrecision(5)}, ${product.products} products`);
    const contractions = await GpuNonlinearContractions.forConfiguration(gpu, model, is.result);
    const sweeps = gpuContractionSweeps(contractions);
    const minimizeOnGpu = async (order: 'quartic' | 'cubic', from: Float64Array) => {
      const run = await startNonlinearModeWith(sweeps, gh.result.pe, gh.result.space, order, from, { tolerance: gpuTol });
      while (!(await run.advance(100)));
      return run.result();
    };
    const sweeps0 = contractions.sweeps;
    const gq = await timedAsync(() => minimizeOnGpu('quartic', gh.result.harmonic.field));
    line('GPU π4 (float64 CG, GPU sweeps)', gq, `${gq.result.iterations} steps, float64 residual ${gq.result.residual.toExponential(1)} (tolerance ${gpuTol}), κ4 = ${gq.result.kappa.toPrecision(5)}, |π4·π4(CPU)| = ${Math.abs(dot(gq.result.field, q.result.field)).toFixed(6)}`);
    const gc = await timedAsync(() => minimizeOnGpu('cubic', gq.result.field));
    line('GPU π3 (float64 CG, GPU sweeps)', gc, `${gc.result.iterations} steps, float64 residual ${gc.result.residual.toExponential(1)}, κ3 = ${gc.result.kappa.toPrecision(5)}, |π3·π3(CPU)| = ${Math.abs(dot(gc.result.field, c.result.field)).toFixed(6)}; ${contractions.sweeps - sweeps0} sweeps`);
    const gg = await timedAsync(() => shearModulusInPlaneWith((rhs) => solveOnModeSpaceRefined(async (v, out) => { await product.apply(v, out); }, pairs.operator, pairs.space, rhs, { preconditioner: pairs.preconditioner }), pairs, boxVolume(is.result.box), 0, 1));
    line('GPU G in plane (0, 1), refined CG', gg, `${gg.result.iterations} iterations on GPU H v, G = ${gg.result.shearModulus.toPrecision(8)}`);
    row.gpu = { adapter: gpu.adapterName, psi: gh.wall, pi4: summary(gq), pi3: summary(gc), shear: { wall: gg.wall, cpu: gg.cpu, iterations: gg.result.iterations, shearModulus: gg.result.shearModulus } };
    contractions.destroy();
    product.destroy();
  }
  if (scipyPresent) {
    const dir = mkdtempSync(join(tmpdir(), 'glasslab-nqe-bench-'));
    const pe = start.pe;
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ n, dim: model.dim, tolerance }));
    writeFileSync(join(dir, 'first.bin'), Buffer.from(pe.first.buffer));
    writeFileSync(join(dir, 'second.bin'), Buffer.from(pe.second.buffer));
    writeFileSync(join(dir, 'sep.bin'), Buffer.from(pe.separations.buffer));
    writeFileSync(join(dir, 'coef.bin'), Buffer.from(pe.coefficients.buffer));
    writeFileSync(join(dir, 'psi.bin'), Buffer.from(start.harmonic.field.slice().buffer));
    writeFileSync(join(dir, 'H.mtx'), writeMatrixMarketSymmetric(csrHessian(pairHessian(land, x))));
    const r = spawnSync(python, [join(import.meta.dirname, 'nqePeer.py'), dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) console.log(`N = ${n} scipy peer failed: ${r.signal ? `killed by ${r.signal}` : r.stderr.trim().split('\n').pop()}`);
    else {
      const p = JSON.parse(r.stdout) as Record<string, { kappa: number; residual: number; iterations: number; evaluations: number; seconds: number; cpu: number; steps?: number }>;
      const peerField = (order: string) => new Float64Array(readFileSync(join(dir, `${order}_peer.bin`)).buffer.slice(0));
      const o4 = Math.abs(dot(peerField('quartic'), q.result.field)), o3 = Math.abs(dot(peerField('cubic'), c.result.field));
      for (const [label, m, overlap] of [['scipy CG on E4 (peer)', p.quartic, o4], ['scipy CG on E3 (peer)', p.cubic, o3]] as const) {
        line(label, { wall: m.seconds, cpu: m.cpu }, `${m.iterations} steps (${m.evaluations} evaluations), residual ${m.residual.toExponential(1)}, κ = ${m.kappa.toPrecision(5)}, overlap with ours ${overlap.toFixed(4)}`);
      }
      const s = p.sparseCg;
      line('scipy sparse CG, H x = b (peer)', { wall: s.seconds, cpu: s.cpu }, `${s.steps} steps to 1e-8 on the same Hessian`);
      row.peer = { ...p, overlapQuartic: o4, overlapCubic: o3 };
    }
  }
  rows.push(row);
}
const path = writeBenchJson('nonlinear', { model: model.name, tolerance, rows });
if (path) console.log(`# JSON: ${path}`);
gpu?.destroy();
