// npm run bench:modes — the lowest 10 normal modes of soft-sphere inherent structures (2D at N = 4096 and 64000, 3D at
// N = 32000) by GlassLab's float64 thick-restart Lanczos and by the same Lanczos with the products on WebGPU, next to scipy's eigsh on the same Hessian written as Matrix Market
// (which='SA', ARPACK on H itself, and shift-invert about σ = −1e-3), in one run. Printed, never asserted.
// Env: MODES_2D="4096,64000", MODES_3D="32000", MODES_K=10, MODES_BASIS (Lanczos basis size), MODES_DEGREE (Chebyshev
// filter degree, 0 = plain Lanczos), MODES_FTOL (IS tolerance), MODES_DENSE (N of the dense comparison, 0 = none),
// MODES_SA_MAX (rows above which eigsh which='SA' is skipped),
// MODES_SI_3D_MAX (3D rows above which shift-invert is skipped), MODES_CACHE (folder of cached inherent structures),
// MODES_GPU=0 (no GPU path), MODES_GPU_N (N at which the GPU path runs, or 'all'; default every N on a hardware adapter,
// N ≤ 4096 on SwiftShader, which emulates the GPU on the CPU and is slow). Wall and CPU seconds both: the machine may be shared.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMatrixMarketSymmetric } from '../src/io/matrixMarket.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS, type Model } from '../src/physics/models.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { periodicBox } from '../src/physics/space.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { csrHessian } from '../src/physics/hessian/assemble.ts';
import { denseModes, hessianProblem, modesOfProblem, modesWithProduct, type HessianProblem } from '../src/physics/analysis/modes/normalModes.ts';
import { acquireGpu, type GpuContext } from '../src/gpu/device.ts';
import { GpuHessianProduct } from '../src/gpu/hessianProduct.ts';
import { denseHessian } from '../src/physics/hessian/assemble.ts';
import { symmetricEigen } from '../src/physics/analysis/modes/symmetricEigen.ts';

const list = (s: string) => s.split(',').filter((x) => x !== '').map(Number);
const sizes2d = list(process.env.MODES_2D ?? '4096,64000');
const sizes3d = list(process.env.MODES_3D ?? '32000');
const k = Number(process.env.MODES_K ?? 10);
const basis = process.env.MODES_BASIS ? Number(process.env.MODES_BASIS) : undefined;
const ftol = Number(process.env.MODES_FTOL ?? 1e-8);
const denseN = Number(process.env.MODES_DENSE ?? 750);
/** eigsh which='SA' above this many rows takes tens of CPU minutes; shift-invert still runs. */
const saMax = Number(process.env.MODES_SA_MAX ?? 20000);
/** Shift-invert in 3D: the sparse LU fills in (24000 rows took 212 s), so it is skipped above this many rows. */
const si3dMax = Number(process.env.MODES_SI_3D_MAX ?? 30000);
const degree = process.env.MODES_DEGREE ? Number(process.env.MODES_DEGREE) : undefined;
const python = '/usr/bin/python3';
const scipyPresent = spawnSync(python, ['-c', 'import scipy'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'glasslab-modes-bench-'));
const seconds = (t0: number) => (performance.now() - t0) / 1000;
/** Inherent structures are kept here between runs (the N = 64000 one takes ~15 minutes of FIRE on a shared core). */
const cacheDir = process.env.MODES_CACHE ?? join(tmpdir(), 'glasslab-modes-bench-cache');

/** The FIRE inherent structure of a jittered lattice, from the cache when an earlier run made it (exact float64 round trip). */
function inherentStructure(model: Model, n: number, seed: number): { c: Configuration; note: string } {
  const file = join(cacheDir, `${model.name}-${n}-seed${seed}-ftol${ftol}.json`);
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    const c: Configuration = {
      box: periodicBox(j.dim, j.lengths),
      positions: Float64Array.from(j.positions), diameters: Float64Array.from(j.diameters), species: Uint8Array.from(j.species),
    };
    return { c, note: `IS from the cache ${file} (${j.note})` };
  }
  const t0 = performance.now();
  const is = quench(model, jitteredLattice(model, n, seed), { algorithm: 'fire', forceTolerance: ftol, maxSteps: 200000 });
  const note = `IS by FIRE in ${seconds(t0).toFixed(1)} s (${is.reason}, max|f| = ${is.maxForce.toExponential(1)})`;
  mkdirSync(cacheDir, { recursive: true });
  const c = is.final;
  writeFileSync(file, JSON.stringify({ note, dim: c.box.dim, lengths: Array.from(c.box.lengths), positions: Array.from(c.positions), diameters: Array.from(c.diameters), species: Array.from(c.species) }));
  return { c, note };
}

