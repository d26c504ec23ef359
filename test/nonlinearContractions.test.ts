// κ, τ, χ of a displacement field (003 Eqs. 10, 11, 28) and the fields M·z, U‴:zz, U⁗⋮zzz against independent truths:
// finite differences of the energy (energy()) and of the forces (energyAndForces()) along z, for every model; and the
// pair derivatives φ‴, φ⁗ against finite differences of φ″.
import { describe, expect, it } from 'vitest';
import { createLandscape, energy, energyAndForces, type Landscape } from '../src/physics/forces.ts';
import { MODEL_NAMES, MODELS } from '../src/physics/models.ts';
import { pairDerivatives, expansionCoefficients } from '../src/physics/pairDerivatives.ts';
import { expansionFields, expansionFieldsOf, expansionOf, greatCircleOf, circleValue, pairExpansion } from '../src/physics/nonlinear/index.ts';
import { createRng } from '../src/physics/rng.ts';
import { smallState } from './modelStates.ts';

describe('pair derivatives φ‴, φ⁗ (pairDerivatives.ts)', () => {
  for (const name of MODEL_NAMES) {
    const pot = MODELS[name].potential;
    it(`${name}: φ‴ and φ⁗ are the derivatives of φ″ and φ‴ (ε = 1.5, s = 0.88)`, () => {
      const eps = 1.5, s = 0.88, h = 1e-5;
      for (const x of [0.8, 0.95, 1.1, 0.6 * pot.xc, 0.93 * pot.xc]) {
        if (x >= pot.xc - 2 * h) continue;
        const r = x * s;
        const at = (y: number) => pairDerivatives(pot, eps, s, y);
        const fd3 = (at(r + h).d2 - at(r - h).d2) / (2 * h);
        const fd4 = (at(r + h).d3 - at(r - h).d3) / (2 * h);
        const fd2 = (at(r + h).d1 - at(r - h).d1) / (2 * h);
        const scale = (v: number) => 1 + Math.abs(v);
        expect(Math.abs(at(r).d2 - fd2) / scale(fd2)).toBeLessThan(1e-6);
        expect(Math.abs(at(r).d3 - fd3) / scale(fd3)).toBeLessThan(1e-6);
        expect(Math.abs(at(r).d4 - fd4) / scale(fd4)).toBeLessThan(1e-6);
        // and the energy scale: φ(r) = ε u(r/s)
        expect(at(r).d1).toBeCloseTo((eps / s) * pot.du(x), 12);
      }
    });
  }
  it('A1 … A4 are 2ᵏ dᵏφ/d(r²)ᵏ: the expansion of φ(√t) checked on φ = r⁻¹²', () => {
    // φ(r) = r⁻¹² = t⁻⁶: dφ/dt = −6 t⁻⁷, d²φ/dt² = 42 t⁻⁸, d³ = −336 t⁻⁹, d⁴ = 3024 t⁻¹⁰.
    const r = 1.07, t = r * r;
    const phi = { d1: -12 * r ** -13, d2: 156 * r ** -14, d3: -2184 * r ** -15, d4: 32760 * r ** -16 };
    const a = new Float64Array(4);
    expansionCoefficients(phi, r, a);
    expect(a[0] / (2 * -6 * t ** -7)).toBeCloseTo(1, 12);
    expect(a[1] / (4 * 42 * t ** -8)).toBeCloseTo(1, 12);
    expect(a[2] / (8 * -336 * t ** -9)).toBeCloseTo(1, 12);
    expect(a[3] / (16 * 3024 * t ** -10)).toBeCloseTo(1, 12);
  });
});

/**
 * A random field on particle 0 and the particles within `radius` of it (a soft spot's size), zero elsewhere, unit norm. In
 * high D a field on few particles keeps every moved pair away from its cutoff (where the pair energy has a kink).
 */
