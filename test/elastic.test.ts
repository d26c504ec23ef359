// The shear modulus and the dipole stiffness (004 App. A) against independent truths: the second derivative of the minimized
// energy under imposed strain (sheared box, central differences), the Born term against the affine energy, and κ_ij against
// the measured response to a small applied dipole force.
import { describe, expect, it } from 'vitest';
import type { Configuration } from '../src/physics/configuration.ts';
import { conjugateGradient } from '../src/physics/descent/conjugateGradient.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { landscapeForces, maxParticleForce, type ForceFunction } from '../src/physics/descent/state.ts';
import { dipoleResponse, dipoleStiffness, elasticPairs, PROGRESS_EVERY, samplePairs, shearCoupling, shearModulus, shearModulusInPlane, solveOnModeSpace, unitDipole } from '../src/physics/elastic/index.ts';
import { createLandscape, energy } from '../src/physics/forces.ts';
import { MODELS, randomConfiguration, type Model } from '../src/physics/models.ts';
import { affineShear, boxVolume, displacementField, shearedBox } from '../src/physics/space.ts';

/** CG from `x` until max|f_i| ≤ tol (the quench's minimizer on any force function; round-off floors max|f_i| near 3e-13). */
function minimize(forces: ForceFunction, x: Float64Array, dim: number, tol: number): Float64Array {
  const cg = conjugateGradient(forces, { dim });
  const s = cg.init(x);
  for (let k = 0; k < 20000 && maxParticleForce(s.forces, dim) > tol && !s.stuck; k++) cg.step(s);
  expect(maxParticleForce(s.forces, dim)).toBeLessThan(tol * 10);
  return s.positions;
}

function inherentState(model: Model, n: number, seed: number): Configuration {
  const q = quench(model, randomConfiguration(model, n, seed), { algorithm: 'fire', forceTolerance: 1e-12 });
  return q.final;
}

/** U at the minimum reached from x affinely sheared to strain γ in plane (a, b). */
function minimizedEnergyAtStrain(model: Model, c: Configuration, gamma: number, a: number, b: number): number {
  const box = shearedBox(c.box, gamma, a, b);
  const x = affineShear(c.positions, c.box.dim, gamma, a, b);
  const land = createLandscape(model, { ...c, box, positions: x });
  const xm = minimize(landscapeForces(land), x, c.box.dim, 1e-12);
  return energy(land, xm);
}

const cases: { model: Model; n: number; seed: number; planes: [number, number][] }[] = [
  { model: MODELS.soft2d, n: 196, seed: 3, planes: [[0, 1]] },
  { model: MODELS.soft3d, n: 343, seed: 5, planes: [[0, 2]] },
];

describe('shear modulus (004 Eq. A1)', () => {
  for (const { model, n, seed, planes } of cases) {
    const c = inherentState(model, n, seed);
    const V = boxVolume(c.box);
    const land = createLandscape(model, c);
    const pairs = elasticPairs(land, c.positions);

    it(`${model.name}: the Born term equals the second difference of U under affine strain`, () => {
      for (const [a, b] of planes) {
        const { born } = shearCoupling(pairs, a, b);
        const dg = 1e-4;
        const U = (g: number) => energy(createLandscape(model, { ...c, box: shearedBox(c.box, g, a, b), positions: affineShear(c.positions, c.box.dim, g, a, b) }), affineShear(c.positions, c.box.dim, g, a, b));
        const fd = (U(dg) + U(-dg) - 2 * U(0)) / (dg * dg);
        // rattler pairs are left out of `born`; with none here the two agree to the difference's round-off
        expect(pairs.rattlers).toBe(0);
        expect(Math.abs(fd - born) / born).toBeLessThan(1e-5);
      }
    });

    it(`${model.name}: G equals the second derivative of the minimized energy under imposed strain ±δγ`, () => {
      for (const [a, b] of planes) {
        const plane = shearModulusInPlane(pairs, V, a, b, { tolerance: 1e-10 });
        const dg = 2e-4;
        const u0 = energy(land, c.positions);
        const up = minimizedEnergyAtStrain(model, c, dg, a, b), um = minimizedEnergyAtStrain(model, c, -dg, a, b);
        const gFd = (up + um - 2 * u0) / (V * dg * dg);
        expect(plane.nonaffine).toBeGreaterThan(0.05 * plane.born); // the relaxation matters: G is not just the Born term
        expect(Math.abs(gFd - plane.shearModulus) / plane.shearModulus).toBeLessThan(2e-3);
      }
    });
  }

  it('averages the D(D−1)/2 planes', () => {
    const c = inherentState(MODELS.soft3d, 343, 5);
    const g = shearModulus(elasticPairs(createLandscape(MODELS.soft3d, c), c.positions), boxVolume(c.box));
    expect(g.planes.map((p) => [p.a, p.b])).toEqual([[0, 1], [0, 2], [1, 2]]);
    expect(g.shearModulus).toBeCloseTo(g.planes.reduce((s, p) => s + p.shearModulus, 0) / 3, 12);
    expect(g.shearModulus).toBeCloseTo(g.born - g.nonaffine, 10);
  });
});

