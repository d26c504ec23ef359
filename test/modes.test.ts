import { describe, expect, it } from 'vitest';
import type { Configuration } from '../src/physics/configuration.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { periodicBox } from '../src/physics/space.ts';
import { lennardJonesTruncatedShifted as lj } from '../src/physics/potentials.ts';
import { projectModeSpace } from '../src/physics/hessian/modeSpace.ts';
import { symmetricEigen } from '../src/physics/analysis/modes/symmetricEigen.ts';
import { lanczosLowest } from '../src/physics/analysis/modes/lanczos.ts';
import { chebyshevOperator, filteredLanczosLowest } from '../src/physics/analysis/modes/chebyshevFilter.ts';
import { allEigenvalues, hessianProblem, modesOfProblem } from '../src/physics/analysis/modes/normalModes.ts';
import {
  smoothedDensity, spectralDensityEstimate, spectralQuadrature, unstableFractionEstimate,
} from '../src/physics/analysis/modes/spectralDensity.ts';
import { createRng } from '../src/physics/rng.ts';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed, 3);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const x = rng.normal(); A[i * n + j] = x; A[j * n + i] = x; }
  return A;
}

describe('dense symmetric eigensolver (Householder + implicit QL)', () => {
  it('the (2, −1) tridiagonal Toeplitz matrix has λ_k = 2 − 2 cos(kπ/(n+1))', () => {
    const n = 40;
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) { A[i * n + i] = 2; if (i > 0) { A[i * n + i - 1] = -1; A[(i - 1) * n + i] = -1; } }
    const { values } = symmetricEigen(A, n, false);
    for (let k = 1; k <= n; k++) expect(values[k - 1]).toBeCloseTo(2 - 2 * Math.cos((k * Math.PI) / (n + 1)), 12);
  });

  it('a random symmetric matrix: A v = λ v, orthonormal vectors, trace preserved', () => {
    const n = 60;
    const A = randomSymmetric(n, 1);
    const { values, vectors } = symmetricEigen(A, n);
    const V = vectors as Float64Array;
    let trace = 0, sum = 0, worst = 0, ortho = 0;
    for (let i = 0; i < n; i++) { trace += A[i * n + i]; sum += values[i]; }
    for (let k = 0; k < n; k++) {
      for (let r = 0; r < n; r++) {
        let s = 0;
        for (let c = 0; c < n; c++) s += A[r * n + c] * V[k * n + c];
        worst = Math.max(worst, Math.abs(s - values[k] * V[k * n + r]));
      }
      for (let l = 0; l <= k; l++) {
        let s = 0;
        for (let c = 0; c < n; c++) s += V[k * n + c] * V[l * n + c];
        ortho = Math.max(ortho, Math.abs(s - (k === l ? 1 : 0)));
      }
      if (k > 0) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
    }
    expect(sum).toBeCloseTo(trace, 10);
    expect(worst).toBeLessThan(1e-12);
    expect(ortho).toBeLessThan(1e-12);
  });
});