function localizedField(land: Landscape, positions: Float64Array, seed: number, radius = land.box.dim > 3 ? 0.9 : 1.3): Float64Array {
  const d = land.box.dim, n = positions.length / d, L = land.box.lengths;
  const rng = createRng(seed, 11);
  const z = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    for (let a = 0; a < d; a++) { let x = positions[i * d + a] - positions[a]; x -= L[a] * Math.round(x / L[a]); r2 += x * x; }
    if (r2 < radius * radius) for (let a = 0; a < d; a++) z[i * d + a] = rng.normal();
  }
  let s = 0;
  for (const v of z) s += v * v;
  return z.map((v) => v / Math.sqrt(s));
}

/** Largest step such that no pair of the list crosses its cutoff within ±3h along z (where the pair energy has a kink). */
function stepWithoutCutoffCrossing(land: Landscape, positions: Float64Array, z: Float64Array): number {
  const { offsets, partners, sigma, images } = land.list;
  const d = land.box.dim, L = land.box.lengths, xc = land.model.potential.xc;
  let h = 2e-3;
  for (let i = 0; i < land.list.n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = partners[p];
      let r2 = 0, w2 = 0;
      for (let a = 0; a < d; a++) {
        let x = positions[j * d + a] - positions[i * d + a];
        if (images) x += images[p * d + a];
        x -= L[a] * Math.round(x / L[a]);
        r2 += x * x;
        const w = z[j * d + a] - z[i * d + a];
        w2 += w * w;
      }
      if (w2 > 0) h = Math.min(h, Math.abs(Math.sqrt(r2) - xc * sigma[p]) / (4 * Math.sqrt(w2)));
    }
  }
  return h;
}

describe('κ, τ, χ and their fields equal finite differences along z (003 Eqs. 10, 11, 28)', () => {
  for (const name of MODEL_NAMES) {
    it(`${name}`, () => {
      const model = MODELS[name];
      const c = smallState(model, 5);
      const land = createLandscape(model, c);
      const x0 = c.positions;
      const z = localizedField(land, x0, 2);
      const pe = pairExpansion(land, x0);
      const m = x0.length;
      const fields = expansionFields(m);
      const e = expansionFieldsOf(pe, z, fields);
      const plain = expansionOf(pe, z);
      expect(plain.kappa).toBe(e.kappa);
      expect(plain.chi).toBe(e.chi);
      const h = stepWithoutCutoffCrossing(land, x0, z);
      expect(h).toBeGreaterThan(1e-4); // the field's pairs are not at their cutoffs (else the test says nothing)
      const moved = (s: number) => { const x = x0.slice(); for (let k = 0; k < m; k++) x[k] += s * z[k]; return x; };
      // Energy: central differences, O(h²) for E″ and E‴ (5 and 6 points) and E⁗ (7 points).
      const E = [-3, -2, -1, 0, 1, 2, 3].map((k) => energy(land, moved(k * h)));
      const [m3, m2, m1, e0, p1, p2, p3] = E;
      const d2 = (-p2 + 16 * p1 - 30 * e0 + 16 * m1 - m2) / (12 * h * h);
      const d3 = (-p3 + 8 * p2 - 13 * p1 + 13 * m1 - 8 * m2 + m3) / (8 * h ** 3);
      const d4 = (-p3 + 12 * p2 - 39 * p1 + 56 * e0 - 39 * m1 + 12 * m2 - m3) / (6 * h ** 4);
      // Round-off of each stencil: ε_mach · Σ|pair energies| (≤ |E| + N·ε_max as a bound) · Σ|weights| / denominator.
      const sum = Math.abs(e0) + (m / land.box.dim) * 2;
      const roundOff = (weights: number, denominator: number) => (1e-15 * sum * weights) / denominator;
      expect(Math.abs(d2 - e.kappa)).toBeLessThan(1e-6 * Math.abs(e.kappa) + roundOff(64, 12 * h * h));
      expect(Math.abs(d3 - e.tau)).toBeLessThan(1e-4 * Math.abs(e.tau) + roundOff(44, 8 * h ** 3));
      expect(Math.abs(d4 - e.chi)).toBeLessThan(1e-3 * Math.abs(e.chi) + roundOff(160, 6 * h ** 4));
      // Where the states allow a step of ~1e-3 the energy's fourth difference resolves χ (elsewhere the forces below do).
      if (['soft2d', 'soft3d', 'ka2d', 'ka3d'].includes(name)) expect(roundOff(160, 6 * h ** 4)).toBeLessThan(0.3 * Math.abs(e.chi));
      // Forces F(s) = −∇E(x0 + s z): −dF/ds = M·z, −d²F/ds² = U‴:zz, −d³F/ds³ = U⁗⋮zzz (five-point stencils).
      const F = [-2, -1, 0, 1, 2].map((k) => { const f = new Float64Array(m); energyAndForces(land, moved(k * h), f, false); return f; });
      let errM = 0, errT = 0, errU = 0, normM = 0, normT = 0, normU = 0;
      for (let k = 0; k < m; k++) {
        const [fm2, fm1, f0, fp1, fp2] = F.map((f) => -f[k]);
        const g1 = (-fp2 + 8 * fp1 - 8 * fm1 + fm2) / (12 * h);
        const g2 = (-fp2 + 16 * fp1 - 30 * f0 + 16 * fm1 - fm2) / (12 * h * h);
        const g3 = (fp2 - 2 * fp1 + 2 * fm1 - fm2) / (2 * h ** 3);
        errM = Math.max(errM, Math.abs(g1 - fields.mz[k])); normM = Math.max(normM, Math.abs(fields.mz[k]));
        errT = Math.max(errT, Math.abs(g2 - fields.u3zz[k])); normT = Math.max(normT, Math.abs(fields.u3zz[k]));
        errU = Math.max(errU, Math.abs(g3 - fields.u4zzz[k])); normU = Math.max(normU, Math.abs(fields.u4zzz[k]));
      }
      expect(errM / normM).toBeLessThan(1e-6);
      expect(errT / normT).toBeLessThan(1e-6);
      expect(errU / normU).toBeLessThan(1e-3);
      // κ = z·(M·z), τ = z·(U‴:zz), χ = z·(U⁗⋮zzz) for |z| = 1
      let zm = 0, zt = 0, zu = 0;
      for (let k = 0; k < m; k++) { zm += z[k] * fields.mz[k]; zt += z[k] * fields.u3zz[k]; zu += z[k] * fields.u4zzz[k]; }
      expect(zm).toBeCloseTo(e.kappa, 10);
      expect(zt / e.tau).toBeCloseTo(1, 10);
      expect(zu / e.chi).toBeCloseTo(1, 10);
    });
  }
});

