// glasslab quench: SD (a dynamics in physical time), FIRE or CG from a configuration; series and fit on stdout.
import { writeConfigurationFile } from '../../io/format.ts';
import { fitPowerLaw } from '../../physics/analysis/powerLaw.ts';
import { quench, type Algorithm } from '../../physics/descent/quench.ts';
import { integerOption, numberOption, parseOptions, requireString, UsageError } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';
import { throttledProgress } from '../progress.ts';

export const quenchHelp = `glasslab quench --in state.xyz [--model M] --algorithm sd|fire|cg [--dt DT] [--t-max T] [--force-tolerance F]
                [--fit-min A --fit-max B] [--samples-per-decade K] --out final.xyz [--json] [--quiet]
  Records t, ⟨|v|⟩, E/N and W on log-spaced times and fits ⟨|v(t)|⟩ ~ t^-β over [A, B] (SD only).`;

export async function quenchCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    in: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, algorithm: { type: 'string' },
    dt: { type: 'string' }, 't-max': { type: 'string' }, 'force-tolerance': { type: 'string' }, 'fit-min': { type: 'string' },
    'fit-max': { type: 'string' }, 'samples-per-decade': { type: 'string' }, 'max-steps': { type: 'string' },
    out: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' },
  });
  const path = requireString(v, 'in');
  const algorithm = (v.algorithm ?? 'sd') as Algorithm;
  if (!['sd', 'fire', 'cg'].includes(algorithm)) throw new UsageError(`--algorithm must be sd, fire or cg, got "${algorithm}"`);
  const loaded = await loadConfiguration(path, v.format as string | undefined);
  const model = resolveModel(v.model as string | undefined, loaded, path);
  const dt = v.dt === undefined ? undefined : numberOption(v, 'dt');
  const tMax = numberOption(v, 't-max', 1e3);
  const forceTolerance = numberOption(v, 'force-tolerance', algorithm === 'sd' ? 0 : 1e-10);
  const fitWindow = { tMin: numberOption(v, 'fit-min', 3), tMax: numberOption(v, 'fit-max', Math.min(100, tMax)) };
  const samplesPerDecade = integerOption(v, 'samples-per-decade', 20, 10);
  const maxSteps = integerOption(v, 'max-steps', 1e7, 1);
  const out = requireString(v, 'out');
  const progress = throttledProgress(Boolean(v.quiet));
  const t0 = Date.now();
  const r = quench(model, loaded.configuration, {
    algorithm, dt, tMax, forceTolerance, samplesPerDecade, maxSteps,
    onSample: (s) => progress(`quench ${algorithm}: ${algorithm === 'sd' ? `t = ${s.t.toPrecision(4)}/${tMax}` : `step ${s.step}`}  |v| = ${s.speed.toExponential(3)}  E/N = ${s.energyPerParticle.toFixed(8)}  max|f| = ${s.maxForce.toExponential(2)}`),
  });
  await writeConfigurationFile(out, r.final, { model: model.name, ...(loaded.temperature !== undefined ? { temperature: loaded.temperature } : {}) });
  let fit: { beta: number; tMin: number; tMax: number; points: number } | { error: string } | null = null;
  if (algorithm === 'sd') {
    try {
      const f = fitPowerLaw(r.series.t, r.series.speed, fitWindow);
      fit = { beta: f.beta, tMin: fitWindow.tMin, tMax: fitWindow.tMax, points: f.points };
    } catch (e) {
      fit = { error: e instanceof Error ? e.message : String(e) };
    }
  }
  progress(`quench ${algorithm}: ${r.reason} after ${r.steps} steps, E/N = ${r.energyPerParticle}, max|f| = ${r.maxForce.toExponential(2)}; wrote ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`, true);
  if (!v.json) return undefined;
  return {
    model: model.name, n: r.final.diameters.length, algorithm, dt: r.dt, tMax, forceTolerance, stopReason: r.reason, steps: r.steps,
    forceCalls: r.forceCalls, energyPerParticle: r.energyPerParticle, maxForce: r.maxForce, fit, series: r.series,
    seconds: (Date.now() - t0) / 1000, out,
  };
}
