// glasslab nonlinear: the lowest harmonic mode ψ of an inherent structure and its quartic and cubic nonlinear modes π4, π3
// (003 App. B) — the lab's nonlinear job (src/engine/lab/nonlinearJob.ts) run here; optionally the three fields as vector
// columns psi, pi4, pi3 of an extended XYZ file (OVITO and ASE read them).
import { toConfigurationData } from '../../engine/lab/configurationData.ts';
import { NONLINEAR_DEFAULTS } from '../../engine/lab/nonlinearJob.ts';
import { DEFAULT_SPEC, type RunSpec } from '../../engine/runSpec.ts';
import { detectConfigurationFormat, writeConfigurationFile } from '../../io/format.ts';
import { nonlinearColumns } from '../../io/exports/softSpotsExport.ts';
import { particleCount } from '../../physics/configuration.ts';
import { getModel } from '../../physics/models.ts';
import { nonlinearStatistics } from '../../physics/nonlinear/statistics.ts';
import type { NonlinearSampleRow } from '../../engine/lab/protocol.ts';
import { integerOption, numberOption, parseOptions, requireString, UsageError } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';
import { runJobHere } from '../labJob.ts';
import { throttledProgress } from '../progress.ts';

export const nonlinearHelp = `glasslab nonlinear --in is.xyz [--model M] [--out nqe.xyz] [--exclude-rattlers] [--shear-starts] [--tolerance R]
                   [--max-iterations K] [--max-force F] [--json] [--quiet]
  For an inherent structure (max|f_i| ≤ F, default ${NONLINEAR_DEFAULTS.maxForce}; else quench it first): the lowest harmonic mode ψ,
  the quartic mode π4 = argmin κ²/χ started from ψ and the cubic mode π3 = argmin κ³/τ² started from π4 (003 App. B),
  by conjugate gradients on the unit sphere with translations (and, with --exclude-rattlers, rattlers) projected out.
  Each minimization stops when |M·z − c U|/|M·z| (003 Eq. 8 or 26) is below R (default ${NONLINEAR_DEFAULTS.tolerance}) or after K steps
  (default ${NONLINEAR_DEFAULTS.maxIterations}). Prints κ, τ, χ, e = (Σ|z_i|²)²/(N Σ|z_i|⁴) of each field and the overlaps |π4·ψ|, |π3·π4|.
  --shear-starts also starts π3 from the non-affine velocities H⁻¹Ξ of simple and pure shear in every plane and keeps
  the cubic mode of lowest κ (003 App. B); the JSON's cubic.start names the start that won.
  --out writes the state with vector columns psi, pi4, pi3 (unit fields, oriented so that τ ≤ 0).
  --in a.xyz,b.xyz,… (comma-separated inherent structures) runs each and prints their rows and statistics as the study does.
glasslab nonlinear --samples M --model M --n N --temperature Tp [--sweeps S] [--seed K] [--shear-starts] [--json] [--quiet]
  The nonlinear-statistics study (003 §V): M inherent structures (swap MC at Tp for S sweeps, default ${DEFAULT_SPEC.sweeps}, then FIRE to
  max|f_i| < 1e-10), each with ψ, π4, π3; prints per-sample rows and the distribution of κ3/κ4, the fraction of cubic modes
  breaking τ3² ≤ 3κ3χ3 (003 Eq. 32), and the fit log χ4 = a + b log(N e4).`;

