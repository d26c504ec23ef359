// glasslab quench: SD (a dynamics in physical time), FIRE or CG from a configuration; series and fit on stdout.
import { writeConfigurationFile } from '../../io/format.ts';
import { fitPowerLaw } from '../../physics/analysis/powerLaw.ts';
import type { Algorithm } from '../../physics/descent/quench.ts';
import { defaultGpuForceTolerance, FLOAT32_FORCE_TOLERANCE } from '../../gpu/quench.ts';
import { exitIfHeldOpen, openQuenchEngine, type QuenchEngine } from '../../engine/quenchEngine.ts';
import { engineOption, integerOption, numberOption, parseOptions, requireString, UsageError } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';
import { throttledProgress } from '../progress.ts';

export const quenchHelp = `glasslab quench --in state.xyz [--model M] --algorithm sd|fire|cg [--dt DT] [--t-max T] [--force-tolerance F]
                [--fit-min A --fit-max B] [--samples-per-decade K] [--engine cpu|gpu|auto] --out final.xyz [--json] [--quiet]
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
  const engineChoice = engineOption(v);
  const path = requireString(v, 'in');
  const algorithm = (v.algorithm ?? 'sd') as Algorithm;
  if (!['sd', 'fire', 'cg'].includes(algorithm)) throw new UsageError(`--algorithm must be sd, fire or cg, got "${algorithm}"`);
  const loaded = await loadConfiguration(path, v.format as string | undefined);
  const model = resolveModel(v.model as string | undefined, loaded, path);
  const dt = v.dt === undefined ? undefined : numberOption(v, 'dt');
  const tMax = numberOption(v, 't-max', 1e3);
  // SD runs to t_max unless told; FIRE and CG stop at their engine's default (float64: 1e-10; GPU: FLOAT32_FORCE_TOLERANCE).
  const givenTolerance = v['force-tolerance'] === undefined ? undefined : numberOption(v, 'force-tolerance');
  const forceTolerance = givenTolerance ?? (algorithm === 'sd' ? 0 : undefined);
  const fitWindow = { tMin: numberOption(v, 'fit-min', 3), tMax: numberOption(v, 'fit-max', Math.min(100, tMax)) };
  const samplesPerDecade = integerOption(v, 'samples-per-decade', 20, 10);
  const maxSteps = integerOption(v, 'max-steps', 1e7, 1);
  const out = requireString(v, 'out');
  const progress = throttledProgress(Boolean(v.quiet));
  const t0 = Date.now();
  const notify = (line: string) => process.stderr.write(`glasslab quench: ${line}\n`);
  let engine: QuenchEngine | null = null;
  try {
    engine = await openQuenchEngine(engineChoice, algorithm, { notify });
    if (engine.current === 'gpu' && givenTolerance !== undefined && givenTolerance > 0 && givenTolerance < 0.1 * FLOAT32_FORCE_TOLERANCE) {
      notify(`--force-tolerance ${givenTolerance} is below what float32 forces resolve (max|f_i| ≈ 1e-5 to 5e-5 at a minimum): the GPU quench may run to --max-steps`);
    }
    const r = await engine.quench(model, loaded.configuration, {
      algorithm, dt, tMax, forceTolerance, samplesPerDecade, maxSteps,
      onSample: (s) => progress(`quench ${algorithm}: ${algorithm === 'sd' ? `t = ${s.t.toPrecision(4)}/${tMax}` : `step ${s.step}`}  |v| = ${s.speed.toExponential(3)}  E/N = ${s.energyPerParticle.toFixed(8)}  max|f| = ${s.maxForce.toExponential(2)}`),
      onChunk: (c) => progress(`quench ${algorithm} on the GPU: step ${c.step}/${c.lastStep} (chunks of ${c.chunkSteps} steps, ${c.chunkMs.toFixed(0)} ms)`),
    });
    engine.close();
    const usedTolerance = forceTolerance ?? (r.engine === 'gpu' ? defaultGpuForceTolerance(algorithm) : 1e-10);
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
    const engineLabel = r.engine === 'gpu' ? `GPU, ${r.adapter}` : 'float64';
    progress(`quench ${algorithm} (${engineLabel}): ${r.reason} after ${r.steps} steps, E/N = ${r.energyPerParticle}, max|f| = ${r.maxForce.toExponential(2)}; wrote ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`, true);
    if (!v.json) return undefined;
    return {
      engine: r.engine, ...(r.adapter ? { adapter: r.adapter } : {}), ...(engine.notes.length ? { engineNotes: engine.notes } : {}),
      model: model.name, n: r.final.diameters.length, algorithm, dt: r.dt, tMax, forceTolerance: usedTolerance, stopReason: r.reason, steps: r.steps,
      forceCalls: r.forceCalls, energyPerParticle: r.energyPerParticle, maxForce: r.maxForce, fit, series: r.series,
      seconds: (Date.now() - t0) / 1000, out,
    };
  } finally {
    engine?.close();
    if (engineChoice !== 'cpu') exitIfHeldOpen(); // a Dawn device may keep Node alive: exit soon after this command is done
  }
}
