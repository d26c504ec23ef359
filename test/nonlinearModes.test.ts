// The quartic and cubic modes (003 Eqs. 8, 12, 26, 31; App. B): stationarity to a stated residual, no lower cost within
// small random nudges, and the same minimum as an independent search that uses only the scalar contractions.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from '../src/physics/configuration.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { modeSpace, projectModeSpace } from '../src/physics/hessian/modeSpace.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS, type Model } from '../src/physics/models.ts';
import {
  expansionFields, expansionFieldsOf, expansionOf, minimizeNonlinearMode, modeCost, nonlinearModes, pairExpansion,
  type NonlinearModes, type PairExpansion,
} from '../src/physics/nonlinear/index.ts';
import { createRng } from '../src/physics/rng.ts';

const TOLERANCE = 1e-8;

function inherentStructure(model: Model, n: number, seed: number): Configuration {
  return quench(model, jitteredLattice(model, n, seed), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
}

function costOf(pe: PairExpansion, order: 'quartic' | 'cubic', z: Float64Array): number {
  const e = expansionOf(pe, z);
  return modeCost(order, e.kappa, e.tau, e.chi).value;
}

function unit(v: Float64Array): Float64Array {
  let s = 0;
  for (const x of v) s += x * x;
  return v.map((x) => x / Math.sqrt(s));
}

for (const [name, n] of [['soft2d', 150], ['soft3d', 250], ['ka2d', 120]] as const) {
  describe(`${name}, N = ${n}: ψ, π4 and π3 (003 App. B)`, () => {
    const model = MODELS[name];
    let c: Configuration, r: NonlinearModes, pe: PairExpansion;
    beforeAll(() => {
      c = inherentStructure(model, n, 7);
      const land = createLandscape(model, c);
      r = nonlinearModes(land, c.positions, { tolerance: TOLERANCE });
      pe = pairExpansion(land, c.positions);
    });

    it('κ(ψ) is the lowest eigenvalue λ (003 after Eq. 11)', () => {
      expect(r.harmonic.kappa / r.harmonic.lambda).toBeCloseTo(1, 9);
      expect(r.harmonic.lambda).toBeGreaterThan(0);
    });

    it(`π4 solves M·π4 = (κ/χ) U⁗⋮π4π4π4 (Eq. 8) and π3 solves M·π3 = (κ/τ) U‴:π3π3 (Eq. 26) to ${TOLERANCE} relative`, () => {
      expect(r.quartic.converged).toBe(true);
      expect(r.cubic.converged).toBe(true);
      const m = c.positions.length;
      for (const [order, z] of [['quartic', r.quartic.field], ['cubic', r.cubic.field]] as const) {
        const f = expansionFields(m);
        const e = expansionFieldsOf(pe, z, f);
        const ratio = order === 'quartic' ? e.kappa / e.chi : e.kappa / e.tau;
        const u = order === 'quartic' ? f.u4zzz : f.u3zz;
        let res = 0, norm = 0;
        for (let k = 0; k < m; k++) { res += (f.mz[k] - ratio * u[k]) ** 2; norm += f.mz[k] ** 2; }
        expect(Math.sqrt(res / norm)).toBeLessThan(TOLERANCE);
        expect(e.norm2).toBeCloseTo(1, 12);
      }
    });

    it('each minimization lowers its cost: E4(π4) ≤ E4(ψ), E3(π3) ≤ E3(π4); π3 stays close to π4', () => {
      expect(costOf(pe, 'quartic', r.quartic.field)).toBeLessThanOrEqual(costOf(pe, 'quartic', r.harmonic.field));
      expect(costOf(pe, 'cubic', r.cubic.field)).toBeLessThanOrEqual(costOf(pe, 'cubic', r.quartic.field));
      expect(r.cubic.overlapWithQuartic).toBeGreaterThan(0.5);
      expect(r.quartic.chi).toBeGreaterThan(0);
      expect(r.cubic.tau).toBeLessThanOrEqual(0); // the orientation convention
    });

    it('random small nudges of π4 and π3 (projected, renormalized) never lower E4 or E3', () => {
      const rng = createRng(3, 17);
      const space = modeSpace(n, model.dim);
      for (const [order, z] of [['quartic', r.quartic.field], ['cubic', r.cubic.field]] as const) {
        const e0 = costOf(pe, order, z);
        for (let trial = 0; trial < 40; trial++) {
          const amplitude = [1e-3, 1e-2, 3e-2][trial % 3];
          const v = projectModeSpace(space, Float64Array.from(z, () => rng.normal()));
          const nv = unit(v);
          const nudged = unit(z.map((x, k) => x + amplitude * nv[k]));
          expect(costOf(pe, order, nudged)).toBeGreaterThanOrEqual(e0 * (1 - 1e-12));
        }
      }
    });
  });
}

describe('an independent search finds the same quartic and cubic modes', () => {
  it('projected gradient descent on the sphere with finite-difference gradients of E (expansionOf only), soft2d N = 40', () => {
    const model = MODELS.soft2d;
    const n = 40;
    const c = inherentStructure(model, n, 11);
    const land = createLandscape(model, c);
    const r = nonlinearModes(land, c.positions, { tolerance: TOLERANCE });
    const pe = pairExpansion(land, c.positions);
    const space = modeSpace(n, 2);
    for (const [order, start, target] of [['quartic', r.harmonic.field, r.quartic], ['cubic', r.quartic.field, r.cubic]] as const) {
      let z = unit(projectModeSpace(space, start.slice()));
      let e = costOf(pe, order, z);
      let step = 1e-2;
      const h = 1e-6;
      for (let it = 0; it < 3000 && step > 1e-14; it++) {
        const g = new Float64Array(z.length);
        for (let k = 0; k < z.length; k++) {
          const zp = z.slice(); zp[k] += h;
          const zm = z.slice(); zm[k] -= h;
          g[k] = (costOf(pe, order, zp) - costOf(pe, order, zm)) / (2 * h);
        }
        projectModeSpace(space, g);
        // backtracking: accept the first step that lowers E, grow the next one
        for (;;) {
          const trial = unit(projectModeSpace(space, z.map((x, k) => x - step * g[k])));
          const et = costOf(pe, order, trial);
          if (et < e) { z = trial; e = et; step *= 1.5; break; }
          step /= 2;
          if (step < 1e-14) break;
        }
      }
      let overlap = 0;
      for (let k = 0; k < z.length; k++) overlap += z[k] * target.field[k];
      expect(Math.abs(overlap)).toBeGreaterThan(0.999);
      expect(e / target.cost).toBeCloseTo(1, 5);
      expect(target.cost).toBeLessThanOrEqual(e * (1 + 1e-10));
    }
  });
});

describe('input checks', () => {
  it('a field with no component in the mode space is refused with a clear message', () => {
    const model = MODELS.soft2d;
    const c = inherentStructure(model, 40, 2);
    const land = createLandscape(model, c);
    const pe = pairExpansion(land, c.positions);
    const translation = new Float64Array(80).map((_, k) => (k % 2 === 0 ? 1 : 0));
    expect(() => minimizeNonlinearMode(pe, modeSpace(40, 2), 'quartic', translation)).toThrow(/zero once translations/);
  });
});