let gpu: GpuContext | null | undefined;
/** The WebGPU device for the GPU path (once), or null with the reason printed. */
async function benchGpu(): Promise<GpuContext | null> {
  if (gpu !== undefined) return gpu;
  try { gpu = await acquireGpu(); } catch (e) { console.log(`# GPU path: no device (${(e as Error).message.split('\n')[0]})`); gpu = null; }
  return gpu;
}

// The GPU path: the same Lanczos with the products on WebGPU (float32), then the float64 Rayleigh–Ritz step and residuals.
async function benchGpuPath(model: Model, is: Configuration, problem: HessianProblem, cpuSeconds: number, cpuValues: Float64Array): Promise<void> {
  const device = await benchGpu();
  if (!device) return;
  const software = /swiftshader/i.test(device.adapterName);
  if (!gpuSizes(is.diameters.length, software)) {
    console.log(`  GPU path (${device.adapterName}): skipped at this N${software ? ' on SwiftShader (MODES_GPU_N lists the N to run)' : ''}`);
    return;
  }
  const t0 = performance.now();
  const product = await GpuHessianProduct.forConfiguration(device, model, is, problem.rattlers.excluded ? problem.rattlers.mask : null);
  const tSetup = seconds(t0);
  const t1 = performance.now();
  try {
    const modes = await modesWithProduct(problem, async (v, out) => { await product.apply(v, out); }, { count: k, method: 'lanczos', basisSize: basis, filterDegree: degree });
    const t = seconds(t1);
    const gap = Math.max(...Array.from(modes.values, (v, i) => Math.abs(v - cpuValues[i]) / Math.max(1e-12, Math.abs(cpuValues[i]))));
    console.log(`  GPU path (${device.adapterName}${software ? ', a CPU emulation: slow' : ''}): ${t.toFixed(2)} s wall (+ ${tSetup.toFixed(2)} s GPU landscape and kernels), ${modes.products} products on the GPU, `
      + `max float64 residual ${Math.max(...modes.residuals).toExponential(1)}, max rel. difference from the CPU path ${gap.toExponential(1)}; ratio GPU/CPU wall ${(t / cpuSeconds).toFixed(2)}`);
  } finally {
    product.destroy();
  }
}

/** Whether the GPU path runs at this N: MODES_GPU_N (comma-separated N, or 'all'); by default every N on hardware, N ≤ 4096 on SwiftShader. */
function gpuSizes(n: number, software: boolean): boolean {
  const set = process.env.MODES_GPU_N;
  if (set === 'all') return true;
  if (set !== undefined) return list(set).includes(n);
  return !software || n <= 4096;
}

