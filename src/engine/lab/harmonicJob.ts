// The harmonic job: the prediction of 000 App. B for a quench from temperature T ending at the given inherent structure,
// ⟨E(t)⟩ − E_∞ = (T/2) Σ_a e^{−2λ_a t} and ⟨|v(t)|⟩ ≈ √((T/N) Σ_a λ_a e^{−2λ_a t}), with the g(ω) = A0 ω^{D−1} + A4 ω⁴
// fit of its low frequencies. The page runs it after a finished quench; `glasslab modes --harmonic-prediction` runs it too.
// Float64 on the host whatever the engine (the Hessian and its spectrum live there).
import type { Configuration } from '../../physics/configuration.ts';
import { maxParticleForce } from '../../physics/descent/state.ts';
import { createLandscape, energyAndForces } from '../../physics/forces.ts';
import { getModel } from '../../physics/models.ts';
import { harmonicPrediction, harmonicSpectrum, logTimes, lowFrequencyFit } from '../../physics/analysis/modes/harmonicSpectrum.ts';
import type { RunSpec } from '../runSpec.ts';
import { fromConfigurationData } from './configurationData.ts';
import type { JobContext } from './context.ts';
import type { ConfigurationData, HarmonicResult, HarmonicSettings } from './protocol.ts';
export type { HarmonicSettings } from './protocol.ts';

export function validateHarmonicSettings(h: HarmonicSettings | undefined): void {
  if (!h || !(h.temperature > 0 && Number.isFinite(h.temperature))) throw new Error(`the harmonic prediction needs a finite temperature > 0, got ${h?.temperature}`);
  if (h.tMax !== undefined && !(h.tMax > 1e-3 && Number.isFinite(h.tMax))) throw new Error(`t-max must be a number > 0.001, got ${h.tMax}`);
  if (h.times !== undefined && (!Array.isArray(h.times) || h.times.length > 10000 || h.times.some((t) => !(t >= 0 && Number.isFinite(t))))) {
    throw new Error('the prediction times must be at most 10000 finite numbers ≥ 0');
  }
}

// 000 App. B: the prediction for a quench from `settings.temperature` that ends at `c`.
export function harmonicOfState(spec: RunSpec, c: Configuration, settings: HarmonicSettings): HarmonicResult {
  const t0 = performance.now();
  const model = getModel(spec.model);
  const n = c.diameters.length;
  const land = createLandscape(model, c);
  const f = new Float64Array(c.positions.length);
  energyAndForces(land, c.positions.slice(), f);
  const spectrum = harmonicSpectrum(land, c.positions, { exactLimit: settings.exactLimit, seed: spec.seed });
  const times = settings.times ?? logTimes(1e-3, settings.tMax ?? spec.tMax);
  const p = harmonicPrediction(spectrum, settings.temperature, n, times);
  const negative = Array.from(spectrum.lowest).filter((l) => l < 0).length;
  return {
    kind: 'harmonic', spec, engine: 'cpu', n, dim: model.dim, temperature: settings.temperature, method: spectrum.method, modes: spectrum.modes,
    lowest: Array.from(spectrum.lowest.subarray(0, 20)), negative, maxForce: maxParticleForce(f, model.dim),
    t: p.t, energyExcessPerParticle: p.energyExcessPerParticle, speed: p.speed, vdos: lowFrequencyFit(spectrum, model.dim),
    seconds: (performance.now() - t0) / 1000,
  };
}

export async function runHarmonicJob(ctx: JobContext, spec: RunSpec, startData: ConfigurationData, settings: HarmonicSettings): Promise<HarmonicResult> {
  const model = getModel(spec.model);
  ctx.phase('analyze', `harmonic prediction: the spectrum of the Hessian (${model.dim * spec.n} rows)`);
  await ctx.checkpoint();
  const result = harmonicOfState(spec, fromConfigurationData(startData, model, spec.n), settings);
  ctx.unitDone();
  return result;
}
