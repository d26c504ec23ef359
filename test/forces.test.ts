import { describe, expect, it } from 'vitest';
import { createLandscape, energy, energyAndForces, hessianVectorProduct } from '../src/physics/forces.ts';
import { MODELS, MODEL_NAMES, boxSide } from '../src/physics/models.ts';
import { D_MAX, D_MIN, inversePowerLawMean, polydispersity, polydisperseDiameters } from '../src/physics/diameters.ts';
import { SOFT_C0, SOFT_C1, SOFT_C2 } from '../src/physics/potentials.ts';
import { createRng } from '../src/physics/rng.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { smallState } from './modelStates.ts';


describe('pair potentials', () => {
  it('soft-sphere coefficients are those of 000 App. A.1a', () => {
    expect(SOFT_C0).toBeCloseTo(-1.924145, 6);
    expect(SOFT_C1).toBeCloseTo(2.111062, 6);
    expect(SOFT_C2).toBeCloseTo(-0.591097, 6);
  });

  for (const name of MODEL_NAMES) {
    const pot = MODELS[name].potential;
    it(`${name}: derivatives of u match finite differences`, () => {
      for (const x of [0.85, 0.97, 1.1, 1.2, 0.7 * pot.xc, 0.95 * pot.xc]) {
        if (x >= pot.xc) continue;
        const h = 1e-5;
        const fd = (g: (y: number) => number) => (g(x + h) - g(x - h)) / (2 * h);
        expect(pot.du(x)).toBeCloseTo(fd(pot.u), 5);
        expect(pot.d2u(x)).toBeCloseTo(fd(pot.du), 4);
        expect(pot.d3u(x) / (1 + Math.abs(pot.d3u(x)))).toBeCloseTo(fd(pot.d2u) / (1 + Math.abs(pot.d3u(x))), 5);
        expect(pot.d4u(x) / (1 + Math.abs(pot.d4u(x)))).toBeCloseTo(fd(pot.d3u) / (1 + Math.abs(pot.d4u(x))), 5);
      }
    });
    it(`${name}: continuous at the cutoff as far as the model says (${pot.smoothAtCutoff} of u, u′, u″)`, () => {
      const fns = [pot.u, pot.du, pot.d2u];
      for (let k = 0; k < pot.smoothAtCutoff; k++) expect(Math.abs(fns[k](pot.xc))).toBeLessThan(1e-12);
      // and the first derivative that is not required to vanish really does not (so the test can tell models apart)
      if (pot.smoothAtCutoff < 3) expect(Math.abs(fns[pot.smoothAtCutoff](pot.xc))).toBeGreaterThan(1e-3);
    });
  }
});

describe('diameters (000 App. A.1a)', () => {
  it('d_min, d_max, ratio and mean are exact; polydispersity 0.2299', () => {
    expect(D_MAX).toBeCloseTo(1.61359, 5);
    expect(D_MIN).toBeCloseTo(0.7245, 4);
    expect(D_MIN / D_MAX).toBeCloseTo(0.449, 12);
    expect(inversePowerLawMean()).toBeCloseTo(1, 12);
    const d = polydisperseDiameters(20000, createRng(3));
    expect(d.reduce((a, b) => a + b, 0) / d.length).toBeCloseTo(1, 4);
    expect(polydispersity(d)).toBeCloseTo(0.2299, 3);
    expect(Math.min(...d)).toBeGreaterThanOrEqual(D_MIN);
    expect(Math.max(...d)).toBeLessThanOrEqual(D_MAX);
  });
  it('is deterministic from the seed and changes with it', () => {
    const a = polydisperseDiameters(100, createRng(7));
    expect(Array.from(polydisperseDiameters(100, createRng(7)))).toEqual(Array.from(a));
    expect(Array.from(polydisperseDiameters(100, createRng(8)))).not.toEqual(Array.from(a));
  });
  it('densities: ρ for soft and KA, φ for harmonic spheres', () => {
    const d = polydisperseDiameters(1000, createRng(1));
    expect(1000 / boxSide(MODELS.soft2d, d) ** 2).toBeCloseTo(1.0, 12);
    expect(1000 / boxSide(MODELS.soft3d, d) ** 3).toBeCloseTo(1.02, 12);
    const L = boxSide(MODELS.harmonic2d, d);
    const phi = d.reduce((a, x) => a + (Math.PI * x * x) / 4, 0) / (L * L);
    expect(phi).toBeCloseTo(1.2, 12);
    const L3 = boxSide(MODELS.harmonic3d, new Float64Array(1000).fill(1));
    expect((1000 * Math.PI) / 6 / L3 ** 3).toBeCloseTo(0.73, 12);
  });
});

