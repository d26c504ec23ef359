import { describe, expect, it } from 'vitest';
import { createLandscape, energyAndForces, hessianVectorProduct } from '../src/physics/forces.ts';
import { MODELS, MODEL_NAMES, randomConfiguration, type ModelName } from '../src/physics/models.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { periodicBox } from '../src/physics/space.ts';
import { plantMariKurchan } from '../src/physics/mariKurchan/planting.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { createRng } from '../src/physics/rng.ts';
import {
  applyCsr, applyPairHessian, csrHessian, denseHessian, findRattlers, modeSpace, pairHessian, projectModeSpace, withoutParticles,
  type PairHessian,
} from '../src/physics/hessian/index.ts';

// A small state of each model whose box still holds twice the search radius (KA's cutoff is 2.5 σ; 8D in a small
// all-pairs box as test/highDimensions.test.ts does; Mari–Kurchan planted with its pair shifts).
function smallState(name: ModelName): Configuration {
  const model = MODELS[name];
  if (name === 'harmonic8d') {
    const rng = createRng(4, 1);
    return { box: periodicBox(8, 2.5), positions: new Float64Array(60 * 8).map(() => rng.uniform() * 2.5), diameters: new Float64Array(60).fill(1), species: new Uint8Array(60) };
  }
  if (name === 'harmonic4d') return randomConfiguration(model, 64, 3);
  if (name === 'mk3d') return plantMariKurchan(model, 600, 12345, 0.01);
  return jitteredLattice(model, name.startsWith('ka') ? (model.dim === 2 ? 64 : 216) : model.dim === 2 ? 36 : 125, 11, 0.3);
}
const sizeFor = (name: string, dim: number) => (name.startsWith('ka') ? (dim === 2 ? 64 : 216) : dim === 2 ? 36 : 125);

function randomVector(m: number, seed: number): Float64Array {
  const rng = createRng(seed, 7);
  return Float64Array.from({ length: m }, () => rng.normal());
}

describe('analytic Hessian (docs/PHYSICS.md §5)', () => {
  for (const name of MODEL_NAMES) {
    const model = MODELS[name];
    it(`${name}: every column equals the central difference of the forces`, () => {
      const c = smallState(name);
      const land = createLandscape(model, c);
      const x = c.positions.slice();
      const ph = pairHessian(land, x);
      const m = x.length;
      const fp = new Float64Array(m), fm = new Float64Array(m), e = new Float64Array(m), col = new Float64Array(m);
      const h = 1e-6;
      // Every column up to 400 rows, else 40 spread over the matrix.
      const columns = m <= 400 ? Array.from({ length: m }, (_, k) => k) : Array.from({ length: 40 }, (_, k) => Math.floor((k * m) / 40) + (k % model.dim));
      let scale = 0, worst = 0;
      for (const k of columns) {
        e.fill(0); e[k] = 1;
        applyPairHessian(ph, e, col);
        const xk = x[k];
        x[k] = xk + h; energyAndForces(land, x, fp, false);
        x[k] = xk - h; energyAndForces(land, x, fm, false);
        x[k] = xk;
        for (let r = 0; r < m; r++) {
          scale = Math.max(scale, Math.abs(col[r]));
          worst = Math.max(worst, Math.abs(col[r] + (fp[r] - fm[r]) / (2 * h)));
        }
      }
      expect(ph.first.length).toBeGreaterThan(0);
      expect(scale).toBeGreaterThan(0.1);
      expect(worst / scale).toBeLessThan(1e-6);
    });
  }

  for (const name of ['soft2d', 'ka3d'] as const) {
    it(`${name}: pair sweep, dense, CSR and forces.ts's product agree on H v`, () => {
      const model = MODELS[name];
      const c = jitteredLattice(model, sizeFor(name, model.dim), 5, 0.3);
      const land = createLandscape(model, c);
      const ph = pairHessian(land, c.positions);
      const m = c.positions.length;
      const v = randomVector(m, 3);
      const a = applyPairHessian(ph, v, new Float64Array(m));
      const H = denseHessian(ph);
      const b = new Float64Array(m);
      for (let r = 0; r < m; r++) { let s = 0; for (let k = 0; k < m; k++) s += H[r * m + k] * v[k]; b[r] = s; }
      const csr = applyCsr(csrHessian(ph), v, new Float64Array(m));
      const ref = hessianVectorProduct(land, c.positions, v, new Float64Array(m));
      let norm = 0;
      for (const x of b) norm = Math.max(norm, Math.abs(x));
      const gap = (u: Float64Array) => u.reduce((g, x, r) => Math.max(g, Math.abs(x - b[r])), 0);
      expect(gap(a)).toBeLessThan(1e-10 * norm);
      expect(gap(csr)).toBeLessThan(1e-10 * norm);
      expect(gap(ref)).toBeLessThan(1e-10 * norm);
      // H is symmetric and annihilates the D translations.
      let asymmetry = 0;
      for (let r = 0; r < m; r++) for (let k = 0; k < r; k++) asymmetry = Math.max(asymmetry, Math.abs(H[r * m + k] - H[k * m + r]));
      expect(asymmetry).toBe(0);
      const t = new Float64Array(m);
      for (let i = 0; i < m; i += model.dim) t[i] = 1;
      const ht = applyPairHessian(ph, t, new Float64Array(m));
      expect(ht.reduce((g, x) => Math.max(g, Math.abs(x)), 0)).toBeLessThan(1e-9 * norm);
    });
  }
});

