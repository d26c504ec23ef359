// glasslab modes: the lowest normal modes of a state (translations removed), their participation ratios, optionally the
// modes as per-particle vector columns mode_1 … mode_K of an extended XYZ file (OVITO draws them as arrows). A thin adapter
// over the lab's modes job (src/engine/lab/modesJob.ts), which the Landscape panel runs too.
import { toConfigurationData } from '../../engine/lab/configurationData.ts';
import { DEFAULT_SPEC, type RunSpec } from '../../engine/runSpec.ts';
import { detectConfigurationFormat, writeConfigurationFile } from '../../io/format.ts';
import { integerOption, parseOptions, requireString, UsageError } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';
import { runJobHere } from '../labJob.ts';
import { throttledProgress } from '../progress.ts';

export const modesHelp = `glasslab modes --in state.xyz [--model M] [--count K] [--method auto|dense|lanczos] [--exclude-rattlers]
               [--out modes.xyz] [--json] [--quiet]
  The lowest K (default 10) eigenvalues of the Hessian, ascending, with the D translations removed, and each mode's
  participation ratio P = 1/(N Σ|e_i|⁴). Dense float64 up to 800 rows of H, thick-restart Lanczos above.
  Rattlers (fewer than D + 1 contacts, found iteratively) are counted; --exclude-rattlers leaves them out of the modes.
  --out writes the state with columns mode_1 … mode_K (unit eigenvectors, D components per particle).`;

export async function modesCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    in: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, count: { type: 'string' },
    method: { type: 'string' }, 'exclude-rattlers': { type: 'boolean' }, out: { type: 'string' }, json: { type: 'boolean' },
    quiet: { type: 'boolean' }, seed: { type: 'string' },
  });
  const path = requireString(v, 'in');
  const method = (v.method ?? 'auto') as 'auto' | 'dense' | 'lanczos';
  if (!['auto', 'dense', 'lanczos'].includes(method)) throw new UsageError(`--method must be auto, dense or lanczos, got "${String(v.method).slice(0, 40)}"`);
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
  const { result: modes } = await runJobHere('modes', job, 'cpu', 'modes', { quiet: Boolean(v.quiet) });
  const maxForce = modes.maxForce;
  if (maxForce > 1e-6) progress(`glasslab modes: max|f_i| = ${maxForce.toExponential(2)}: not a minimum, so these are instantaneous normal modes`, true);
  const participation = modes.participation;
  const out = v.out as string | undefined;
  if (out) {
    const columns: Record<string, Float64Array> = {};
    modes.vectors.forEach((e, k) => { columns[`mode_${k + 1}`] = e; });
    await writeConfigurationFile(out, c, { model: model.name, ...(loaded.temperature !== undefined ? { temperature: loaded.temperature } : {}), columns });
  }
  progress(`glasslab modes: ${modes.eigenvalues.length} modes by ${modes.method} in ${((Date.now() - t0) / 1000).toFixed(1)} s; λ_1 = ${modes.eigenvalues[0].toPrecision(6)}; ${modes.rattlers.count} rattlers${out ? `; wrote ${out}` : ''}`, true);
  if (!v.json) return undefined;
  return {
    model: model.name, n, dim: d, method: modes.method, eigenvalues: Array.from(modes.eigenvalues), participation,
    residuals: Array.from(modes.residuals), rattlers: modes.rattlers, maxForce,
    ...(modes.products !== undefined ? { products: modes.products, restarts: modes.restarts } : {}),
    seconds: (Date.now() - t0) / 1000, ...(out ? { out } : {}),
  };
}