export async function nonlinearCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    in: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
    'exclude-rattlers': { type: 'boolean' }, tolerance: { type: 'string' }, 'max-iterations': { type: 'string' },
    'max-force': { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' }, 'shear-starts': { type: 'boolean' },
    samples: { type: 'string' }, n: { type: 'string' }, temperature: { type: 'string' }, sweeps: { type: 'string' }, seed: { type: 'string' },
  });
  if (v.samples !== undefined) return statisticsCommand(v);
  for (const study of ['n', 'temperature', 'sweeps', 'seed'] as const) {
    if (v[study] !== undefined) throw new UsageError(`--${study} belongs to the study (--samples M); a single state is read with --in`);
  }
  const path = requireString(v, 'in');
  if (path.includes(',')) return filesCommand(v, path.split(',').filter((f) => f !== ''));
  const tolerance = numberOption(v, 'tolerance', NONLINEAR_DEFAULTS.tolerance);
  if (!(tolerance > 0 && tolerance < 1)) throw new UsageError(`--tolerance must be in (0, 1), got ${tolerance}`);
  const maxIterations = integerOption(v, 'max-iterations', NONLINEAR_DEFAULTS.maxIterations, 1);
  const maxForce = numberOption(v, 'max-force', NONLINEAR_DEFAULTS.maxForce);
  if (!(maxForce > 0)) throw new UsageError(`--max-force must be positive, got ${maxForce}`);
  const out = v.out as string | undefined;
  if (out && detectConfigurationFormat(out) !== 'xyz') throw new UsageError(`--out must be an extended XYZ file (.xyz or .extxyz) to hold the psi, pi4 and pi3 columns, got "${out.slice(0, 40)}"`);
  const loaded = await loadConfiguration(path, v.format as string | undefined, { sheared: true });
  const model = resolveModel(v.model as string | undefined, loaded, path);
  const c = loaded.configuration;
  const n = particleCount(c);
  const spec: RunSpec = { ...DEFAULT_SPEC, model: model.name, n, temperature: loaded.temperature ?? Infinity, sweeps: 0 };
  const job = {
    kind: 'nonlinear' as const, spec, start: toConfigurationData(c), excludeRattlers: Boolean(v['exclude-rattlers']),
    tolerance, maxIterations, maxForce, shearStarts: Boolean(v['shear-starts']),
  };
  const quiet = Boolean(v.quiet);
  const o = await runJobHere('nonlinear', job, 'cpu', 'nonlinear', { quiet });
  const r = o.result;
  if (out) {
    await writeConfigurationFile(out, c, {
      model: model.name, ...(loaded.temperature !== undefined ? { temperature: loaded.temperature } : {}),
      columns: nonlinearColumns(r.fields),
    });
  }
  const progress = throttledProgress(quiet);
  for (const [name, m] of [['π4', r.quartic], ['π3', r.cubic]] as const) {
    if (!m.converged) progress(`glasslab nonlinear: ${name} stopped after ${m.iterations} steps with residual ${m.residual.toExponential(2)} > ${tolerance}`, true);
  }
  progress(`glasslab nonlinear: λ = ${r.harmonic.lambda.toPrecision(4)}, κ4 = ${r.quartic.kappa.toPrecision(4)}, κ3 = ${r.cubic.kappa.toPrecision(4)} in ${r.seconds.toFixed(1)} s${out ? `; wrote ${out}` : ''}`, true);
  if (!v.json) return undefined;
  // 003 names the participation of π4 and π3 e (Eq. 14); ψ's is the participation ratio of 002 Eq. (11), the same formula.
  const withE = <M extends { participation: number }>({ participation, ...m }: M) => ({ ...m, e: participation });
  return {
    model: model.name, n, dim: model.dim, engine: o.engine,
    harmonic: r.harmonic, quartic: withE(r.quartic), cubic: withE(r.cubic),
    maxForce: r.maxForce, rattlers: r.rattlers, pairs: r.pairs, tolerance: r.tolerance, seconds: r.seconds, ...(out ? { out } : {}),
  };
}

type Values = Record<string, string | boolean | undefined>;