describe('normal modes of a glass (soft2d inherent structure, N = 100)', () => {
  const model = MODELS.soft2d;
  const is = quench(model, jitteredLattice(model, 100, 4), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
  const problem = hessianProblem(createLandscape(model, is), is.positions);

  it('dense: translations removed, no negative eigenvalue, small residuals', () => {
    const modes = modesOfProblem(problem, { count: 8, method: 'dense' });
    expect(modes.method).toBe('dense');
    const all = allEigenvalues(problem);
    expect(all.length).toBe(2 * 100 - 2);
    expect(modes.values[0]).toBeGreaterThan(1e-6); // minimum: stable, and the two zeros are gone
    for (const r of modes.residuals) expect(r).toBeLessThan(1e-9 * all[all.length - 1]);
    for (let k = 0; k < 8; k++) expect(modes.values[k]).toBeCloseTo(all[k], 10);
  });

  it('thick-restart Lanczos equals dense on the lowest 6 modes', () => {
    const dense = modesOfProblem(problem, { count: 6, method: 'dense' });
    const lan = modesOfProblem(problem, { count: 6, method: 'lanczos', basisSize: 30 });
    expect(lan.method).toBe('lanczos');
    expect(lan.restarts).toBeGreaterThan(0); // the small basis forces restarts
    for (let k = 0; k < 6; k++) {
      expect(Math.abs(lan.values[k] - dense.values[k])).toBeLessThan(1e-8 * (1 + dense.values[k]));
      expect(lan.residuals[k]).toBeLessThan(1e-6);
      let overlap = 0;
      for (let c = 0; c < 200; c++) overlap += lan.vectors[k][c] * dense.vectors[k][c];
      expect(Math.abs(overlap)).toBeGreaterThan(1 - 1e-6);
    }
  });

  it('the Chebyshev filter acts on an eigenvector as −T_d(y(λ)), and filtered Lanczos equals dense', () => {
    const dense = modesOfProblem(problem, { count: 6, method: 'dense' });
    const all = allEigenvalues(problem);
    const a = 3, b = 1.05 * all[all.length - 1], degree = 7; // [a, b] must hold the whole unwanted spectrum
    const op = chebyshevOperator(problem.apply, a, b, degree, 200);
    const out = new Float64Array(200);
    op(dense.vectors[2], out);
    const y = ((a + b) / 2 - dense.values[2]) / ((b - a) / 2);
    const td = Math.cosh(degree * Math.acosh(y)); // y > 1 below a
    for (let c = 0; c < 200; c++) expect(out[c]).toBeCloseTo(-td * dense.vectors[2][c], 8);
    const f = filteredLanczosLowest(problem.apply, 200, {
      count: 6, degree: 8, basisSize: 30, project: (v) => projectModeSpace(problem.space, v), spaceSize: problem.space.size,
    });
    expect(f.converged).toBe(true);
    for (let k = 0; k < 6; k++) {
      expect(Math.abs(f.values[k] - dense.values[k])).toBeLessThan(1e-8 * (1 + dense.values[k]));
      expect(f.residuals[k]).toBeLessThan(1e-6);
    }
  });

  it('Lanczos on a plain matrix: the lowest eigenvalues of a random symmetric matrix', () => {
    const n = 300;
    const A = randomSymmetric(n, 2);
    const exact = symmetricEigen(A, n, false).values;
    const apply = (v: Float64Array, out: Float64Array) => {
      for (let r = 0; r < n; r++) { let s = 0; for (let c = 0; c < n; c++) s += A[r * n + c] * v[c]; out[r] = s; }
    };
    const r = lanczosLowest(apply, n, { count: 4, basisSize: 40 });
    expect(r.converged).toBe(true);
    for (let k = 0; k < 4; k++) expect(r.values[k]).toBeCloseTo(exact[k], 8);
  });
});

describe('known spectra', () => {
  it('triangular crystal of harmonic spheres: the dense spectrum is the analytic phonon dispersion', () => {
    // Spacing a < 1 = σ: only the 6 nearest neighbors interact; K = φ″ n nᵀ + (φ′/a)(I − n nᵀ), φ′ = a − 1, φ″ = 1.
    const nx = 6, ny = 6, a = 0.9;
    const n = nx * ny;
    const h = (a * Math.sqrt(3)) / 2;
    const positions = new Float64Array(2 * n);
    for (let q = 0; q < ny; q++) for (let p = 0; p < nx; p++) {
      const i = q * nx + p;
      positions[2 * i] = (p + 0.5 * (q % 2) + 0.25) * a;
      positions[2 * i + 1] = (q + 0.5) * h;
    }
    const c: Configuration = { box: periodicBox(2, [nx * a, ny * h]), positions, diameters: new Float64Array(n).fill(1), species: new Uint8Array(n) };
    const problem = hessianProblem(createLandscape(MODELS.harmonic2d, c), c.positions);
    const numeric = Array.from(allEigenvalues(problem));
    const analytic: number[] = [];
    const neighbors = [0, 1, 2, 3, 4, 5].map((k) => [a * Math.cos((k * Math.PI) / 3), a * Math.sin((k * Math.PI) / 3)]);
    for (let p = 0; p < nx; p++) for (let q = 0; q < ny; q++) {
      const kx = (2 * Math.PI * p) / (nx * a), ky = (2 * Math.PI * q) / (ny * h);
      let dxx = 0, dxy = 0, dyy = 0;
      for (const [x, y] of neighbors) {
        const w = 1 - Math.cos(kx * x + ky * y);
        const nxv = x / a, nyv = y / a, t = (a - 1) / a;
        dxx += w * (nxv * nxv + t * (1 - nxv * nxv));
        dxy += w * (nxv * nyv - t * nxv * nyv);
        dyy += w * (nyv * nyv + t * (1 - nyv * nyv));
      }
      const mean = (dxx + dyy) / 2, rad = Math.hypot((dxx - dyy) / 2, dxy);
      analytic.push(mean - rad, mean + rad);
    }
    analytic.sort((x, y) => x - y);
    analytic.splice(0, 2); // k = 0: the two translations
    expect(numeric.length).toBe(analytic.length);
    for (let k = 0; k < analytic.length; k++) expect(numeric[k]).toBeCloseTo(analytic[k], 10);
    expect(numeric[0]).toBeGreaterThan(0.01); // stable crystal
  });

  it('a linear Lennard-Jones trimer held at a saddle by symmetry has one negative eigenvalue, 3φ′(r)/r', () => {
    // φ′(r) + φ′(2r) = 0 makes every force vanish; the bending mode (1, −2, 1)⊥ is then unstable.
    let lo = 1.0, hi = Math.pow(2, 1 / 6);
    for (let it = 0; it < 200; it++) { const mid = 0.5 * (lo + hi); if (lj.du(mid) + lj.du(2 * mid) < 0) lo = mid; else hi = mid; }
    const r = 0.5 * (lo + hi);
    const L = 12;
    const c: Configuration = {
      box: periodicBox(2, L), positions: Float64Array.from([L / 2 - r, L / 2, L / 2, L / 2, L / 2 + r, L / 2]),
      diameters: new Float64Array(3).fill(1), species: new Uint8Array(3),
    };
    const problem = hessianProblem(createLandscape(MODELS.ka2d, c), c.positions);
    const values = Array.from(allEigenvalues(problem));
    const expected = [3 * lj.du(r) / r, 0, lj.d2u(r) + 2 * lj.d2u(2 * r), 3 * lj.d2u(r)].sort((x, y) => x - y);
    expect(values.length).toBe(4);
    expect(values.filter((x) => x < -1e-9).length).toBe(1);
    for (let k = 0; k < 4; k++) expect(values[k]).toBeCloseTo(expected[k], 9);
  });
});

describe('stochastic Lanczos quadrature (harmonic2d, N = 150, part way down an SD quench)', () => {
  const model = MODELS.harmonic2d;
  const c = quench(model, randomConfiguration(model, 150, 3), { algorithm: 'sd', tMax: 1, forceTolerance: 0 }).final;
  const problem = hessianProblem(createLandscape(model, c), c.positions);
  const exact = allEigenvalues(problem);
  const q = spectralQuadrature(problem.apply, 300, { vectors: 30, steps: 40, project: (v) => projectModeSpace(problem.space, v), spaceSize: problem.space.size, seed: 5 });

  it('f_u falls within its stated error of the exact count', () => {
    const fu = exact.filter((x) => x < 0).length / exact.length;
    expect(fu).toBeGreaterThan(0.05); // an unstable landscape, so the test means something
    const est = unstableFractionEstimate(q);
    expect(Math.abs(est.value - fu)).toBeLessThan(3 * est.error + est.quadratureBound);
    expect(est.quadratureBound).toBeLessThan(0.1); // m = 40 nodes per rule: the bracket is a few node weights wide
  });

  it('D(λ) (Gaussian-smoothed) falls within 4 standard errors of the exact smoothed density', () => {
    const width = 0.4;
    const grid = [-2, -1, -0.5, 0, 0.5, 1, 2, 3, 4, 6];
    const est = spectralDensityEstimate(q, grid, width);
    grid.forEach((x, g) => {
      const truth = smoothedDensity(exact, null, x, width);
      expect(Math.abs(est.density[g] - truth)).toBeLessThan(4 * est.error[g] + 0.01 * truth + 1e-4);
    });
  });
});
