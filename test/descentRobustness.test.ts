// The descents from bad starts (issue 9): FIRE from uniform random positions (overlaps with forces ~1e12) converges because no
// particle moves more than maxStep (LAMMPS dmax) per step, the half step back included; a divergence is one DivergenceError.
import { describe, expect, it } from 'vitest';
import { fire, fireConstants } from '../src/physics/descent/fire.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { landscapeForces, maxParticleForce } from '../src/physics/descent/state.ts';
import { DivergenceError } from '../src/physics/errors.ts';
import { createLandscape, energy } from '../src/physics/forces.ts';
import { MODELS, randomConfiguration, type ModelName } from '../src/physics/models.ts';

describe('FIRE from overlapping random positions (T = ∞, forces up to ~1e12)', () => {
  const cases: [ModelName, number][] = [['ka2d', 200], ['ka3d-fs', 256], ['soft3d', 256]];
  for (const [name, n] of cases) {
    it(`${name}, N = ${n}: reaches max|f_i| < 1e-4 at a finite energy, no particle moving more than dmax per step`, () => {
      const model = MODELS[name];
      const start = randomConfiguration(model, n, 7);
      const land = createLandscape(model, start);
      const forces = landscapeForces(land);
      const { maxStep } = fireConstants(model.fireDt);
      const fi = fire(forces, { dt: model.fireDt, dim: model.dim });
      const s = fi.init(start.positions);
      expect(maxParticleForce(s.forces, model.dim)).toBeGreaterThan(1e3); // a genuinely bad start
      let largest = 0;
      for (let k = 0; k < 300; k++) {
        const before = s.positions.slice();
        fi.step(s);
        for (let i = 0; i < n; i++) {
          let r2 = 0;
          for (let a = 0; a < model.dim; a++) {
            const L = start.box.lengths[a], dx = s.positions[i * model.dim + a] - before[i * model.dim + a];
            r2 += (dx - L * Math.round(dx / L)) ** 2; // the neighbor list wraps positions into the box
          }
          largest = Math.max(largest, Math.sqrt(r2));
        }
      }
      // a step moves a particle by h|v| ≤ dmax; a step after P ≤ 0 adds the half step back ½h|v| ≤ dmax/2
      expect(largest).toBeLessThanOrEqual(1.5 * maxStep * (1 + 1e-12));
      const r = quench(model, start, { algorithm: 'fire', forceTolerance: 1e-4, maxSteps: 100_000 });
      expect(r.reason).toBe('force-tolerance');
      expect(r.maxForce).toBeLessThan(1e-4);
      expect(Number.isFinite(r.energyPerParticle)).toBe(true);
      expect(r.energyPerParticle).toBeCloseTo(energy(createLandscape(model, r.final), r.final.positions.slice()) / n, 8);
      expect(r.energyPerParticle).toBeLessThan(name === 'soft3d' ? 2 : -2); // an inherent structure, not a crushed state
    });
  }
});

describe('DivergenceError: one physics error for every descent that diverges', () => {
  it('steepest descent with an unstable Δt raises DivergenceError', () => {
    const model = MODELS.soft2d;
    const c = randomConfiguration(model, 64, 3);
    const first = quench(model, c, { algorithm: 'fire', forceTolerance: 1e-3 }).final;
    expect(() => quench(model, first, { algorithm: 'sd', dt: 0.5, tMax: 50 })).toThrow(DivergenceError);
  });

  it('FIRE with non-finite forces raises DivergenceError, not a NaN result', () => {
    const x0 = new Float64Array([0, 0, 1, 0, 0, 1, 1, 1]);
    let calls = 0;
    const nanAfterTwo = (x: Float64Array, f: Float64Array) => {
      calls++;
      for (let k = 0; k < x.length; k++) f[k] = calls > 2 ? Number.NaN : -x[k];
      return 0;
    };
    const fi = fire(nanAfterTwo, { dt: 0.01, dim: 2 });
    const s = fi.init(x0);
    expect(() => { for (let k = 0; k < 10; k++) fi.step(s); }).toThrow(DivergenceError);
  });
});