/** glasslab nonlinear --samples: the lab's nonlinearStatistics job. */
async function statisticsCommand(v: Values): Promise<unknown> {
  if (v.in !== undefined || v.out !== undefined) throw new UsageError('--samples runs the study on new inherent structures: leave out --in and --out');
  const model = getModel(requireString(v, 'model'));
  const spec: RunSpec = {
    ...DEFAULT_SPEC, model: model.name, n: integerOption(v, 'n', undefined, 2), temperature: numberOption(v, 'temperature', undefined, true),
    seed: integerOption(v, 'seed', DEFAULT_SPEC.seed, 0), sweeps: integerOption(v, 'sweeps', DEFAULT_SPEC.sweeps, 0),
  };
  const samples = integerOption(v, 'samples', undefined, 1);
  const tolerance = numberOption(v, 'tolerance', NONLINEAR_DEFAULTS.tolerance);
  if (!(tolerance > 0 && tolerance < 1)) throw new UsageError(`--tolerance must be in (0, 1), got ${tolerance}`);
  const job = {
    kind: 'nonlinearStatistics' as const, spec, samples, excludeRattlers: Boolean(v['exclude-rattlers']), tolerance,
    maxIterations: integerOption(v, 'max-iterations', NONLINEAR_DEFAULTS.maxIterations, 1), shearStarts: Boolean(v['shear-starts']),
  };
  const quiet = Boolean(v.quiet);
  const o = await runJobHere('nonlinear', job, 'cpu', 'nonlinearStatistics', { quiet });
  const r = o.result;
  const s = r.statistics;
  const progress = throttledProgress(quiet);
  const unconverged = r.rows.filter((row) => !row.converged).length;
  progress(`glasslab nonlinear: ${s.samples} inherent structures in ${r.seconds.toFixed(0)} s; κ3/κ4 median ${s.stiffnessRatio.median.toFixed(3)} (above 1 in ${(100 * s.stiffnessRatio.fractionAbove1).toFixed(1)}%); τ3² > 3κ3χ3 in ${(100 * s.boundBroken).toFixed(1)}%${s.awayFromCutoff?.cutoffModes ? ` (${s.awayFromCutoff.cutoffModes} π3 sit on a pair at its cutoff; without them ${(100 * s.awayFromCutoff.boundBroken).toFixed(1)}% of ${s.awayFromCutoff.samples})` : ''}${s.chi4VsNe4 ? `; χ4 ~ (N e4)^${s.chi4VsNe4.slope.toFixed(2)}` : ''}${unconverged ? `; ${unconverged} sample(s) stopped above the tolerance` : ''}`, true);
  if (!v.json) return undefined;
  return { model: model.name, n: spec.n, temperature: Number.isFinite(spec.temperature) ? spec.temperature : 'inf', sweeps: spec.sweeps, seed: spec.seed, engine: o.engine, statistics: s, rows: r.rows, seconds: r.seconds };
}

/** glasslab nonlinear --in a.xyz,b.xyz: the nonlinear job on each file, then the study's statistics over them. */
async function filesCommand(v: Values, paths: string[]): Promise<unknown> {
  if (v.out !== undefined) throw new UsageError('--out writes one state\'s fields: give a single --in file with it');
  const tolerance = numberOption(v, 'tolerance', NONLINEAR_DEFAULTS.tolerance);
  if (!(tolerance > 0 && tolerance < 1)) throw new UsageError(`--tolerance must be in (0, 1), got ${tolerance}`);
  const settings = {
    excludeRattlers: Boolean(v['exclude-rattlers']), tolerance, shearStarts: Boolean(v['shear-starts']),
    maxIterations: integerOption(v, 'max-iterations', NONLINEAR_DEFAULTS.maxIterations, 1),
    maxForce: numberOption(v, 'max-force', NONLINEAR_DEFAULTS.maxForce),
  };
  const quiet = Boolean(v.quiet);
  const rows: (NonlinearSampleRow & { file: string; n: number })[] = [];
  for (const path of paths) {
    const loaded = await loadConfiguration(path, v.format as string | undefined);
    const model = resolveModel(v.model as string | undefined, loaded, path);
    const c = loaded.configuration;
    const n = particleCount(c);
    const spec: RunSpec = { ...DEFAULT_SPEC, model: model.name, n, temperature: loaded.temperature ?? Infinity, sweeps: 0 };
    const r = (await runJobHere('nonlinear', { kind: 'nonlinear', spec, start: toConfigurationData(c), ...settings }, 'cpu', 'nonlinear', { quiet })).result;
    rows.push({
      file: path, n, seed: NaN, lambda: r.harmonic.lambda,
      kappa4: r.quartic.kappa, tau4: r.quartic.tau, chi4: r.quartic.chi, e4: r.quartic.participation, residual4: r.quartic.residual,
      kappa3: r.cubic.kappa, tau3: r.cubic.tau, chi3: r.cubic.chi, e3: r.cubic.participation, residual3: r.cubic.residual,
      overlapWithHarmonic: r.quartic.overlapWithHarmonic, overlapWithQuartic: r.cubic.overlapWithQuartic, converged: r.quartic.converged && r.cubic.converged,
      ...(r.cubic.cutoffShare === undefined ? {} : { cutoffShare3: r.cubic.cutoffShare }),
    });
  }
  const statistics = nonlinearStatistics(rows);
  throttledProgress(quiet)(`glasslab nonlinear: ${rows.length} files; κ3/κ4 median ${statistics.stiffnessRatio.median.toFixed(3)}; τ3² > 3κ3χ3 in ${(100 * statistics.boundBroken).toFixed(1)}%`, true);
  if (!v.json) return undefined;
  return { statistics, rows: rows.map(({ seed: _seed, ...row }) => row) };
}
