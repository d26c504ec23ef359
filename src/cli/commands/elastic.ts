// glasslab elastic: the shear modulus G (Born and non-affine parts) and the dipole stiffness κ_ij of an inherent structure
// (004 App. A), or the annealing study of 004 Fig. 3 (mean κ and G against the preparation temperature T_p) — the lab's
// elastic and elasticStudy jobs (src/engine/lab/elasticJob.ts) run here on the float64 engine.
import { toConfigurationData } from '../../engine/lab/configurationData.ts';
import type { ElasticSettings } from '../../engine/lab/protocol.ts';
import { DEFAULT_SPEC, type RunSpec } from '../../engine/runSpec.ts';
import { detectConfigurationFormat, writeConfigurationFile } from '../../io/format.ts';
import { elasticColumns } from '../../io/exports/softSpotsExport.ts';
import { particleCount } from '../../physics/configuration.ts';
import { getModel } from '../../physics/models.ts';
import { integerOption, numberOption, parseOptions, UsageError } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';
import { engineFields, runJobHere } from '../labJob.ts';
import { throttledProgress } from '../progress.ts';

export const elasticHelp = `glasslab elastic --in FILE [--model M] [--dipole-pairs P] [--out kappa.xyz] [--max-force F] [--tolerance T] [--json] [--quiet]
glasslab elastic --model M --n N --temperatures T1,T2,… --samples S [--sweeps K] [--seed K] [--dipole-pairs P] [--json]
  Of an inherent structure (max|f_i| ≤ F, default 1e-6): the shear modulus G = (1/V)[∂²U/∂γ² − Ξ·M⁺·Ξ] averaged over the
  D(D−1)/2 planes of simple shear, with its Born and non-affine parts, and the dipole stiffness κ_ij = (d̂·z)/(z·z), M z = d̂
  (004 App. A), over every interacting pair or P of them spread over the list; CG to |r|/|b| = T (default 1e-8) with
  translations and rattlers removed. Prints {"shearModulus", "born", "nonaffine", "planes", "dipole": {"mean", "median",
  "count"}, "rattlers"}. --out writes extended XYZ with a per-particle kappa_local column (the mean κ_ij over the particle's
  measured pairs; 0 where none was measured).
  With --temperatures: the annealing study (004 Fig. 3): per T_p, S swap-MC states (K sweeps, default 1000), FIRE-quenched,
  each analysed as above; the mean G and mean κ with 95% bootstrap intervals and their changes relative to the first T_p.`;

export async function elasticCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    in: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, 'dipole-pairs': { type: 'string' }, out: { type: 'string' },
    'max-force': { type: 'string' }, tolerance: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' },
    n: { type: 'string' }, temperatures: { type: 'string' }, samples: { type: 'string' }, sweeps: { type: 'string' }, seed: { type: 'string' },
  });
  const settings: ElasticSettings = {
    ...(v['dipole-pairs'] === undefined ? {} : { dipolePairs: integerOption(v, 'dipole-pairs', undefined, 1) }),
    ...(v['max-force'] === undefined ? {} : { maxForce: numberOption(v, 'max-force') }),
    ...(v.tolerance === undefined ? {} : { tolerance: numberOption(v, 'tolerance') }),
  };
  const quiet = Boolean(v.quiet);
  if (v.temperatures !== undefined) return annealingStudy(v, settings, quiet);
  if (v.in === undefined) throw new UsageError('give --in FILE (an inherent structure), or --model, --n, --temperatures and --samples for the annealing study');
  const path = String(v.in);
  const out = v.out as string | undefined;
  if (out && detectConfigurationFormat(out) !== 'xyz') throw new UsageError(`--out must be an extended XYZ file (.xyz or .extxyz) to hold the kappa_local column, got "${out.slice(0, 40)}"`);
  const loaded = await loadConfiguration(path, v.format as string | undefined, { sheared: true });
  const model = resolveModel(v.model as string | undefined, loaded, path);
  const c = loaded.configuration;
  const n = particleCount(c);
  const spec: RunSpec = { ...DEFAULT_SPEC, model: model.name, n, temperature: loaded.temperature ?? Infinity, sweeps: 0 };
  const o = await runJobHere('elastic', { kind: 'elastic', spec, start: toConfigurationData(c), settings }, 'cpu', 'elastic', { quiet });
  const r = o.result;
  if (out) {
    await writeConfigurationFile(out, c, { model: model.name, ...(loaded.temperature !== undefined ? { temperature: loaded.temperature } : {}), columns: elasticColumns(r) });
  }
  throttledProgress(quiet)(`elastic: G = ${r.shearModulus.toPrecision(5)} (Born ${r.born.toPrecision(5)} − non-affine ${r.nonaffine.toPrecision(5)}), mean κ = ${r.dipole.mean.toPrecision(5)} over ${r.dipole.count} pairs, ${r.rattlers} rattlers (${r.seconds.toFixed(1)} s)${out ? `; wrote ${out}` : ''}`, true);
  if (!v.json) return undefined;
  return {
    ...engineFields(o), model: model.name, n, dim: model.dim, shearModulus: r.shearModulus, born: r.born, nonaffine: r.nonaffine, planes: r.planes,
    dipole: r.dipole, rattlers: r.rattlers, maxForce: r.maxForce, seconds: r.seconds, ...(out ? { out } : {}),
  };
}