describe('rattlers and the mode space', () => {
  // 2D: particles 0–3 all in contact (3 = D + 1 contacts each), 4 touches 0 and 5, 5 touches only 4.
  const pairs = [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3], [0, 4], [4, 5]];
  const toy: PairHessian = {
    n: 6, dim: 2, first: Int32Array.from(pairs, (p) => p[0]), second: Int32Array.from(pairs, (p) => p[1]),
    blocks: new Float64Array(pairs.length * 4).fill(1),
  };

  it('drops particles with fewer than D + 1 contacts, recounting after each drop', () => {
    const r = findRattlers(toy);
    expect(r.count).toBe(2);
    expect(Array.from(r.mask)).toEqual([0, 0, 0, 0, 1, 1]);
    const reduced = withoutParticles(toy, r.mask);
    expect(reduced.first.length).toBe(6);
  });

  it('a cascade: a chain hanging on a rigid cluster falls off link by link', () => {
    const chain: PairHessian = { ...toy, n: 4, first: Int32Array.from([0, 1, 2]), second: Int32Array.from([1, 2, 3]), blocks: new Float64Array(12) };
    expect(findRattlers(chain).count).toBe(4);
  });

  it('the projector removes the translations and the left-out particles, and is idempotent', () => {
    const excluded = Uint8Array.from([0, 0, 1, 0, 0]);
    const space = modeSpace(5, 3, excluded);
    expect(space.size).toBe(3 * 3);
    const v = randomVector(15, 9);
    projectModeSpace(space, v);
    const again = projectModeSpace(space, v.slice());
    for (let k = 0; k < 15; k++) expect(again[k]).toBeCloseTo(v[k], 14);
    for (let a = 0; a < 3; a++) {
      let s = 0;
      for (let i = 0; i < 5; i++) s += v[i * 3 + a];
      expect(Math.abs(s)).toBeLessThan(1e-14);
      expect(v[2 * 3 + a]).toBe(0);
    }
  });
});

describe('Matrix Market export of the Hessian', () => {
  it('round-trips through the symmetric coordinate format', async () => {
    const { writeMatrixMarketSymmetric } = await import('../src/io/matrixMarket.ts');
    const model = MODELS.soft2d;
    const c = jitteredLattice(model, 36, 2);
    const csr = csrHessian(pairHessian(createLandscape(model, c), c.positions));
    const text = writeMatrixMarketSymmetric(csr, 'test');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('%%MatrixMarket matrix coordinate real symmetric');
    const [rows, cols, count] = lines[2].split(' ').map(Number);
    expect([rows, cols]).toEqual([72, 72]);
    const dense = new Float64Array(72 * 72);
    for (const line of lines.slice(3)) {
      const [r, k, x] = line.split(' ');
      dense[(Number(r) - 1) * 72 + Number(k) - 1] = Number(x);
      dense[(Number(k) - 1) * 72 + Number(r) - 1] = Number(x);
    }
    expect(lines.length - 3).toBe(count);
    const ref = denseHessian(pairHessian(createLandscape(model, c), c.positions));
    for (let k = 0; k < ref.length; k++) expect(dense[k]).toBe(ref[k]);
  });
});