async function bench(model: Model, n: number): Promise<void> {
  const { c: is, note } = inherentStructure(model, n, 1);
  let t0 = performance.now();
  const problem = hessianProblem(createLandscape(model, is), is.positions, true); // rattlers left out
  const tBuild = seconds(t0);
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const modes = modesOfProblem(problem, { count: k, method: 'lanczos', basisSize: basis, filterDegree: degree });
  const tOurs = seconds(t0);
  const cpuOurs = process.cpuUsage(cpu0).user / 1e6;
  const worst = Math.max(...modes.residuals);
  console.log(`${model.name} N = ${n}: ${note}, ${problem.rattlers.count} rattlers (left out)`);
  console.log(`  glasslab lanczos (Chebyshev degree ${degree ?? 'auto'}): ${tOurs.toFixed(2)} s wall, ${cpuOurs.toFixed(2)} s CPU (+ ${tBuild.toFixed(2)} s pair blocks), ${modes.products} products, ${modes.restarts} restarts, max residual ${worst.toExponential(1)}`);
  console.log(`  λ_1..λ_${k} = ${Array.from(modes.values).map((x) => x.toPrecision(6)).join(' ')}`);
  if (process.env.MODES_GPU !== '0') await benchGpuPath(model, is, problem, tOurs, modes.values);
  if (!scipyPresent) { console.log('  scipy: /usr/bin/python3 has no scipy; skipped'); return; }
  const file = join(dir, `${model.name}-${n}.mtx`);
  writeFileSync(file, writeMatrixMarketSymmetric(csrHessian(problem.hessian), `GlassLab Hessian, ${model.name}, N = ${n}`));
  const rows = n * model.dim;
  // scipy sees the translations and, for each rattler (its pairs dropped), D more zeros: all are skipped there.
  const zeros = model.dim * (1 + problem.rattlers.count);
  const skipSi = model.dim === 3 && rows > si3dMax;
  const args = [join(import.meta.dirname, 'eigshPeer.py'), file, String(k), String(zeros), rows > saMax ? 'skip-sa' : 'sa', skipSi ? 'skip-si' : 'si'];
  const peer = JSON.parse(execFileSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 26 }));
  const gap = (vals: number[]) => Math.max(...vals.map((v, i) => Math.abs(v - modes.values[i]) / Math.max(1e-12, Math.abs(v))));
  if (peer.sa === undefined) console.log(`  scipy eigsh which='SA': skipped above ${saMax} rows (MODES_SA_MAX)`);
  else console.log(`  scipy eigsh which='SA': ${peer.saSeconds.toFixed(2)} s wall, ${peer.saCpu.toFixed(2)} s CPU (max rel. difference ${gap(peer.sa).toExponential(1)}); ratio glasslab/eigsh wall ${(tOurs / peer.saSeconds).toFixed(2)}, CPU ${(cpuOurs / peer.saCpu).toFixed(2)}`);
  if (peer.shiftInvert === undefined) console.log(`  scipy eigsh shift-invert: skipped in 3D above ${si3dMax} rows (MODES_SI_3D_MAX: the LU fills in)`);
  else console.log(`  scipy eigsh shift-invert σ = −1e-3: ${peer.shiftInvertSeconds.toFixed(2)} s wall, ${peer.shiftInvertCpu.toFixed(2)} s CPU (max rel. difference ${gap(peer.shiftInvert).toExponential(1)}); ratio wall ${(tOurs / peer.shiftInvertSeconds).toFixed(2)}, CPU ${(cpuOurs / peer.shiftInvertCpu).toFixed(2)}`);
}

// Dense: our Householder + QL (all eigenpairs) against LAPACK through numpy on the same matrix.
function benchDense(model: Model, n: number): void {
  const is = quench(model, jitteredLattice(model, n, 2), { algorithm: 'fire', forceTolerance: ftol }).final;
  const problem = hessianProblem(createLandscape(model, is), is.positions);
  const H = denseHessian(problem.hessian);
  const rows = n * model.dim;
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  const eig = symmetricEigen(H, rows, true);
  const tOurs = seconds(t0), cpuOurs = process.cpuUsage(cpu0).user / 1e6;
  const lowest = denseModes(problem, false).values;
  console.log(`dense ${model.name} N = ${n} (${rows} rows, all eigenpairs): glasslab Householder + QL ${tOurs.toFixed(2)} s wall, ${cpuOurs.toFixed(2)} s CPU; λ_3 = ${eig.values[2].toPrecision(8)} (mode space λ_1 = ${lowest[0].toPrecision(8)})`);
  if (!scipyPresent) return;
  const file = join(dir, `dense-${n}.mtx`);
  writeFileSync(file, writeMatrixMarketSymmetric(csrHessian(problem.hessian)));
  const peer = JSON.parse(execFileSync(python, [join(import.meta.dirname, 'denseEighPeer.py'), file], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const diff = Math.max(...peer.values.map((v: number, i: number) => Math.abs(v - eig.values[i]))) / Math.abs(eig.values[rows - 1]);
  console.log(`  numpy eigh (LAPACK): ${peer.seconds.toFixed(2)} s wall, ${peer.cpu.toFixed(2)} s CPU (max difference ${diff.toExponential(1)} of λ_max); ratio glasslab/LAPACK CPU ${(cpuOurs / peer.cpu).toFixed(1)}`);
}

console.log(`# lowest ${k} modes, float64 CPU, translations removed; scipy ${scipyPresent ? 'present' : 'absent'} (${python})`);
if (denseN > 0) benchDense(MODELS.soft2d, denseN);
for (const n of sizes2d) await bench(MODELS.soft2d, n);
for (const n of sizes3d) await bench(MODELS.soft3d, n);
gpu?.destroy();
process.exit(0); // a Dawn device may hold Node open
