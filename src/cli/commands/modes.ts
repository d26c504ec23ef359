// glasslab modes: the lowest normal modes of a state (translations removed), their participation ratios, optionally the
// modes as per-particle vector columns mode_1 … mode_K of an extended XYZ file (OVITO draws them as arrows).
import { detectConfigurationFormat, writeConfigurationFile } from '../../io/format.ts';
import { createLandscape } from '../../physics/forces.ts';
import { landscapeForces, maxParticleForce } from '../../physics/descent/state.ts';
import { DEFAULT_DENSE_LIMIT, hessianProblem, modesOfProblem, modesWithProduct, type HessianProblem, type ModeMethod, type Modes, type ModeOptions } from '../../physics/analysis/modes/normalModes.ts';
import { participationRatio } from '../../physics/analysis/modes/participation.ts';
import type { Configuration } from '../../physics/configuration.ts';
import type { Model } from '../../physics/models.ts';
import { acquireWithin } from '../../engine/lab/engines.ts';
import { GpuHessianProduct } from '../../gpu/hessianProduct.ts';
import { gpuUnsupported } from '../../gpu/wgslModels.ts';
import { engineOption, integerOption, parseOptions, requireString, UsageError } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';
import { throttledProgress } from '../progress.ts';

export const modesHelp = `glasslab modes --in state.xyz [--model M] [--count K] [--method auto|dense|lanczos] [--exclude-rattlers]
               [--engine cpu|gpu|auto] [--out modes.xyz] [--json] [--quiet]
  The lowest K (default 10) eigenvalues of the Hessian, ascending, with the D translations removed, and each mode's
  participation ratio P = 1/(N Σ|e_i|⁴). Dense float64 up to 800 rows of H, thick-restart Lanczos above.
  Rattlers (fewer than D + 1 contacts, found iteratively) are counted; --exclude-rattlers leaves them out of the modes.
  --out writes the state with columns mode_1 … mode_K (unit eigenvectors, D components per particle).
  --engine gpu: Lanczos (whatever N) with the products H v on WebGPU (float32; basis and reorthogonalization float64 on the CPU), then one
  float64 Rayleigh–Ritz step; the residuals |Hv − λv| are always measured with the float64 Hessian. Without an adapter, or
  for a model the GPU engine cannot run, one line on stderr says so and the float64 engine runs; the JSON names the engine.
  --engine auto: the GPU where the method is Lanczos anyway (above 800 rows, or --method lanczos).`;

