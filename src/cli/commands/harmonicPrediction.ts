// glasslab modes --harmonic-prediction: the harmonic prediction of 000 App. B for a quench from temperature T that ends at
// the given inherent structure — a thin adapter over the lab's harmonic job (src/engine/lab/harmonicJob.ts).
import { toConfigurationData } from '../../engine/lab/configurationData.ts';
import { DEFAULT_SPEC, type RunSpec } from '../../engine/runSpec.ts';
import { particleCount } from '../../physics/configuration.ts';
import { integerOption, numberOption, parseOptions, requireString, UsageError } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';
import { runJobHere } from '../labJob.ts';

export const harmonicPredictionHelp = `glasslab modes --in is.xyz --harmonic-prediction --temperature T [--t-max 100] [--exact-limit R] [--json]
  000 App. B: a quench from temperature T that ends at this inherent structure relaxes, near it, as
  ⟨E(t)⟩ − E_∞ = (T/2) Σ_a e^{−2λ_a t} and ⟨|v(t)|⟩ = √((T/N) Σ_a λ_a e^{−2λ_a t}), over the Hessian's eigenvalues λ_a.
  Prints both on log-spaced times 0.001 … t-max, and the fit g(ω) = A0 ω^{D−1} + A4 ω⁴ over the lowest 5% of frequencies.
  The spectrum is exact (dense float64) up to R = 1200 rows of H (D·N); above, the lowest 20 modes are exact (Lanczos) and
  the rest come from stochastic Lanczos quadrature (no g(ω) fit then). --temperature defaults to the file's.`;

export async function harmonicPredictionCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    in: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, 'harmonic-prediction': { type: 'boolean' },
    temperature: { type: 'string' }, 't-max': { type: 'string' }, 'exact-limit': { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' },
  });
  const path = requireString(v, 'in');
  const loaded = await loadConfiguration(path, v.format as string | undefined);
  const model = resolveModel(v.model as string | undefined, loaded, path);
  const temperature = v.temperature === undefined ? loaded.temperature : numberOption(v, 'temperature');
  if (temperature === undefined) throw new UsageError('--harmonic-prediction needs --temperature T (the temperature the quench started from); the file names none');
  if (!(temperature > 0 && Number.isFinite(temperature))) throw new UsageError(`--temperature must be a finite number > 0, got ${temperature}`);
  const tMax = numberOption(v, 't-max', 100);
  const exactLimit = integerOption(v, 'exact-limit', 1200, 0);
  const c = loaded.configuration;
  const spec: RunSpec = { ...DEFAULT_SPEC, model: model.name, n: particleCount(c), temperature, sweeps: 0, tMax };
  const o = await runJobHere('modes', { kind: 'harmonic', spec, start: toConfigurationData(c), harmonic: { temperature, tMax, exactLimit } }, 'cpu', 'harmonic', { quiet: Boolean(v.quiet) });
  const r = o.result;
  if (r.negative > 0) process.stderr.write(`glasslab modes: ${r.negative} negative eigenvalue(s): not a minimum, so the prediction leaves those modes out\n`);
  if (!v.json) {
    process.stdout.write(`# 000 App. B at T = ${temperature}, ${r.method} spectrum of ${r.modes} modes${r.vdos ? `; g(ω) fit A0 = ${r.vdos.a0.toPrecision(4)}, A4 = ${r.vdos.a4.toPrecision(4)}` : ''}\n# t (E-E_inf)/N <|v|>\n`);
    r.t.forEach((t, k) => process.stdout.write(`${t.toPrecision(6)} ${r.energyExcessPerParticle[k].toPrecision(6)} ${r.speed[k].toPrecision(6)}\n`));
    return undefined;
  }
  return {
    model: model.name, n: r.n, dim: r.dim, temperature, method: r.method, modes: r.modes, lowestEigenvalues: r.lowest, negative: r.negative,
    maxForce: r.maxForce, t: r.t, energyExcessPerParticle: r.energyExcessPerParticle, speed: r.speed, vdos: r.vdos, seconds: r.seconds,
  };
}
