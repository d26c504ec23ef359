// The modes job (src/engine/lab/modesJob.ts) against the physics called directly: the same eigenpairs as normalModes, small
// residuals, D(λ) that integrates to one with the exact f_u (or SLQ's within its error bar), progress, and clear refusals.
import { beforeAll, describe, expect, it } from 'vitest';
import { toConfigurationData } from '../../src/engine/lab/configurationData.ts';
import type { ModesJob, ModesResult } from '../../src/engine/lab/protocol.ts';
import { allEigenvalues, hessianProblem, normalModes } from '../../src/physics/analysis/modes/normalModes.ts';
import { participationRatio } from '../../src/physics/analysis/modes/participation.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { createLandscape } from '../../src/physics/forces.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS, randomConfiguration } from '../../src/physics/models.ts';
import { wrapPositions } from '../../src/physics/space.ts';
import { ofType, resultOf, runToEnd, smallSpec, startCommand } from './labHarness.ts';

const model = MODELS.soft2d;
const N = 100;
let minimum: Configuration;
const spec = smallSpec({ n: N, temperature: Infinity, sweeps: 0 });
const job = (c: Configuration, extra: Partial<ModesJob> = {}): ModesJob => ({ kind: 'modes', spec, start: toConfigurationData(c), count: 6, ...extra });

beforeAll(() => {
  minimum = quench(model, jitteredLattice(model, N, 4), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
  wrapPositions(minimum.box, minimum.positions); // the job wraps its input; the reference sees the same positions
});

describe('the modes job', () => {
  it('returns the eigenpairs normalModes computes, their P, small residuals, and the exact D(λ) of a minimum', async () => {
    const events = await runToEnd(startCommand(job(minimum)));
    const r = resultOf(events) as ModesResult;
    expect(r.kind).toBe('modes');
    expect(r.engine).toBe('cpu');
    const direct = normalModes(createLandscape(model, minimum), minimum.positions, { count: 6 });
    expect(r.method).toBe('dense');
    expect(Array.from(r.eigenvalues)).toEqual(Array.from(direct.values));
    r.vectors.forEach((e, k) => {
      expect(e.length).toBe(2 * N);
      expect(Array.from(e)).toEqual(Array.from(direct.vectors[k]));
      expect(r.participation[k]).toBe(participationRatio(direct.vectors[k], 2));
      expect(r.residuals[k]).toBeLessThan(1e-9);
    });
    expect(r.rattlers).toEqual(direct.rattlers);
    expect(r.maxForce).toBeLessThan(1e-10);
    // D(λ) is the histogram of all 2(N − 1) eigenvalues: ∫ D dλ = 1, and no unstable direction at a minimum
    const density = r.density!;
    expect(density.method).toBe('exact');
    expect(density.density.reduce((a, b) => a + b, 0) * density.width).toBeCloseTo(1, 12);
    expect(density.unstableFraction).toBe(0);
    const phases = ofType(events, 'phase');
    expect(phases.map((p) => p.phase)).toEqual(['analyze']);
    const progress = ofType(events, 'progress').map((p) => p.fraction);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress[progress.length - 1]).toBe(1);
    for (let k = 1; k < progress.length; k++) expect(progress[k]).toBeGreaterThanOrEqual(progress[k - 1]);
  });

  it('Lanczos agrees with dense, and SLQ\'s f_u of an unstable state lies within its error bar of the exact count', async () => {
    // Steepest descent from T = ∞ stopped at t = 0.1: far from a minimum, with many unstable directions (002 §III A)
    const random = quench(model, randomConfiguration(model, N, 7), { algorithm: 'sd', tMax: 0.1, forceTolerance: 0 }).final;
    wrapPositions(random.box, random.positions);
    const r = resultOf(await runToEnd(startCommand(job(random, { method: 'lanczos', count: 4 })))) as ModesResult;
    expect(r.method).toBe('lanczos');
    const direct = normalModes(createLandscape(model, random), random.positions, { count: 4, method: 'dense' });
    for (let k = 0; k < 4; k++) expect(r.eigenvalues[k]).toBeCloseTo(direct.values[k], 7);
    expect(r.maxForce).toBeGreaterThan(1e-3);
    const all = allEigenvalues(hessianProblem(createLandscape(model, random), random.positions));
    const exact = all.filter((l) => l < 0).length / all.length;
    expect(exact).toBeGreaterThan(0.02);
    const density = r.density!;
    expect(density.method).toBe('slq');
    expect(density.unstableError).toBeLessThan(exact); // an error bar that says something
    expect(Math.abs(density.unstableFraction - exact)).toBeLessThan(3 * density.unstableError);
    expect(density.density.every((x) => x >= 0)).toBe(true);
  });

  it('refuses a bad K, a bad method and a missing configuration, each in one clear line', async () => {
    const message = async (j: ModesJob) => {
      const last = (await runToEnd(startCommand(j))).at(-1)!;
      return last.type === 'error' ? last.message : `no error: ${last.type}`;
    };
    expect(await message(job(minimum, { count: 0 }))).toMatch(/K must be a whole number ≥ 1, got 0/);
    expect(await message(job(minimum, { count: 2.5 }))).toMatch(/K must be a whole number ≥ 1, got 2.5/);
    expect(await message(job(minimum, { count: 500 }))).toMatch(/K = 500 is more than the 198 modes of 100 particles in 2D/);
    expect(await message(job(minimum, { method: 'qr' as 'dense' }))).toMatch(/auto, dense or lanczos/);
    expect(await message({ ...job(minimum), start: undefined as unknown as ModesJob['start'] })).toMatch(/needs its configuration/);
  });
});