export async function modesCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    in: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, count: { type: 'string' },
    method: { type: 'string' }, 'exclude-rattlers': { type: 'boolean' }, out: { type: 'string' }, json: { type: 'boolean' },
    quiet: { type: 'boolean' }, seed: { type: 'string' }, engine: { type: 'string' },
  });
  const engine = engineOption(v);
  const path = requireString(v, 'in');
  const method = (v.method ?? 'auto') as ModeMethod | 'auto';
  if (!['auto', 'dense', 'lanczos'].includes(method)) throw new UsageError(`--method must be auto, dense or lanczos, got "${String(v.method).slice(0, 40)}"`);
  if (engine === 'gpu' && method === 'dense') throw new UsageError('--method dense runs on the CPU only: --engine gpu does the Lanczos products');
  const count = integerOption(v, 'count', 10, 1);
  const outPath = v.out as string | undefined;
  if (outPath && detectConfigurationFormat(outPath) !== 'xyz') throw new UsageError(`--out must be an extended XYZ file (.xyz or .extxyz) to hold the mode columns, got "${outPath.slice(0, 40)}"`);
  const loaded = await loadConfiguration(path, v.format as string | undefined);
  const model = resolveModel(v.model as string | undefined, loaded, path);
  const c = loaded.configuration;
  const n = c.diameters.length, d = model.dim;
  if (count > d * (n - 1)) throw new UsageError(`--count ${count} is more than the ${d * (n - 1)} modes of ${n} particles in ${d}D`);
  const progress = throttledProgress(Boolean(v.quiet));
  const t0 = Date.now();
  const land = createLandscape(model, c);
  const f = new Float64Array(c.positions.length);
  landscapeForces(land)(c.positions, f);
  const maxForce = maxParticleForce(f, d);
  if (maxForce > 1e-6) progress(`glasslab modes: max|f_i| = ${maxForce.toExponential(2)}: not a minimum, so these are instantaneous normal modes`, true);
  const problem = hessianProblem(land, c.positions, Boolean(v['exclude-rattlers']));
  const options: ModeOptions = { count, method, seed: integerOption(v, 'seed', 1, 0) };
  // gpu: Lanczos with GPU products whatever N; auto: the GPU where the method is Lanczos anyway (dense is CPU only).
  const gpuMay = engine === 'gpu' || (engine === 'auto' && (method === 'lanczos' || (method === 'auto' && n * d > DEFAULT_DENSE_LIMIT)));
  const onGpu = gpuMay ? await modesOnGpu(model, c, problem, options) : null;
  const ran = onGpu && 'modes' in onGpu ? onGpu : null;
  if (onGpu && 'note' in onGpu) progress(onGpu.note, true);
  const modes = ran?.modes ?? modesOfProblem(problem, options);
  const engineFields = ran ? { engine: 'gpu', adapter: ran.adapter } : { engine: 'cpu', ...(onGpu && 'note' in onGpu ? { engineNotes: [onGpu.note] } : {}) };
  const participation = modes.vectors.map((e) => participationRatio(e, d));
  const out = v.out as string | undefined;
  if (out) {
    const columns: Record<string, Float64Array> = {};
    modes.vectors.forEach((e, k) => { columns[`mode_${k + 1}`] = e; });
    await writeConfigurationFile(out, c, { model: model.name, ...(loaded.temperature !== undefined ? { temperature: loaded.temperature } : {}), columns });
  }
  progress(`glasslab modes: ${modes.values.length} modes by ${modes.method}${ran ? ` (products on the GPU, ${ran.adapter})` : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s; λ_1 = ${modes.values[0].toPrecision(6)}; ${modes.rattlers.count} rattlers${out ? `; wrote ${out}` : ''}`, true);
  if (!v.json) return undefined;
  return {
    model: model.name, n, dim: d, method: modes.method, ...engineFields, eigenvalues: Array.from(modes.values), participation,
    residuals: Array.from(modes.residuals), residualsFrom: 'float64 CPU Hessian', rattlers: modes.rattlers, maxForce,
    ...(modes.products !== undefined ? { products: modes.products, restarts: modes.restarts } : {}),
    seconds: (Date.now() - t0) / 1000, ...(out ? { out } : {}),
  };
}

/**
 * The lab's engine policy (src/engine/lab/engines.ts) for modes: the GPU does the Lanczos products when an adapter answers and
 * the model runs there; otherwise a one-line note says why and the caller runs the float64 engine.
 */
async function modesOnGpu(model: Model, c: Configuration, problem: HessianProblem, options: ModeOptions): Promise<{ modes: Modes; adapter: string } | { note: string }> {
  const fallBack = (why: string) => ({ note: `glasslab modes: ${why.split('\n')[0]}; the float64 engine runs instead` });
  const refusal = gpuUnsupported(model);
  if (refusal) return fallBack(refusal);
  let gpu;
  try {
    gpu = await acquireWithin(30_000, process.env.GLASSLAB_GPU_FAILURE);
  } catch (e) {
    return fallBack(e instanceof Error ? e.message : String(e));
  }
  try {
    let product: GpuHessianProduct;
    try {
      product = await GpuHessianProduct.forConfiguration(gpu, model, c, problem.rattlers.excluded ? problem.rattlers.mask : null);
    } catch (e) {
      return fallBack(e instanceof Error ? e.message : String(e));
    }
    try {
      const modes = await modesWithProduct(problem, async (v, out) => { await product.apply(v, out); }, options);
      return { modes, adapter: gpu.adapterName };
    } finally {
      product.destroy();
    }
  } finally {
    gpu.destroy();
  }
}