async function annealingStudy(v: Record<string, unknown>, settings: ElasticSettings, quiet: boolean): Promise<unknown> {
  if (v.in !== undefined) throw new UsageError('--in and --temperatures do not go together: the study prepares its own states');
  if (v.out !== undefined) throw new UsageError('--out writes one state\'s kappa_local: use it with --in');
  if (v.model === undefined) throw new UsageError('--model is required for the annealing study');
  const model = getModel(String(v.model));
  const temperatures = String(v.temperatures).split(',').map((s) => {
    const t = s.trim().toLowerCase();
    const x = t === 'inf' || t === 'infinity' ? Infinity : Number(t);
    if (t === '' || Number.isNaN(x) || !(x > 0)) throw new UsageError(`--temperatures must be positive numbers (or inf) separated by commas, got "${s.slice(0, 40)}"`);
    return x;
  });
  const spec: RunSpec = {
    ...DEFAULT_SPEC, model: model.name, n: integerOption(v, 'n', undefined, 2), temperature: temperatures[0],
    seed: integerOption(v, 'seed', DEFAULT_SPEC.seed, 0), sweeps: integerOption(v, 'sweeps', DEFAULT_SPEC.sweeps, 0), algorithm: 'fire',
  };
  const samples = integerOption(v, 'samples', undefined, 1);
  const o = await runJobHere('elastic', { kind: 'elasticStudy', spec, temperatures, samples, settings }, 'cpu', 'elasticStudy', { quiet });
  const r = o.result;
  const say = throttledProgress(quiet);
  const temperature = (t: number) => (Number.isFinite(t) ? t : 'inf');
  for (const p of r.points) {
    say(`elastic: T_p = ${temperature(p.temperature)}: G = ${p.shearModulus.mean.toPrecision(4)} [${p.shearModulus.low.toPrecision(4)}, ${p.shearModulus.high.toPrecision(4)}] (${(100 * p.relativeShearModulus).toFixed(1)}%), κ = ${p.kappa.mean.toPrecision(4)} [${p.kappa.low.toPrecision(4)}, ${p.kappa.high.toPrecision(4)}] (${(100 * p.relativeKappa).toFixed(1)}%)`, true);
  }
  if (!v.json) return undefined;
  return {
    ...engineFields(o), model: model.name, n: spec.n, sweeps: spec.sweeps, samples, seconds: r.seconds,
    points: r.points.map((p) => ({ ...p, temperature: temperature(p.temperature), inverseTemperature: 1 / p.temperature })),
  };
}
