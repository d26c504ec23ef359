// glasslab scaling: finite-size scaling of the SD velocity (001 SM II, Fig. S1): the lab's scaling job (an ensemble at each N,
// src/engine/lab/scalingJob.ts, the same job as the lab's "finite-size scaling" run), then the collapse of N^{βz}⟨|v|⟩ against t/N^z (src/physics/analysis/finiteSizeScaling.ts).
import { jobLimitProblem, RUN_LIMITS } from '../../engine/limits.ts';
import { DEFAULT_SPEC, validateRunSpec, type RunSpec } from '../../engine/runSpec.ts';
import { getModel, type ModelName } from '../../physics/models.ts';
import { engineOption, integerOption, numberOption, parseOptions, requireString, UsageError } from '../args.ts';
import { throttledProgress } from '../progress.ts';
import { runJobHere } from '../labJob.ts';

export const scalingHelp = `glasslab scaling --model M --temperature T --n N1,N2,… --samples S [--t-max T] [--beta B] [--seed K]
                 [--sweeps K] [--engine cpu|gpu|auto] [--json] [--quiet]
  Finite-size scaling (001 SM II): an ensemble of S SD quenches to t_max (default 100) at each N, run by the lab's job code,
  then the collapse of N^(βz)⟨|v|⟩ against t/N^z: z, and β unless --beta holds it fixed, minimize the spread of the
  log-interpolated curves; 68% bootstrap intervals over the samples. Prints {"z","beta","interval":{"z","beta"},"curves",…}.`;

function sizesOption(text: string): number[] {
  const sizes = text.split(',').map((s) => Number(s.trim()));
  const bad = sizes.find((n) => !Number.isInteger(n) || n < RUN_LIMITS.minN || n > RUN_LIMITS.maxNFloat64);
  if (bad !== undefined) throw new UsageError(`--n takes whole numbers from ${RUN_LIMITS.minN} to ${RUN_LIMITS.maxNFloat64} separated by commas, got "${text.slice(0, 40)}"`);
  if (new Set(sizes).size < 2 || new Set(sizes).size !== sizes.length) throw new UsageError(`--n needs at least 2 different sizes, each once, got "${text.slice(0, 40)}"`);
  return sizes;
}

export async function scalingCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    model: { type: 'string' }, temperature: { type: 'string' }, n: { type: 'string' }, samples: { type: 'string' },
    't-max': { type: 'string' }, beta: { type: 'string' }, seed: { type: 'string' }, sweeps: { type: 'string' },
    engine: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' },
  });
  const model = getModel(requireString(v, 'model'));
  const temperature = numberOption(v, 'temperature', undefined, true);
  const sizes = sizesOption(requireString(v, 'n'));
  const samples = integerOption(v, 'samples', undefined, 1);
  const tooMany = jobLimitProblem({ samples });
  if (tooMany) throw new UsageError(`--${tooMany.message}`);
  const tMax = numberOption(v, 't-max', 100);
  const beta = v.beta === undefined ? undefined : numberOption(v, 'beta');
  const engine = engineOption(v);
  const quiet = Boolean(v.quiet);
  const base: RunSpec = {
    ...DEFAULT_SPEC, model: model.name as ModelName, n: sizes[0], temperature, tMax,
    seed: integerOption(v, 'seed', DEFAULT_SPEC.seed), sweeps: integerOption(v, 'sweeps', DEFAULT_SPEC.sweeps), algorithm: 'sd',
    forceTolerance: 0, fitWindow: { tMin: tMax / 100, tMax },
  };
  const o = await runJobHere('scaling', { kind: 'scaling', spec: validateRunSpec(base), sizes, samples, ...(beta !== undefined ? { beta } : {}) }, engine, 'scaling', { quiet });
  const fit = o.result.fit;
  throttledProgress(quiet)(`scaling: z = ${fit.z.toFixed(3)} [${fit.interval.z.map((x) => x.toFixed(3)).join(', ')}], β = ${fit.beta.toFixed(3)}${fit.betaFixed ? ' (fixed)' : ` [${fit.interval.beta.map((x) => x.toFixed(3)).join(', ')}]`}`, true);
  if (!v.json) return undefined;
  return {
    model: model.name, temperature: Number.isFinite(temperature) ? temperature : 'inf', n: sizes, samples, tMax,
    engines: sizes.map(() => o.engine), z: fit.z, beta: fit.beta, betaFixed: fit.betaFixed, spread: fit.spread,
    interval: { z: fit.interval.z, beta: fit.interval.beta }, resamples: fit.resamples, curves: fit.curves,
  };
}