describe('forces and Hessian–vector products against finite differences', () => {
  for (const name of MODEL_NAMES) {
    const model = MODELS[name];
    it(`${name}: f = −∇E`, () => {
      const c = smallState(model, 11);
      const land = createLandscape(model, c);
      const f = new Float64Array(c.positions.length);
      energyAndForces(land, c.positions, f);
      const x = c.positions.slice();
      const h = 1e-6;
      let worst = 0;
      let scale = 0;
      for (let k = 0; k < x.length; k += Math.max(7, Math.floor(x.length / 60))) { // ~60 coordinates (8D has 56000)
        const x0 = x[k];
        x[k] = x0 + h; const ep = energy(land, x);
        x[k] = x0 - h; const em = energy(land, x);
        x[k] = x0;
        worst = Math.max(worst, Math.abs(-(ep - em) / (2 * h) - f[k]));
        scale = Math.max(scale, Math.abs(f[k]));
      }
      expect(scale).toBeGreaterThan(1e-3); // the test is not vacuous
      expect(worst / scale).toBeLessThan(1e-6);
    });
    it(`${name}: H·v equals the directional derivative of −f`, () => {
      const c = smallState(model, 12);
      const land = createLandscape(model, c);
      const m = c.positions.length;
      const rng = createRng(5);
      const v = new Float64Array(m).map(() => rng.normal());
      const hv = hessianVectorProduct(land, c.positions, v, new Float64Array(m));
      // Where u″ jumps at x_c (harmonic, LJ), pairs within ~h|v| of the cutoff spoil the difference: 8D harmonic spheres at
      // N = 7000 have about three such pairs at h = 1e-6, a tenth of one at 1e-7.
      const h = model.potential.smoothAtCutoff < 3 ? 1e-7 : 1e-6;
      const xp = c.positions.map((x, k) => x + h * v[k]);
      const xm = c.positions.map((x, k) => x - h * v[k]);
      const fp = new Float64Array(m), fm = new Float64Array(m);
      energyAndForces(land, xp, fp);
      energyAndForces(land, xm, fm);
      let err = 0, norm = 0;
      for (let k = 0; k < m; k++) {
        const fd = -(fp[k] - fm[k]) / (2 * h);
        err += (fd - hv[k]) ** 2;
        norm += hv[k] ** 2;
      }
      expect(norm).toBeGreaterThan(1e-6);
      expect(Math.sqrt(err / norm)).toBeLessThan(1e-5);
    });
  }

  it('forces sum to zero (Newton’s third law) and energy is invariant under a global translation', () => {
    const model = MODELS.ka3d;
    const c = jitteredLattice(model, 343, 4);
    const land = createLandscape(model, c);
    const f = new Float64Array(c.positions.length);
    const e = energyAndForces(land, c.positions, f);
    for (let a = 0; a < 3; a++) {
      let s = 0;
      for (let i = a; i < f.length; i += 3) s += f[i];
      expect(Math.abs(s)).toBeLessThan(1e-9);
    }
    const shifted = c.positions.map((x, k) => x + [0.37, -1.2, 5.5][k % 3]);
    expect(energy(createLandscape(model, { ...c, positions: shifted }), shifted)).toBeCloseTo(e, 8);
  });

  it('rejects a box too small for the interaction range with a clear message', () => {
    const model = MODELS.ka3d;
    const c = jitteredLattice(model, 343, 1);
    expect(() => createLandscape(model, { ...c, diameters: c.diameters.slice(0, 20), species: c.species.slice(0, 20), positions: c.positions.slice(0, 60), box: { dim: 3, lengths: new Float64Array([4, 4, 4]) } })).toThrow(/smaller than twice the interaction range/);
  });
});
