// glasslab quench: SD (a dynamics in physical time), FIRE or CG from a configuration file — the lab's single job with the file
// as its start (src/cli/labJob.ts); series and fit on stdout, the final state written to --out.
import { toConfigurationData, fromConfigurationData } from '../../engine/lab/configurationData.ts';
import { DEFAULT_SPEC, type RunSpec } from '../../engine/runSpec.ts';
import { FLOAT32_FORCE_TOLERANCE } from '../../gpu/quench.ts';
import { writeConfigurationFile } from '../../io/format.ts';
import { QUENCH_DEFAULTS, type Algorithm } from '../../physics/descent/quench.ts';
import { engineOption, fitWindowOption, integerOption, numberOption, parseOptions, requireString, UsageError } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';
import { engineFields, runJobHere } from '../labJob.ts';
import { throttledProgress } from '../progress.ts';

export const quenchHelp = `glasslab quench --in state.xyz [--model M] --algorithm sd|fire|cg [--dt DT] [--t-max T] [--force-tolerance F]
                [--fit-min A --fit-max B] [--samples-per-decade K] [--max-steps S] [--engine cpu|gpu|auto] --out final.xyz [--json] [--quiet]
  Records t, ⟨|v|⟩, E/N and W on log-spaced times and fits ⟨|v(t)|⟩ ~ t^-β over [A, B] (SD only).
  --engine: cpu (default, float64), gpu (WebGPU: sd and fire, float32 forces, fixed-point positions; FIRE stops at
  max|f_i| < ${FLOAT32_FORCE_TOLERANCE} unless told) or auto (the GPU when an adapter exists). Without a usable GPU it says so
  on stderr and runs on the float64 engine; the JSON names the engine that ran.`;

export async function quenchCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    in: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, algorithm: { type: 'string' },
    dt: { type: 'string' }, 't-max': { type: 'string' }, 'force-tolerance': { type: 'string' }, 'fit-min': { type: 'string' },
    'fit-max': { type: 'string' }, 'samples-per-decade': { type: 'string' }, 'max-steps': { type: 'string' },
    out: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' }, engine: { type: 'string' },
  });
  const engine = engineOption(v);
  const path = requireString(v, 'in');
  const algorithm = (v.algorithm ?? 'sd') as Algorithm;
  if (!['sd', 'fire', 'cg'].includes(algorithm)) throw new UsageError(`--algorithm must be sd, fire or cg, got "${algorithm.slice(0, 40)}"`);
  const loaded = await loadConfiguration(path, v.format as string | undefined);
  const model = resolveModel(v.model as string | undefined, loaded, path);
  const tMax = numberOption(v, 't-max', 1e3);
  // SD runs to t_max unless told; FIRE and CG stop at their engine's default (float64: 1e-10; GPU: FLOAT32_FORCE_TOLERANCE).
  const givenTolerance = v['force-tolerance'] === undefined ? undefined : numberOption(v, 'force-tolerance');
  const settings = {
    samplesPerDecade: integerOption(v, 'samples-per-decade', QUENCH_DEFAULTS.samplesPerDecade, 10),
    maxSteps: integerOption(v, 'max-steps', QUENCH_DEFAULTS.maxSteps, 1),
  };
  const out = requireString(v, 'out');
  const c = loaded.configuration;
  const n = c.diameters.length;
  // The spec of a quench from a given start: its temperature and seed describe the file, not an equilibration to run.
  const spec: RunSpec = {
    ...DEFAULT_SPEC, model: model.name, n, temperature: loaded.temperature ?? Infinity, sweeps: 0, algorithm, tMax,
    ...(v.dt === undefined ? {} : { dt: numberOption(v, 'dt') }), forceTolerance: givenTolerance ?? 0,
    fitWindow: fitWindowOption(v, tMax, DEFAULT_SPEC.fitWindow),
  };
  const warnTolerance = givenTolerance !== undefined && givenTolerance > 0 && givenTolerance < 0.1 * FLOAT32_FORCE_TOLERANCE;
  let warned = false;
  const o = await runJobHere('quench', { kind: 'single', spec, start: toConfigurationData(c), quench: settings }, engine, 'single', {
    quiet: Boolean(v.quiet),
    onEvent: (e) => {
      if (e.type !== 'engine' || e.engine !== 'gpu' || !warnTolerance || warned) return;
      warned = true;
      process.stderr.write(`glasslab quench: --force-tolerance ${givenTolerance} is below what float32 forces resolve (max|f_i| ≈ 1e-5 to 5e-5 at a minimum): the GPU quench may run to --max-steps\n`);
    },
  });
  const r = o.result;
  await writeConfigurationFile(out, fromConfigurationData(r.final, model, n), { model: model.name, ...(loaded.temperature !== undefined ? { temperature: loaded.temperature } : {}) });
  const engineLabel = o.engine === 'gpu' ? `GPU, ${o.adapter}` : 'float64';
  throttledProgress(Boolean(v.quiet))(`quench ${algorithm} (${engineLabel}): ${r.reason} after ${r.steps} steps, E/N = ${r.energyPerParticle}, max|f| = ${r.maxForce.toExponential(2)}; wrote ${out} (${r.seconds.toFixed(1)} s)`, true);
  if (!v.json) return undefined;
  return {
    ...engineFields(o), model: model.name, n, algorithm, dt: r.dt, tMax, forceTolerance: r.forceTolerance, stopReason: r.reason, steps: r.steps,
    forceCalls: r.forceCalls, energyPerParticle: r.energyPerParticle, maxForce: r.maxForce, fit: algorithm === 'sd' ? r.fit : null,
    series: r.series, defectConcentration: r.particles.defectConcentration, seconds: r.seconds, out,
  };
}
