// The sheared (Lees–Edwards) periodic box: its neighbor list finds every pair within range (against all pairs with the sheared
// minimum image), its energy is invariant under the sheared lattice translations, and minimizers run in it.
import { describe, expect, it } from 'vitest';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape, energy, energyAndForces } from '../src/physics/forces.ts';
import { MODELS, randomConfiguration, type Model } from '../src/physics/models.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { buildShearedNeighborList } from '../src/physics/shearedNeighbors.ts';
import { affineShear, minimumImageSheared, shearedBox, wrapPositions, type Box } from '../src/physics/space.ts';

/** Every pair (i < j) with |r_ij| (sheared minimum image) below x_c·s_ij + skin, from the list and by brute force. */
function pairSets(model: Model, n: number, gamma: number, a: number, b: number) {
  const c0 = randomConfiguration(model, n, 7);
  const box = shearedBox(c0.box, gamma, a, b);
  const c = { ...c0, box, positions: affineShear(c0.positions, box.dim, gamma, a, b) };
  const land = createLandscape(model, c);
  const x = c.positions.slice();
  const list = buildShearedNeighborList(land.spec, x);
  const d = box.dim, L = box.lengths;
  const fromList = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    for (let p = list.offsets[i]; p < list.offsets[i + 1]; p++) {
      const j = list.partners[p];
      const r = Array.from({ length: d }, (_, k) => x[j * d + k] - x[i * d + k] + (list.images as Float64Array)[p * d + k]);
      fromList.set(`${Math.min(i, j)}-${Math.max(i, j)}`, i < j ? r : r.map((v) => -v));
    }
  }
  const brute = new Map<string, number[]>();
  const w = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    for (let k = 0; k < d; k++) w[k] = x[j * d + k] - x[i * d + k];
    minimumImageSheared(box, box.shear as NonNullable<Box['shear']>, w);
    const s = model.rule.sigma(c.diameters[i], c.diameters[j], c.species[i], c.species[j]);
    const rc = model.potential.xc * s + land.spec.skin;
    if (w.reduce((t, v) => t + v * v, 0) < rc * rc) brute.set(`${i}-${j}`, Array.from(w));
  }
  return { fromList, brute, L };
}

describe('sheared periodic box (Lees–Edwards)', () => {
  const cases: [string, number, number, number, number][] = [
    ['soft2d', 400, 0.23, 0, 1], ['soft2d', 400, -0.41, 1, 0], ['soft3d', 1000, 0.31, 0, 2], ['ka3d', 500, -0.17, 2, 1],
  ];
  for (const [name, n, gamma, a, b] of cases) {
    it(`${name} γ = ${gamma} (x_${a} += γ x_${b}): the cell-built list holds exactly the pairs in range, at their sheared minimum image`, () => {
      const { fromList, brute } = pairSets(MODELS[name as keyof typeof MODELS], n, gamma, a, b);
      expect(brute.size).toBeGreaterThan(n);
      expect(new Set(fromList.keys())).toEqual(new Set(brute.keys()));
      for (const [key, r] of brute) (fromList.get(key) as number[]).forEach((v, k) => expect(v).toBeCloseTo(r[k], 12));
    });
  }

  it('the energy is invariant under a sheared lattice translation (L_b ê_b + γ L_b ê_a) and equals the unsheared one at γ = 0', () => {
    const model = MODELS.soft2d;
    const c0 = randomConfiguration(model, 300, 2);
    const gamma = 0.2;
    const box = shearedBox(c0.box, gamma, 0, 1);
    const x = affineShear(c0.positions, 2, gamma, 0, 1);
    const e = energy(createLandscape(model, { ...c0, box, positions: x }), x.slice());
    const moved = x.slice();
    const Lb = box.lengths[1];
    for (let i = 0; i < 300; i += 3) { moved[2 * i + 1] += Lb; moved[2 * i] += gamma * Lb; }
    const e2 = energy(createLandscape(model, { ...c0, box, positions: moved }), moved);
    expect(Math.abs(e2 - e) / Math.abs(e)).toBeLessThan(1e-12);
    // a plain (unsheared) translation by L_b ê_b is not a lattice vector of the sheared box: the energy changes
    const wrong = x.slice();
    for (let i = 0; i < 300; i += 3) wrong[2 * i + 1] += Lb;
    expect(Math.abs(energy(createLandscape(model, { ...c0, box, positions: wrong }), wrong) - e)).toBeGreaterThan(1e-3);
    const zero = shearedBox(c0.box, 0, 0, 1);
    const ez = energy(createLandscape(model, { ...c0, box: zero, positions: c0.positions.slice() }), c0.positions.slice());
    const eu = energy(createLandscape(model, c0), c0.positions.slice());
    expect(Math.abs(ez - eu) / eu).toBeLessThan(1e-12);
  });

  it('forces are −∇E in the sheared box (central differences)', () => {
    const model = MODELS.soft3d;
    const c0 = jitteredLattice(model, 216, 4, 0.3); // no overlaps: forces of order one
    const box = shearedBox(c0.box, 0.3, 1, 2);
    const x = affineShear(c0.positions, 3, 0.3, 1, 2);
    wrapPositions(box, x);
    const land = createLandscape(model, { ...c0, box, positions: x });
    const f = new Float64Array(x.length);
    energyAndForces(land, x, f);
    const h = 1e-6;
    for (const k of [0, 5, 100, 301, 640]) {
      const xp = x.slice(), xm = x.slice();
      xp[k] += h; xm[k] -= h;
      const fd = -(energy(land, xp) - energy(land, xm)) / (2 * h);
      expect(Math.abs(fd - f[k])).toBeLessThan(1e-5 * Math.max(1, Math.abs(f[k])));
    }
  });

  it('the quench minimizes at fixed strain: FIRE, CG and SD reach zero force and stay in the sheared box', () => {
    const model = MODELS.soft2d;
    const c0 = randomConfiguration(model, 200, 9);
    const box = shearedBox(c0.box, 0.15, 0, 1);
    const c = { ...c0, box, positions: affineShear(c0.positions, 2, 0.15, 0, 1) };
    for (const algorithm of ['fire', 'cg', 'sd'] as const) {
      const q = quench(model, c, { algorithm, forceTolerance: 1e-9, tMax: 1e5 });
      expect(q.maxForce).toBeLessThan(1e-8);
      expect(q.final.box.shear?.gamma).toBe(0.15);
      // wrapped into the parallelepiped: reduced coordinates s_0 = x_0 − γ x_1 in [0, L)
      for (let i = 0; i < 200; i++) {
        const s0 = q.final.positions[2 * i] - 0.15 * q.final.positions[2 * i + 1];
        expect(s0).toBeGreaterThanOrEqual(-1e-12);
        expect(s0).toBeLessThan(box.lengths[0] + 1e-12);
      }
    }
  });

  it('refuses a strain beyond ±0.5 and a shear along a single axis', () => {
    const c = randomConfiguration(MODELS.soft2d, 100, 1);
    expect(() => shearedBox(c.box, 0.7, 0, 1)).toThrow(/−0.5, 0.5/);
    expect(() => shearedBox(c.box, 0.1, 1, 1)).toThrow(/two different axes/);
  });
});
