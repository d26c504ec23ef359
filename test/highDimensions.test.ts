import { describe, expect, it } from 'vitest';
import { createLandscape, energy, energyAndForces, hessianVectorProduct } from '../src/physics/forces.ts';
import { MODELS, boxSide, randomConfiguration, type Model } from '../src/physics/models.ts';
import { buildNeighborList, type NeighborSpec } from '../src/physics/neighbors.ts';
import { createRng } from '../src/physics/rng.ts';
import { ballVolume, minimumImage1, periodicBox } from '../src/physics/space.ts';
import type { Configuration } from '../src/physics/configuration.ts';

/** N unit spheres uniform in a cubic box of side L (not the model's density: small boxes that still hold a cutoff < L/2). */
function uniformBox(dim: number, n: number, L: number, seed: number): Configuration {
  const rng = createRng(seed);
  return {
    box: periodicBox(dim, L),
    positions: new Float64Array(n * dim).map(() => rng.uniform() * L),
    diameters: new Float64Array(n).fill(1),
    species: new Uint8Array(n),
  };
}

/** The high-D test states: harmonic4d at its own density (cells in use), harmonic8d in a small all-pairs box. */
const cases: [Model, Configuration][] = [
  [MODELS.harmonic4d, randomConfiguration(MODELS.harmonic4d, 256, 3)],
  [MODELS.harmonic8d, uniformBox(8, 400, 2.5, 4)],
];

describe('harmonic spheres in 4D and 8D (000 App. A.1b)', () => {
  it('the box holds the volume fraction with the D-ball volume V_D(½) = π^(D/2)/(2^D Γ(D/2+1))', () => {
    expect(ballVolume(4, 0.5)).toBeCloseTo(Math.PI ** 2 / 32, 14);
    expect(ballVolume(8, 0.5)).toBeCloseTo(Math.PI ** 4 / (24 * 256), 14);
    for (const [m, phi] of [[MODELS.harmonic4d, 0.5], [MODELS.harmonic8d, 0.1]] as const) {
      const d = new Float64Array(1000).fill(1);
      expect((1000 * ballVolume(m.dim, 0.5)) / boxSide(m, d) ** m.dim).toBeCloseTo(phi, 12);
    }
  });

  it('8D at N = 16384: L ≈ 2.67, the cutoff 1 < L/2, and the default skin is kept below L/2 − 1', () => {
    const L = boxSide(MODELS.harmonic8d, new Float64Array(16384).fill(1));
    expect(L).toBeCloseTo(2.67, 2);
    expect(1).toBeLessThan(L / 2);
    // A box of side 2.3 only leaves a margin of 0.15 for the skin: the landscape shrinks it rather than refusing.
    const land = createLandscape(MODELS.harmonic8d, uniformBox(8, 50, 2.3, 1));
    expect(land.spec.skin).toBeCloseTo(0.075, 12);
    // A cutoff above L/2 would need several images per pair: refused with a clear message.
    expect(() => createLandscape(MODELS.harmonic8d, uniformBox(8, 50, 1.9, 1))).toThrow(/smaller than twice the interaction range/);
  });

  for (const [model, c] of cases) {
    const dim = model.dim;
    it(`${model.name}: the Verlet list equals the brute-force set of pairs within x_c·s + skin`, () => {
      const skin = 0.2;
      const spec: NeighborSpec = { box: c.box, rule: model.rule, xc: model.potential.xc, diameters: c.diameters, species: c.species, maxSigma: 1, skin };
      const list = buildNeighborList(spec, c.positions.slice());
      const listed: string[] = [];
      for (let i = 0; i < c.diameters.length; i++) for (let p = list.offsets[i]; p < list.offsets[i + 1]; p++) {
        const j = list.partners[p];
        listed.push(i < j ? `${i},${j}` : `${j},${i}`);
      }
      const brute: string[] = [];
      const n = c.diameters.length;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        let r2 = 0;
        for (let a = 0; a < dim; a++) r2 += minimumImage1(c.positions[j * dim + a] - c.positions[i * dim + a], c.box.lengths[a]) ** 2;
        if (r2 < 1.2 ** 2) brute.push(`${i},${j}`);
      }
      expect(brute.length).toBeGreaterThan(50);
      expect(listed.sort()).toEqual(brute.sort());
    });

    it(`${model.name}: f = −∇E and H·v = −(f(x + hv) − f(x − hv))/2h`, () => {
      const land = createLandscape(model, c);
      const x = c.positions.slice();
      const m = x.length;
      const f = new Float64Array(m);
      const e0 = energyAndForces(land, x, f);
      expect(e0).toBeCloseTo(energy(land, x), 10);
      expect(e0).toBeGreaterThan(1);
      const h = 1e-6;
      let worst = 0, scale = 0;
      for (let k = 0; k < m; k += 5) {
        const x0 = x[k];
        x[k] = x0 + h; const ep = energy(land, x);
        x[k] = x0 - h; const em = energy(land, x);
        x[k] = x0;
        worst = Math.max(worst, Math.abs(-(ep - em) / (2 * h) - f[k]));
        scale = Math.max(scale, Math.abs(f[k]));
      }
      expect(scale).toBeGreaterThan(1e-2);
      expect(worst / scale).toBeLessThan(1e-6);

      const rng = createRng(9);
      const v = new Float64Array(m).map(() => rng.normal());
      const hv = hessianVectorProduct(land, x, v, new Float64Array(m));
      const fp = new Float64Array(m), fm = new Float64Array(m);
      energyAndForces(land, x.map((y, k) => y + h * v[k]), fp);
      energyAndForces(land, x.map((y, k) => y - h * v[k]), fm);
      let err = 0, norm = 0;
      for (let k = 0; k < m; k++) { err += (-(fp[k] - fm[k]) / (2 * h) - hv[k]) ** 2; norm += hv[k] ** 2; }
      expect(norm).toBeGreaterThan(1);
      expect(Math.sqrt(err / norm)).toBeLessThan(1e-5);
    });
  }
});
