// The nonlinear job: the lowest harmonic mode ψ of an inherent structure, the quartic mode π4 = argmin κ²/χ from ψ and the
// cubic mode π3 = argmin κ³/τ² from π4 (003 App. B), on the float64 engine (src/physics/nonlinear). The CG steps run in
// slices, so the job reports progress and can be paused or stopped between them.
import { maxParticleForce } from '../../physics/descent/state.ts';
import { createLandscape, energyAndForces } from '../../physics/forces.ts';
import type { Configuration } from '../../physics/configuration.ts';
import { getModel, type Model } from '../../physics/models.ts';
import {
  assembleNonlinearModes, harmonicStart, lowestCubic, shearStartFields, startNonlinearMode, type NonlinearModeResult, type NonlinearModeRun,
} from '../../physics/nonlinear/nonlinearModes.ts';
import { tauShareOfBoundBreakingPairs } from '../../physics/nonlinear/cutoffShare.ts';
import { fromConfigurationData } from './configurationData.ts';
import { SLICE_MS, type JobContext } from './context.ts';
import type { NonlinearJob, NonlinearResult } from './protocol.ts';

/** Defaults: the stationarity residual 1e-8 (relative), 20000 CG steps per mode, max|f_i| ≤ 1e-6 for an inherent structure. */
export const NONLINEAR_DEFAULTS = { tolerance: 1e-8, maxIterations: 20000, maxForce: 1e-6 } as const;

export function validateNonlinearJob(job: NonlinearJob): void {
  if (!job.start) throw new Error('a nonlinear job needs its configuration (an inherent structure)');
  validateNonlinearSettings(job);
}

export function validateNonlinearSettings(settings: NonlinearSettings): void {
  const { tolerance, maxIterations, maxForce } = settings;
  if (tolerance !== undefined && !(tolerance > 0 && tolerance < 1)) throw new Error(`the stationarity tolerance must be in (0, 1), got ${tolerance}`);
  if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new Error(`the CG step limit must be an integer ≥ 1, got ${maxIterations}`);
  if (maxForce !== undefined && !(maxForce > 0 && Number.isFinite(maxForce))) throw new Error(`the force threshold must be positive and finite, got ${maxForce}`);
}

const summaryOf = ({ field: _field, ...rest }: NonlinearModeResult) => rest;

/** What the nonlinear analysis of one configuration gives (a NonlinearResult without its job fields). */
export type NonlinearAnalysis = Omit<NonlinearResult, 'kind' | 'spec' | 'engine' | 'seconds'>;

export interface NonlinearSettings { excludeRattlers?: boolean; tolerance?: number; maxIterations?: number; maxForce?: number; shearStarts?: boolean }

// 003 App. B on one configuration: check it is an inherent structure, ψ, then π4 and π3 in slices (progress, pause, stop).
export async function analyseNonlinearModes(ctx: JobContext, model: Model, c: Configuration, settings: NonlinearSettings, label = ''): Promise<NonlinearAnalysis> {
  const tolerance = settings.tolerance ?? NONLINEAR_DEFAULTS.tolerance;
  const maxIterations = settings.maxIterations ?? NONLINEAR_DEFAULTS.maxIterations;
  const threshold = settings.maxForce ?? NONLINEAR_DEFAULTS.maxForce;
  const land = createLandscape(model, c);
  const forces = new Float64Array(c.positions.length);
  energyAndForces(land, c.positions, forces, false);
  const maxForce = maxParticleForce(forces, model.dim);
  if (!(maxForce <= threshold)) {
    throw new Error(`the configuration is not an inherent structure: max|f_i| = ${maxForce.toExponential(2)} > ${threshold}; quench it first (glasslab quench --in FILE --out is.xyz) and compute its modes there`);
  }
  ctx.phase('analyze', `${label}lowest harmonic mode ψ`);
  const h = harmonicStart(land, c.positions, settings.excludeRattlers ?? false);
  if (!(h.harmonic.lambda > 0)) {
    throw new Error(`the lowest eigenvalue of the Hessian is λ = ${h.harmonic.lambda.toExponential(3)} ≤ 0: not a stable minimum (quench to a tighter force tolerance${h.rattlers.count > 0 && !h.rattlers.excluded ? `, or leave its ${h.rattlers.count} rattlers out` : ''})`);
  }
  const options = { tolerance, maxIterations };
  const minimize = async (run: NonlinearModeRun, name: string, base: number): Promise<NonlinearModeResult> => {
    for (;;) {
      const sliceStart = performance.now();
      let done = false;
      while (!done && performance.now() - sliceStart < SLICE_MS) done = run.advance(5);
      // progress: the residual's decades from 1 down to the tolerance
      const decades = Math.log10(Math.max(run.residual(), tolerance)) / Math.log10(tolerance);
      ctx.progress(base + 0.5 * Math.min(1, Math.max(0, decades)), `${label}${name}: step ${run.iterations()}, residual ${run.residual().toExponential(1)}`);
      if (done) return run.result();
      await ctx.checkpoint();
    }
  };
  ctx.phase('analyze', `${label}quartic mode π4 = argmin κ²/χ`);
  const quartic = await minimize(startNonlinearMode(h.pe, h.space, 'quartic', h.harmonic.field, options), 'π4', 0);
  ctx.phase('analyze', `${label}cubic mode π3 = argmin κ³/τ²`);
  const found = [{ ...(await minimize(startNonlinearMode(h.pe, h.space, 'cubic', quartic.field, options), 'π3', 0.5)), start: 'π4' }];
  if (settings.shearStarts) {
    ctx.phase('analyze', `${label}non-affine velocities of simple and pure shear`);
    for (const s of shearStartFields(h)) {
      ctx.phase('analyze', `${label}cubic mode from the ${s.name} velocity`);
      found.push({ ...(await minimize(startNonlinearMode(h.pe, h.space, 'cubic', s.field, options), `π3 (${s.name})`, 0.5)), start: s.name });
    }
  }
  const r = assembleNonlinearModes(h, quartic, lowestCubic(found));
  const { field: psi, ...harmonic } = r.harmonic;
  return {
    harmonic,
    quartic: { ...summaryOf(r.quartic), overlapWithHarmonic: r.quartic.overlapWithHarmonic },
    cubic: {
      ...summaryOf(r.cubic), overlapWithQuartic: r.cubic.overlapWithQuartic, start: r.cubic.start, starts: r.cubic.starts,
      cutoffShare: tauShareOfBoundBreakingPairs(h.pe, r.cubic.field, model.potential),
    },
    fields: { psi, pi4: r.quartic.field, pi3: r.cubic.field },
    maxForce, rattlers: r.rattlers, pairs: r.pairs, tolerance,
  };
}

export async function runNonlinearJob(ctx: JobContext, job: NonlinearJob): Promise<NonlinearResult> {
  const t0 = performance.now();
  const model = getModel(job.spec.model);
  const c = fromConfigurationData(job.start, model, job.spec.n);
  const a = await analyseNonlinearModes(ctx, model, c, job);
  ctx.unitDone();
  return { kind: 'nonlinear', spec: job.spec, engine: 'cpu', ...a, seconds: (performance.now() - t0) / 1000 };
}
