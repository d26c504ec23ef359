// glasslab ensemble: M samples of equilibrate → quench → analyze; averaged ⟨|v(t)|⟩, β with its interval, ⟨φ⟩ and χ.
import { runEnsemble, runEnsembleWith, type EnsembleProgress, type EnsembleResult } from '../../engine/ensemble.ts';
import { exitIfHeldOpen, openQuenchEngine, type EngineName, type QuenchEngine } from '../../engine/quenchEngine.ts';
import { DEFAULT_SPEC, validateRunSpec, type RunSpec } from '../../engine/runSpec.ts';
import { writeTextFileAtomic } from '../../io/atomicFile.ts';
import { serializeResults } from '../../io/runResults.ts';
import { getModel } from '../../physics/models.ts';
import type { Algorithm } from '../../physics/descent/quench.ts';
import { engineOption, integerOption, numberOption, parseOptions, requireString } from '../args.ts';
import { throttledProgress } from '../progress.ts';

export const ensembleHelp = `glasslab ensemble --model M --n N --temperature T --samples M [--sweeps S] [--seed K] [--algorithm sd|fire|cg]
                  [--dt DT] [--t-max T] [--fit-min A --fit-max B] [--engine cpu|gpu|auto] [--out results.json] [--json] [--quiet]
  --engine as for quench: the quenches run on the GPU (equilibration stays on the CPU); a GPU failure falls back to float64.`;