describe('dipole stiffness (004 Eqs. A2–A4)', () => {
  for (const { model, n, seed } of cases) {
    it(`${model.name}: κ_ij equals the response measured by applying a small dipole force and minimizing`, () => {
      const c = inherentState(model, n, seed);
      const d = c.box.dim;
      const land = createLandscape(model, c);
      const pairs = elasticPairs(land, c.positions);
      expect(pairs.rattlers).toBe(0);
      for (const p of [0, Math.floor(pairs.hessian.first.length / 2)]) {
        const { kappa, response: z } = dipoleResponse(pairs, p, { tolerance: 1e-12 });
        const dhat = unitDipole(pairs, p);
        const F = 1e-4;
        // Minimize U − F d̂·u (u the minimum-image displacement from the inherent state), for +F and −F.
        const respond = (sign: number) => {
          const base = landscapeForces(createLandscape(model, c));
          const forces: ForceFunction = (x, f, withEnergy = true) => {
            const e = base(x, f, withEnergy);
            const u = displacementField(c.box, c.positions, x);
            let work = 0;
            for (let k = 0; k < f.length; k++) { f[k] += sign * F * dhat[k]; work += sign * F * dhat[k] * u[k]; }
            return e - work;
          };
          return displacementField(c.box, c.positions, minimize(forces, c.positions.slice(), d, 1e-12));
        };
        const up = respond(1), um = respond(-1);
        const u = up.map((x, k) => (x - um[k]) / 2); // the linear part: u = F z + O(F³)
        let du = 0, uu = 0, err = 0, zz = 0;
        for (let k = 0; k < u.length; k++) { du += dhat[k] * u[k]; uu += u[k] * u[k]; err += (u[k] / F - z[k]) ** 2; zz += z[k] * z[k]; }
        // u = F z, so κ = (d̂·z)/(z·z) = F (d̂·u)/(u·u)
        expect(Math.abs((F * du) / uu - kappa) / kappa).toBeLessThan(1e-4);
        expect(Math.sqrt(err / zz)).toBeLessThan(1e-4);
      }
    });
  }

  it('mean, median and local field over sampled pairs', () => {
    const c = inherentState(MODELS.soft2d, 196, 3);
    const pairs = elasticPairs(createLandscape(MODELS.soft2d, c), c.positions);
    const chosen = samplePairs(pairs.hessian.first.length, 12);
    const r = dipoleStiffness(pairs, chosen);
    expect(r.count).toBe(12);
    const sorted = Array.from(r.kappa).sort((x, y) => x - y);
    expect(r.median).toBeCloseTo((sorted[5] + sorted[6]) / 2, 12);
    expect(r.mean).toBeCloseTo(sorted.reduce((s, x) => s + x, 0) / 12, 12);
    for (const k of r.kappa) expect(k).toBeGreaterThan(0);
    // κ_i of a particle with one measured pair is that pair's κ
    const i = pairs.hessian.first[chosen[0]];
    if (r.localCount[i] === 1) expect(r.local[i]).toBe(r.kappa[0]);
    expect(r.localCount.reduce((s, x) => s + x, 0)).toBe(24);
  });
});

describe('CG on the mode space', () => {
  it('solves M z = b to the asked residual (checked with a fresh product) and reports progress along the way', () => {
    const c = inherentState(MODELS.soft2d, 196, 3);
    const pairs = elasticPairs(createLandscape(MODELS.soft2d, c), c.positions);
    const b = unitDipole(pairs, 7);
    const calls: [number, number][] = [];
    const sol = solveOnModeSpace(pairs.operator, pairs.space, b, { tolerance: 1e-10, onProgress: (it, r) => calls.push([it, r]) });
    const mz = new Float64Array(b.length);
    pairs.operator(sol.solution, mz);
    let r2 = 0, b2 = 0;
    for (let k = 0; k < b.length; k++) { r2 += (mz[k] - b[k]) ** 2; b2 += b[k] ** 2; }
    expect(Math.sqrt(r2 / b2)).toBeLessThan(1e-9);
    expect(calls.length).toBe(Math.floor(sol.iterations / PROGRESS_EVERY));
    expect(calls.length).toBeGreaterThan(0);
    for (const [it, r] of calls) { expect(it % PROGRESS_EVERY).toBe(0); if (it < sol.iterations) expect(r).toBeGreaterThan(1e-10); }
  });

  it('block-Jacobi preconditioning gives the same z in fewer iterations', () => {
    const c = inherentState(MODELS.soft3d, 343, 5);
    const pairs = elasticPairs(createLandscape(MODELS.soft3d, c), c.positions);
    const b = shearCoupling(pairs, 1, 2).xi;
    const plain = solveOnModeSpace(pairs.operator, pairs.space, b, { tolerance: 1e-11 });
    const pre = solveOnModeSpace(pairs.operator, pairs.space, b, { tolerance: 1e-11, preconditioner: pairs.preconditioner });
    let diff = 0, norm = 0;
    for (let k = 0; k < b.length; k++) { diff += (plain.solution[k] - pre.solution[k]) ** 2; norm += plain.solution[k] ** 2; }
    expect(Math.sqrt(diff / norm)).toBeLessThan(1e-8);
    expect(pre.iterations).toBeLessThan(0.9 * plain.iterations);
  });
});
