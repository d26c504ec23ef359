import { describe, expect, it } from 'vitest';
import { createLandscape, energy, energyAndForces } from '../src/physics/forces.ts';
import { plantMariKurchan } from '../src/physics/mariKurchan/planting.ts';
import { shiftSampler } from '../src/physics/mariKurchan/shifts.ts';
import { MODELS } from '../src/physics/models.ts';
import { createRng } from '../src/physics/rng.ts';
import { boxVolume } from '../src/physics/space.ts';
import type { Configuration } from '../src/physics/configuration.ts';

const mk = MODELS.mk3d;
const pot = mk.potential;
const u = (r2: number) => (r2 < pot.xc * pot.xc ? pot.uOfX2(r2) : 0);

/** ⟨U⟩ and ⟨U²⟩ of one pair over the periodic box V, weight e^{−U/T}: radial Simpson quadrature inside the cutoff sphere. */
function pairMoments(T: number, V: number): { mean: number; meanSquare: number } {
  const m = 40000, rc = pot.xc, h = rc / m;
  let z = 0, e1 = 0, e2 = 0;
  for (let k = 1; k <= m; k++) {
    const r = k * h, U = u(r * r), w = (k === m ? 1 : k % 2 === 1 ? 4 : 2) * 4 * Math.PI * r * r * (h / 3);
    const b = Math.exp(-U / T);
    z += w * (b - 1); e1 += w * U * b; e2 += w * U * U * b;
  }
  const Z = V + z; // ∫_box e^{−U/T} = V − ∫_sphere (1 − e^{−U/T})
  return { mean: e1 / Z, meanSquare: e2 / Z };
}

/** E = Σ_{i<j} U(|r_i − r_j + A_ij|) and its forces, directly over all pairs, with the shifts regenerated one by one. */
function directEnergyAndForces(c: Configuration): { e: number; f: Float64Array } {
  const n = c.diameters.length, L = c.box.lengths[0];
  const sampler = shiftSampler(c.shifts!, c.box, (r2) => u(r2));
  const A = new Float64Array(3), s = new Float64Array(3), f = new Float64Array(3 * n);
  let e = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    sampler.shift(i, j, A);
    let r2 = 0;
    for (let a = 0; a < 3; a++) { const x = c.positions[3 * i + a] - c.positions[3 * j + a] + A[a]; s[a] = x - L * Math.round(x / L); r2 += s[a] ** 2; }
    if (r2 >= pot.xc ** 2) continue;
    e += pot.uOfX2(r2);
    const g = -pot.duOverX(r2); // f_i = −U′(r) ŝ with s = r_i − r_j + A_ij
    for (let a = 0; a < 3; a++) { f[3 * i + a] += g * s[a]; f[3 * j + a] -= g * s[a]; }
  }
  return { e, f };
}

describe('Mari–Kurchan model (000 App. A.1d)', () => {
  it('u, u′, u″ of Eq. (A1) vanish at x_c = 4 with c0, c1, c2 recomputed for it', () => {
    expect(pot.xc).toBe(4);
    for (const g of [pot.u, pot.du, pot.d2u]) expect(Math.abs(g(4))).toBeLessThan(1e-15);
    expect(pot.u(1)).toBeCloseTo(1 - 28 / 4 ** 12 + 48 / 4 ** 14 - 21 / 4 ** 16, 14);
  });

  for (const T of [1, 0.1, 0.015, 0.002]) {
    it(`planting is exact at T = ${T}: E/N = (N − 1)/2 ⟨U⟩_pair (quadrature) within 4σ of the pair sum`, () => {
      const n = 700;
      let sum = 0, expected = 0, variance = 0;
      for (const seed of [1, 2]) {
        const c = plantMariKurchan(mk, n, seed, T);
        sum += energy(createLandscape(mk, c), c.positions.slice());
        const { mean, meanSquare } = pairMoments(T, boxVolume(c.box));
        const pairs = (n * (n - 1)) / 2; // the shifted separations are independent, uniform draws from e^{−U/T} over the box
        expected += pairs * mean;
        variance += pairs * (meanSquare - mean * mean);
      }
      expect(Math.abs(sum - expected)).toBeLessThan(4 * Math.sqrt(variance));
      // and the test can tell temperatures apart: the T-dependence of ⟨U⟩ is many σ here
      const other = pairMoments(T * 1.5, boxVolume(plantMariKurchan(mk, n, 1, T).box)).mean * n * (n - 1);
      expect(Math.abs(other - expected)).toBeGreaterThan(8 * Math.sqrt(variance));
    });
  }

  it('A_ji = −A_ij, and the planted separation |r⁰_i − r⁰_j + A_ij| is the accepted draw', () => {
    const c = plantMariKurchan(mk, 700, 5, 0.01);
    const sampler = shiftSampler(c.shifts!, c.box, (r2) => u(r2));
    const a = new Float64Array(3), b = new Float64Array(3), s = new Float64Array(3);
    for (const [i, j] of [[0, 1], [3, 600], [100, 101]]) {
      sampler.shift(i, j, a); sampler.shift(j, i, b); sampler.separation(i, j, s);
      for (let k = 0; k < 3; k++) {
        expect(b[k]).toBe(-a[k]);
        expect(c.positions[3 * i + k] - c.positions[3 * j + k] + a[k]).toBeCloseTo(s[k], 12);
      }
    }
  });

  it('energies and forces from the Verlet list equal a direct O(N²) sum over the shifted pairs, before and after moves', () => {
    const c = plantMariKurchan(mk, 700, 3, 0.015);
    const land = createLandscape(mk, c);
    const x = c.positions.slice();
    const rng = createRng(2);
    for (const move of [0, 0.05, 0.6]) { // 0.6 forces rebuilds from moved positions
      for (let k = 0; k < x.length; k++) x[k] += move * (2 * rng.uniform() - 1);
      const f = new Float64Array(x.length);
      const e = energyAndForces(land, x, f);
      const direct = directEnergyAndForces({ ...c, positions: x });
      expect(e).toBeGreaterThan(1);
      expect(Math.abs(e - direct.e) / direct.e).toBeLessThan(1e-11);
      let worst = 0, scale = 0;
      for (let k = 0; k < f.length; k++) { worst = Math.max(worst, Math.abs(f[k] - direct.f[k])); scale = Math.max(scale, Math.abs(direct.f[k])); }
      expect(worst / scale).toBeLessThan(1e-10);
    }
    expect(land.list.builds).toBeGreaterThan(1);
  });

  it('needs its planted shifts: a state without them is refused with a clear message', () => {
    const c = plantMariKurchan(mk, 700, 1, 0.1);
    expect(() => createLandscape(mk, { ...c, shifts: undefined })).toThrow(/needs the planted pair shifts/);
    expect(() => plantMariKurchan(mk, 700, 1, 0)).toThrow(/T > 0/);
  });
});