export async function ensembleCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    model: { type: 'string' }, n: { type: 'string' }, temperature: { type: 'string' }, samples: { type: 'string' },
    sweeps: { type: 'string' }, seed: { type: 'string' }, algorithm: { type: 'string' }, dt: { type: 'string' },
    't-max': { type: 'string' }, 'force-tolerance': { type: 'string' }, 'fit-min': { type: 'string' }, 'fit-max': { type: 'string' },
    out: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' }, engine: { type: 'string' },
  });
  const engineChoice = engineOption(v);
  const model = getModel(requireString(v, 'model'));
  const tMax = numberOption(v, 't-max', DEFAULT_SPEC.tMax);
  const spec: RunSpec = validateRunSpec({
    model: model.name,
    n: integerOption(v, 'n', undefined, 2),
    temperature: numberOption(v, 'temperature', undefined, true),
    seed: integerOption(v, 'seed', DEFAULT_SPEC.seed, 0),
    sweeps: integerOption(v, 'sweeps', DEFAULT_SPEC.sweeps, 0),
    algorithm: (v.algorithm ?? 'sd') as Algorithm,
    dt: v.dt === undefined ? undefined : numberOption(v, 'dt'),
    tMax,
    forceTolerance: numberOption(v, 'force-tolerance', DEFAULT_SPEC.forceTolerance),
    fitWindow: { tMin: numberOption(v, 'fit-min', DEFAULT_SPEC.fitWindow.tMin), tMax: numberOption(v, 'fit-max', Math.min(DEFAULT_SPEC.fitWindow.tMax, tMax)) },
  });
  const samples = integerOption(v, 'samples', undefined, 1);
  const progress = throttledProgress(Boolean(v.quiet));
  const t0 = Date.now();
  // Synchronous on purpose: the ensemble runs synchronously, so an async write would wait until the very end.
  const save = (r: EnsembleResult, complete: boolean) => {
    if (!v.out) return;
    const t = r.t.slice(1); // the results format wants t > 0: drop the t = 0 point
    const out = String(v.out);
    // Written to a temporary file and renamed: a reader never sees a half-written record, even if we are killed.
    writeTextFileAtomic(out, serializeResults({
      meta: {
        model: spec.model, n: spec.n, temperature: Number.isFinite(spec.temperature) ? spec.temperature : 'inf', seed: spec.seed,
        samplesRequested: samples, samplesDone: r.samples, complete, algorithm: spec.algorithm,
      },
      results: [
        { kind: 'quenchSeries', t, v: r.meanSpeed.slice(1), energyPerParticle: r.meanEnergyPerParticle.slice(1), W: r.meanSquaredForce.slice(1), samples: r.samples },
        { kind: 'powerLawFit', beta: r.fit.beta, low: r.fit.low, high: r.fit.high, tMin: spec.fitWindow.tMin, tMax: spec.fitWindow.tMax },
        { kind: 'defectStats', N: spec.n, samples: r.samples, xCutEq: r.defects.xCutEq, phiMean: r.defects.mean, chi: r.defects.chi, concentrations: r.defects.concentrations },
      ],
    }));
  };
  const onProgress = (p: EnsembleProgress) => {
    const done = p.sample / p.samples;
    const elapsed = (Date.now() - t0) / 1000;
    const eta = done > 0 ? ` (about ${Math.round((elapsed / done) * (1 - done))} s left)` : '';
    const what = p.stage === 'equilibrate' && p.equilibration
      ? `swap MC sweep ${p.equilibration.sweep}/${p.equilibration.sweeps}, E/N = ${p.equilibration.energyPerParticle.toFixed(5)}`
      : `quench t = ${(p.quenchTime ?? 0).toPrecision(4)}`;
    progress(`ensemble: sample ${p.sample + 1}/${p.samples}: ${what}${eta}`);
  };
  // Partial results are saved after every sample (complete: false), so an interrupted ensemble keeps what it did.
  const onSampleDone = (partial: EnsembleResult) => save(partial, false);
  let engine: QuenchEngine | null = null;
  try {
    const engines = new Set<EngineName>();
    let r: EnsembleResult;
    if (engineChoice === 'cpu') {
      r = runEnsemble(spec, samples, onProgress, onSampleDone); // the float64 engine, synchronous as always
      engines.add('cpu');
    } else {
      const notify = (line: string) => process.stderr.write(`glasslab ensemble: ${line}\n`);
      const opened = await openQuenchEngine(engineChoice, spec.algorithm, { notify });
      engine = opened;
      r = await runEnsembleWith(spec, samples, async (model, c, options) => {
        const q = await opened.quench(model, c, options);
        engines.add(q.engine);
        return q;
      }, onProgress, onSampleDone);
    }
    save(r, true);
    const summary = {
      engine: [...engines].sort().reverse().join('+'), ...(engine?.adapter ? { adapter: engine.adapter } : {}), ...(engine?.notes.length ? { engineNotes: engine.notes } : {}),
      spec: { ...spec, temperature: Number.isFinite(spec.temperature) ? spec.temperature : 'inf' },
      samples: r.samples, seconds: r.seconds,
      beta: r.fit.beta, betaInterval: [r.fit.low, r.fit.high], fitWindow: spec.fitWindow,
      defectConcentration: r.defects.mean, defectSusceptibility: r.defects.chi, xCutEq: r.defects.xCutEq, xCutSource: r.defects.xCutSource,
      finalEnergyPerParticle: r.finalEnergyPerParticle,
      series: { t: r.t, meanSpeed: r.meanSpeed, meanEnergyPerParticle: r.meanEnergyPerParticle, meanSquaredForce: r.meanSquaredForce },
    };
    progress(`ensemble: β = ${r.fit.beta.toFixed(3)} [${r.fit.low.toFixed(3)}, ${r.fit.high.toFixed(3)}] over t ∈ [${spec.fitWindow.tMin}, ${spec.fitWindow.tMax}], ⟨φ⟩ = ${r.defects.mean.toFixed(3)}, χ = ${r.defects.chi.toFixed(3)} (${r.seconds.toFixed(0)} s)`, true);
    return v.json ? summary : undefined;
  } finally {
    engine?.close();
    if (engineChoice !== 'cpu') exitIfHeldOpen(); // a Dawn device may keep Node alive: exit soon after this command is done
  }
}
