// glasslab modes: the lowest normal modes of a state (translations removed), their participation ratios, optionally the
// modes as per-particle vector columns mode_1 … mode_K of an extended XYZ file (OVITO draws them as arrows). A thin adapter
// over the lab's modes job (src/engine/lab/modesJob.ts), which the Landscape panel runs too.
import { toConfigurationData } from '../../engine/lab/configurationData.ts';
import { DEFAULT_SPEC, type RunSpec } from '../../engine/runSpec.ts';
import { detectConfigurationFormat, writeConfigurationFile } from '../../io/format.ts';
import { DEFAULT_DENSE_LIMIT } from '../../physics/analysis/modes/normalModes.ts';
import { engineOption, integerOption, parseOptions, requireString, UsageError } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';
import { engineFields, runJobHere } from '../labJob.ts';
import { throttledProgress } from '../progress.ts';
import { harmonicPredictionCommand, harmonicPredictionHelp } from './harmonicPrediction.ts';

export const modesHelp = `glasslab modes --in state.xyz [--model M] [--count K] [--method auto|dense|lanczos] [--exclude-rattlers]
               [--engine cpu|gpu|auto] [--out modes.xyz] [--json] [--quiet]
  The lowest K (default 10) eigenvalues of the Hessian, ascending, with the D translations removed, and each mode's
  participation ratio P = 1/(N Σ|e_i|⁴). Dense float64 up to 800 rows of H, thick-restart Lanczos above.
  Rattlers (fewer than D + 1 contacts, found iteratively) are counted; --exclude-rattlers leaves them out of the modes.
  --out writes the state with columns mode_1 … mode_K (unit eigenvectors, D components per particle).
  --engine gpu: Lanczos (whatever N) with the products H v on WebGPU (float32; basis and reorthogonalization float64 on the CPU), then one
  float64 Rayleigh–Ritz step; the residuals |Hv − λv| are always measured with the float64 Hessian. Without an adapter, or
  for a model the GPU engine cannot run, one line on stderr says so and the float64 engine runs; the JSON names the engine.
  --engine auto: the GPU where the method is Lanczos anyway (above 800 rows, or --method lanczos).
${harmonicPredictionHelp}`;

export async function modesCommand(argv: string[]): Promise<unknown> {
  if (argv.includes('--harmonic-prediction')) return harmonicPredictionCommand(argv);
  const v = parseOptions(argv, {
    in: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, count: { type: 'string' },
    method: { type: 'string' }, 'exclude-rattlers': { type: 'boolean' }, out: { type: 'string' }, json: { type: 'boolean' },
    quiet: { type: 'boolean' }, seed: { type: 'string' }, engine: { type: 'string' },
  });
  const engine = engineOption(v);
  const path = requireString(v, 'in');
  const method = (v.method ?? 'auto') as 'auto' | 'dense' | 'lanczos';
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
  // The spec of a given configuration: model and N from the file; nothing is equilibrated or quenched.
  const spec: RunSpec = { ...DEFAULT_SPEC, model: model.name, n, temperature: loaded.temperature ?? Infinity, sweeps: 0 };
  const job = {
    kind: 'modes' as const, spec, start: toConfigurationData(c), count, method, excludeRattlers: Boolean(v['exclude-rattlers']),
    seed: integerOption(v, 'seed', 1, 0), density: false,
  };
  // gpu: Lanczos with the products on the GPU whatever N; auto: the GPU where the method is Lanczos anyway (dense is CPU only).
  const lanczos = method === 'lanczos' || (method === 'auto' && n * d > DEFAULT_DENSE_LIMIT);
  const jobEngine = engine === 'gpu' || (engine === 'auto' && lanczos) ? engine : 'cpu';
  const ran = await runJobHere('modes', { ...job, ...(jobEngine !== 'cpu' ? { method: 'lanczos' as const } : {}) }, jobEngine, 'modes', { quiet: Boolean(v.quiet) });
  const modes = ran.result;
  const maxForce = modes.maxForce;
  if (maxForce > 1e-6) progress(`glasslab modes: max|f_i| = ${maxForce.toExponential(2)}: not a minimum, so these are instantaneous normal modes`, true);
  const participation = modes.participation;
  const out = v.out as string | undefined;
  if (out) {
    const columns: Record<string, Float64Array> = {};
    modes.vectors.forEach((e, k) => { columns[`mode_${k + 1}`] = e; });
    await writeConfigurationFile(out, c, { model: model.name, ...(loaded.temperature !== undefined ? { temperature: loaded.temperature } : {}), columns });
  }
  progress(`glasslab modes: ${modes.eigenvalues.length} modes by ${modes.method}${ran.engine === 'gpu' ? ` (products on the GPU, ${ran.adapter ?? 'WebGPU'})` : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s; λ_1 = ${modes.eigenvalues[0].toPrecision(6)}; ${modes.rattlers.count} rattlers${out ? `; wrote ${out}` : ''}`, true);
  if (!v.json) return undefined;
  return {
    model: model.name, n, dim: d, method: modes.method, ...engineFields(ran), eigenvalues: Array.from(modes.eigenvalues), participation,
    residuals: Array.from(modes.residuals), residualsFrom: 'float64 CPU Hessian', rattlers: modes.rattlers, maxForce,
    ...(modes.products !== undefined ? { products: modes.products, restarts: modes.restarts } : {}),
    seconds: (Date.now() - t0) / 1000, ...(out ? { out } : {}),
  };
}
