// glasslab equilibrate: a T = ∞ state or swap Monte Carlo at T — the lab's equilibrate job (src/cli/labJob.ts) — written as
// extended XYZ or LAMMPS data.
import { fromConfigurationData } from '../../engine/lab/configurationData.ts';
import { DEFAULT_SPEC, type RunSpec } from '../../engine/runSpec.ts';
import { writeConfigurationFile } from '../../io/format.ts';
import { getModel } from '../../physics/models.ts';
import { engineOption, integerOption, numberOption, parseOptions, requireString } from '../args.ts';
import { engineFields, runJobHere } from '../labJob.ts';
import { throttledProgress } from '../progress.ts';

export const equilibrateHelp = `glasslab equilibrate --model M --n N --temperature T --sweeps S --seed K [--engine cpu|gpu|auto] --out state.xyz [--json] [--quiet]
  T = inf gives uniform random positions; finite T runs swap Monte Carlo (000 App. A.1a) for S sweeps (on the GPU's
  checkerboard sampler with --engine gpu|auto when there is an adapter; the JSON names the engine that ran).`;

export async function equilibrateCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    model: { type: 'string' }, n: { type: 'string' }, temperature: { type: 'string' }, sweeps: { type: 'string' },
    seed: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' }, engine: { type: 'string' },
  });
  const engine = engineOption(v);
  const model = getModel(requireString(v, 'model'));
  const spec: RunSpec = {
    ...DEFAULT_SPEC, model: model.name, n: integerOption(v, 'n', undefined, 2), temperature: numberOption(v, 'temperature', undefined, true),
    sweeps: integerOption(v, 'sweeps', DEFAULT_SPEC.sweeps, 0), seed: integerOption(v, 'seed', DEFAULT_SPEC.seed, 0),
  };
  const out = requireString(v, 'out');
  const o = await runJobHere('equilibrate', { kind: 'equilibrate', spec }, engine, 'equilibrate', { quiet: Boolean(v.quiet) });
  const r = o.result;
  await writeConfigurationFile(out, fromConfigurationData(r.final, model, spec.n), { model: model.name, temperature: spec.temperature });
  throttledProgress(Boolean(v.quiet))(`equilibrate: wrote ${out} (${spec.n} particles, ${r.seconds.toFixed(1)} s)`, true);
  if (!v.json) return undefined;
  return {
    ...engineFields(o), model: model.name, n: spec.n, temperature: Number.isFinite(spec.temperature) ? spec.temperature : 'inf',
    seed: spec.seed, sweeps: r.sweeps, out, energyPerParticle: r.energyPerParticle, acceptance: r.acceptance, seconds: r.seconds, series: r.record,
  };
}
