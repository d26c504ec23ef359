// The descents from bad starts (issue 9): FIRE from uniform random positions (overlaps with forces ~1e12) converges because no
// particle moves more than maxStep (LAMMPS dmax) per step, the half step back included; a divergence is one DivergenceError.
import { describe, expect, it } from 'vitest';
import { fire, fireConstants } from '../src/physics/descent/fire.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { landscapeForces, maxParticleForce, meanSquaredForce, type ForceFunction } from '../src/physics/descent/state.ts';
import { RHO_TARGET, steepestDescent } from '../src/physics/descent/steepestDescent.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
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
  it('plain steepest descent with an unstable Δt raises DivergenceError', () => {
    const model = MODELS.soft2d;
    const c = randomConfiguration(model, 64, 3);
    const first = quench(model, c, { algorithm: 'fire', forceTolerance: 1e-3 }).final;
    const sd = steepestDescent(landscapeForces(createLandscape(model, first)), { dt: 0.5, n: 64 });
    const s = sd.init(first.positions);
    expect(() => { for (let k = 0; k < 100; k++) sd.step(s); }).toThrow(DivergenceError);
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

describe('adaptive steepest descent: substeps where a step of Δt would be unstable, still on physical time', () => {
  /** E = ½ Σ λ_k x_k²: independent modes with exact solution x_k(t) = x_k(0) e^(−λ_k t). */
  const modes = (lambda: number[]): ForceFunction => (x, f) => {
    let e = 0;
    for (let k = 0; k < x.length; k++) { f[k] = -lambda[k] * x[k]; e += 0.5 * lambda[k] * x[k] * x[k]; }
    return e;
  };

  it('a stiff mode with λΔt = 10: fixed Euler diverges, the substeps decay at the exact rate within 6%', () => {
    const dt = 1e-3, lambda = [1e4];
    const fixed = steepestDescent(modes(lambda), { dt, n: 1 });
    const f0 = fixed.init(new Float64Array([1]));
    expect(() => { for (let k = 0; k < 5; k++) fixed.step(f0); }).toThrow(DivergenceError);
    const sd = steepestDescent(modes(lambda), { dt, n: 1, adaptive: true });
    const s = sd.init(new Float64Array([1]));
    let previous = 1;
    for (let k = 1; k <= 3; k++) {
      sd.step(s);
      expect(s.t).toBe(k * dt); // physical time advances by exactly Δt per step
      expect(s.positions[0]).toBeLessThan(previous);
      expect(s.positions[0]).toBeGreaterThan(0); // no overshoot through the minimum
      previous = s.positions[0];
      // Euler substeps at hλ = RHO_TARGET decay as (1 − hλ)^(t/h): rate −ln(1 − 0.1)/0.1 = 1.054 of the exact λ
      const rate = -Math.log(s.positions[0]) / (lambda[0] * s.t);
      expect(rate).toBeGreaterThan(1);
      expect(rate).toBeLessThan(-Math.log(1 - RHO_TARGET) / RHO_TARGET + 1e-9);
    }
  });

  it('E = x⁴/4 from x₀ = 100 (λΔt = 30): follows x(t) = x₀/√(1 + 2x₀²t) within 6%, and returns to plain Euler at Δt once stable', () => {
    const dt = 1e-3, x0 = 100;
    const quartic: ForceFunction = (x, f) => { f[0] = -(x[0] ** 3); return x[0] ** 4 / 4; };
    const exact = (t: number) => x0 / Math.sqrt(1 + 2 * x0 * x0 * t);
    const fixed = steepestDescent(quartic, { dt, n: 1 });
    const f0 = fixed.init(new Float64Array([x0]));
    expect(() => { for (let k = 0; k < 5; k++) fixed.step(f0); }).toThrow(DivergenceError);
    const sd = steepestDescent(quartic, { dt, n: 1, adaptive: true });
    const s = sd.init(new Float64Array([x0]));
    for (let k = 1; k <= 1000; k++) {
      const before = s.positions[0];
      sd.step(s);
      expect(s.t).toBe(k * dt);
      expect(s.positions[0]).toBeLessThan(before);
      expect(Math.abs(s.positions[0] / exact(s.t) - 1)).toBeLessThan(0.06);
    }
    // x ≈ 0.7 now (λΔt = 3x²Δt ≈ 1.5e-3): one substep of Δt per step, exactly the Euler map x ← x − Δt x³
    expect(s.h).toBe(dt);
    const before = s.substeps;
    let x = s.positions[0];
    for (let k = 0; k < 10; k++) { sd.step(s); x -= dt * x ** 3; }
    expect(s.substeps - before).toBe(10);
    expect(s.positions[0]).toBe(x);
  });

  it('crosses a jump of the force (a kink in E, as at the cutoff of truncated-and-shifted KA) inside substeps instead of shrinking h forever', () => {
    // E = (λ/2)x² + c·max(0, x − ½) with λΔt = 5: substeps from x = 1, and at x = ½ the force jumps from −λ/2 − c to −λ/2, so
    // ρ = c/(λ/2 + c) ≈ 0.44 however small the substep; a ρ-only rule shrank h without end (a ka2d quench hung at t ≈ 4).
    const lambda = 5, c = 2, dt = 1;
    let calls = 0;
    const kinked: ForceFunction = (x, f) => {
      if (++calls > 200_000) throw new Error('no progress: the substeps shrink without end');
      f[0] = -lambda * x[0] - (x[0] > 0.5 ? c : 0);
      return (lambda / 2) * x[0] ** 2 + c * Math.max(0, x[0] - 0.5);
    };
    const sd = steepestDescent(kinked, { dt, n: 1, adaptive: true });
    const s = sd.init(new Float64Array([1]));
    for (let k = 0; k < 3; k++) sd.step(s);
    expect(s.t).toBe(3);
    // below the kink the exact solution decays as e^(−λt) from x = ½, reached at t* = ln((λ + 2c)/(λ/2 + 2c))/λ (≈ 0.065)
    const tKink = Math.log((lambda * 1 + c) / (lambda * 0.5 + c)) / lambda;
    // (Euler substeps at hλ ≈ 0.1 lose ~5% of the rate, so over λt ≈ 15 the ratio drifts to ~0.5; the point is no hang.)
    const ratio = s.positions[0] / (0.5 * Math.exp(-lambda * (3 - tKink)));
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(1.5);
    expect(calls).toBeLessThan(10_000);
  });

  it('from an overlapping start (soft2d, uniform random positions) SD completes, E/N falls monotonically, samples on the fixed-Δt times', () => {
    const model = MODELS.soft2d, n = 128;
    const start = randomConfiguration(model, n, 2);
    const r = quench(model, start, { algorithm: 'sd', tMax: 1, forceTolerance: 0 });
    expect(r.reason).toBe('t-max');
    expect(r.series.energyPerParticle[0]).toBeGreaterThan(1e3);
    for (let k = 1; k < r.series.t.length; k++) {
      expect(r.series.energyPerParticle[k]).toBeLessThanOrEqual(r.series.energyPerParticle[k - 1] * (1 + 1e-12));
    }
    expect(r.energyPerParticle).toBeLessThan(2);
    expect(r.forceCalls).toBeGreaterThan(r.steps + 1); // substeps were taken
    const relaxed = quench(model, start, { algorithm: 'fire', forceTolerance: 1e-2 }).final;
    const plain = quench(model, relaxed, { algorithm: 'sd', tMax: 1, forceTolerance: 0 });
    expect(r.series.t).toEqual(plain.series.t);
    expect(r.series.step).toEqual(plain.series.step);
  });

  it('from a well-equilibrated start it is plain Euler: no substep, the same ⟨|v(t)|⟩ as fixed Δt within 1%', () => {
    const model = MODELS.soft2d, n = 400;
    const c = quench(model, jitteredLattice(model, n, 51), { algorithm: 'fire', maxSteps: 60 }).final;
    const r = quench(model, c, { algorithm: 'sd', tMax: 1, forceTolerance: 0 });
    expect(r.forceCalls).toBe(r.steps + 1);
    const land = createLandscape(model, c);
    const sd = steepestDescent(landscapeForces(land), { dt: model.defaultDt, n });
    const s = sd.init(c.positions);
    let worst = 0;
    r.series.step.forEach((step, k) => {
      while (s.step < step) sd.step(s);
      worst = Math.max(worst, Math.abs(Math.sqrt(meanSquaredForce(s.forces, n)) / r.series.speed[k] - 1));
    });
    expect(worst).toBeLessThan(0.01);
  });
});
