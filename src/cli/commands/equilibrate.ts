// glasslab equilibrate: a T = ∞ state or swap Monte Carlo at T, written as extended XYZ or LAMMPS data.
import { writeConfigurationFile } from '../../io/format.ts';
import { equilibrate } from '../../engine/equilibrate.ts';
import { getModel } from '../../physics/models.ts';
import { validateSeed } from '../../physics/rng.ts';
import { integerOption, numberOption, parseOptions, requireString, UsageError } from '../args.ts';
import { throttledProgress } from '../progress.ts';

export const equilibrateHelp = `glasslab equilibrate --model M --n N --temperature T --sweeps S --seed K --out state.xyz [--json] [--quiet]
  T = inf gives uniform random positions; finite T runs swap Monte Carlo (000 App. A.1a) for S sweeps.`;

export async function equilibrateCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    model: { type: 'string' }, n: { type: 'string' }, temperature: { type: 'string' }, sweeps: { type: 'string' },
    seed: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' },
  });
  const model = getModel(requireString(v, 'model'));
  const n = integerOption(v, 'n', undefined, 2);
  const temperature = numberOption(v, 'temperature', undefined, true);
  if (!(temperature > 0)) throw new UsageError(`--temperature must be positive (or inf), got ${v.temperature}`);
  const sweeps = integerOption(v, 'sweeps', 1000, 0);
  const seed = validateSeed(integerOption(v, 'seed', 1, 0));
  const out = requireString(v, 'out');
  const progress = throttledProgress(Boolean(v.quiet));
  const t0 = Date.now();
  const r = equilibrate(model.name, n, temperature, sweeps, seed, (p) =>
    progress(`equilibrate: sweep ${p.sweep}/${p.sweeps}  E/N = ${p.energyPerParticle.toFixed(6)}  acceptance: displacement ${p.acceptance.displacement.toFixed(3)}, swap ${p.acceptance.swap.toFixed(3)}`),
  );
  await writeConfigurationFile(out, r.configuration, { model: model.name, temperature });
  const e = r.energyPerParticle;
  const summary = {
    model: model.name, n, temperature: Number.isFinite(temperature) ? temperature : 'inf', seed, sweeps: r.sweeps, out,
    energyPerParticle: e.length ? e[e.length - 1] : null, acceptance: r.acceptance, seconds: (Date.now() - t0) / 1000,
    series: { sweep: r.recordedSweeps, energyPerParticle: e, meanSquaredDisplacement: r.meanSquaredDisplacement },
  };
  progress(`equilibrate: wrote ${out} (${n} particles, ${summary.seconds.toFixed(1)} s)`, true);
  return v.json ? summary : undefined;
}