describe('the great circle z cos θ + d sin θ in closed form', () => {
  it('κ(θ), τ(θ), χ(θ) and their θ-derivatives equal a direct evaluation (soft3d)', () => {
    const model = MODELS.soft3d;
    const c = smallState(model, 3);
    const land = createLandscape(model, c);
    const pe = pairExpansion(land, c.positions);
    const z = localizedField(land, c.positions, 4);
    const raw = localizedField(land, c.positions, 5);
    let zd = 0;
    for (let k = 0; k < z.length; k++) zd += z[k] * raw[k];
    const dir = raw.map((v, k) => v - zd * z[k]);
    let nd = 0;
    for (const v of dir) nd += v * v;
    for (let k = 0; k < dir.length; k++) dir[k] /= Math.sqrt(nd);
    const circle = greatCircleOf(pe, z, dir);
    for (const theta of [0, 0.3, 1.1, -0.7]) {
      const at = (t: number) => expansionOf(pe, z.map((v, k) => Math.cos(t) * v + Math.sin(t) * dir[k]));
      const e = at(theta);
      expect(circleValue(circle.second, theta).value).toBeCloseTo(e.kappa, 10);
      expect(circleValue(circle.third, theta).value / e.tau).toBeCloseTo(1, 10);
      expect(circleValue(circle.fourth, theta).value / e.chi).toBeCloseTo(1, 10);
      const h = 1e-5;
      const slope = (at(theta + h).chi - at(theta - h).chi) / (2 * h);
      expect(circleValue(circle.fourth, theta).slope / slope).toBeCloseTo(1, 5);
    }
  });
});
