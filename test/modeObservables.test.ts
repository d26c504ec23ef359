import { describe, expect, it } from 'vitest';
import { createLandscape, energy } from '../src/physics/forces.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { steepestDescent } from '../src/physics/descent/steepestDescent.ts';
import { landscapeForces, meanSquaredForce } from '../src/physics/descent/state.ts';
import { periodicBox } from '../src/physics/space.ts';
import { denseModes, hessianProblem, normalModes } from '../src/physics/analysis/modes/normalModes.ts';
import { fixedWRun } from '../src/physics/analysis/modes/fixedWSampling.ts';
import { lennardJonesTruncatedShifted as lj } from '../src/physics/potentials.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { participationRatio } from '../src/physics/analysis/modes/participation.ts';
import { decayLaw, decayProfile, energyProfile, fitDecayLength, localModeEnergy } from '../src/physics/analysis/modes/modeProfiles.ts';
import { mobilityEdge } from '../src/physics/analysis/modes/mobilityEdge.ts';
import { harmonicEnergyExcess, harmonicMeanSquaredForce } from '../src/physics/analysis/modes/harmonicRelaxation.ts';
import { fitLowFrequencyDos } from '../src/physics/analysis/modes/vdosFit.ts';

describe('participation ratio (002 Eq. 11)', () => {
  it('is 1 for a uniform mode and 1/N for a single particle', () => {
    const n = 50;
    const uniform = new Float64Array(2 * n).fill(1 / Math.sqrt(2 * n));
    expect(participationRatio(uniform, 2)).toBeCloseTo(1, 12);
    const single = new Float64Array(2 * n);
    single[10] = 0.6; single[11] = 0.8;
    expect(participationRatio(single, 2)).toBeCloseTo(1 / n, 12);
  });
});

describe('profiles of a mode (002 App. C)', () => {
  it('the decay profile of a field built with Eq. (12) gives back its ξ', () => {
    const side = 48, xi = 3;
    const positions = new Float64Array(2 * side * side), mode = new Float64Array(2 * side * side);
    const c = side / 2;
    for (let i = 0; i < side * side; i++) {
      const x = (i % side) + 0.5, y = Math.floor(i / side) + 0.5;
      positions[2 * i] = x; positions[2 * i + 1] = y;
      const r = Math.hypot(x - c - 0.5, y - c - 0.5);
      mode[2 * i] = r === 0 ? 10 : decayLaw(r, xi);
    }
    const profile = decayProfile(periodicBox(2, side), positions, mode, 0.5);
    expect(profile.core).toBe(c * side + c);
    const fit = fitDecayLength(profile, 2, 15);
    expect(fit.xi).toBeGreaterThan(0.95 * xi);
    expect(fit.xi).toBeLessThan(1.05 * xi);
  });

  it('the local energies of an eigenmode add up to its eigenvalue, and Λ(r) ends there (Eqs. C2–C3)', () => {
    const model = MODELS.harmonic2d;
    const c = quench(model, randomConfiguration(model, 64, 2), { algorithm: 'sd', tMax: 0.5, forceTolerance: 0 }).final;
    const problem = hessianProblem(createLandscape(model, c), c.positions);
    const all = denseModes(problem, true);
    for (const k of [0, 5]) {
      const e = all.vectors[k];
      const de = localModeEnergy(problem.hessian, e);
      expect(de.reduce((s, x) => s + x, 0)).toBeCloseTo(all.values[k], 9);
      const prof = energyProfile(c.box, c.positions, problem.hessian, e);
      expect(prof.lambda[prof.lambda.length - 1]).toBeCloseTo(all.values[k], 9);
      expect(prof.lambdaMin).toBeLessThanOrEqual(Math.min(prof.lambda[0], all.values[k]));
      expect(prof.lambda[0]).toBe(de[prof.core]); // the profile starts at the most negative δE_i
    }
  });
});

describe('mobility edge from N^{(D−1)/D}⟨P⟩ crossings (002 Eq. 11)', () => {
  it('finds where curves built to cross at λ_e = −0.7 cross', () => {
    const lambdaE = -0.7, dim = 3;
    const spectrum = (n: number) => {
      const eigenvalues: number[] = [], participation: number[] = [];
      for (let k = 0; k < 400; k++) {
        const l = -2 + (2 * k) / 400;
        eigenvalues.push(l);
        // N^{2/3} P = g(λ) N^{α(λ)} with α ∝ λ − λ_e: decreasing with N below λ_e, increasing above.
        participation.push((0.3 + 0.1 * l * l) * Math.pow(n, 1.5 * (l - lambdaE)) / Math.pow(n, 2 / 3));
      }
      return { n, eigenvalues, participation };
    };
    const edges = Array.from({ length: 41 }, (_, b) => -2 + b * 0.05);
    const r = mobilityEdge([spectrum(1000), spectrum(8000), spectrum(32000)], edges, dim);
    expect(r.crossings.length).toBe(3);
    expect(r.lambdaE).not.toBeNull();
    expect(Math.abs((r.lambdaE as number) - lambdaE)).toBeLessThan(0.05);
  });
});

describe('harmonic relaxation (000 App. B)', () => {
  it('dE/dt = −N W: the energy and force predictions are consistent', () => {
    const values = [0.1, 0.5, 2, 7];
    const T = 0.3, n = 2, t = 0.4, h = 1e-5;
    const dEdt = (harmonicEnergyExcess({ values }, T, t + h) - harmonicEnergyExcess({ values }, T, t - h)) / (2 * h);
    expect(dEdt).toBeCloseTo(-n * harmonicMeanSquaredForce({ values }, T, n, t), 8);
    expect(harmonicEnergyExcess({ values }, T, 0)).toBeCloseTo((T / 2) * 4, 12); // equipartition
  });

  it('steepest descent from thermal displacements around an inherent structure follows the prediction', () => {
    const model = MODELS.soft2d;
    const is = quench(model, jitteredLattice(model, 36, 6), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
    const land = createLandscape(model, is);
    const problem = hessianProblem(land, is.positions);
    const modes = denseModes(problem, true);
    const T = 1e-8, n = 36;
    const e0 = energy(land, is.positions);
    const times = [0.05, 0.2];
    // Linear dynamics and a quadratic energy: the thermal average Σ_a ⟨c_a²⟩(…) is exactly the sum of one run per mode
    // started at c_a(0) = √(T/λ_a) (cross terms average to zero), so the real SD is checked without sampling noise.
    const sumE = times.map(() => 0), sumW = times.map(() => 0);
    modes.values.forEach((l, a) => {
      const x = is.positions.slice();
      const amp = Math.sqrt(T / l);
      for (let k = 0; k < x.length; k++) x[k] += amp * modes.vectors[a][k];
      const sd = steepestDescent(landscapeForces(land), { dt: 0.0005, n, energyEvery: 1000000 });
      const st = sd.init(x);
      times.forEach((t, k) => {
        while (st.t < t - 1e-12) sd.step(st);
        sumE[k] += energy(land, st.positions) - e0;
        sumW[k] += meanSquaredForce(st.forces, n);
      });
    });
    times.forEach((t, k) => {
      const predictedE = harmonicEnergyExcess({ values: modes.values }, T, t);
      const predictedW = harmonicMeanSquaredForce({ values: modes.values }, T, n, t);
      // Euler with Δt = 0.0005 against e^{−λt}: below 2% for the modes that survive to t = 0.05.
      expect(Math.abs(sumE[k] / predictedE - 1)).toBeLessThan(0.02);
      expect(Math.abs(sumW[k] / predictedW - 1)).toBeLessThan(0.04);
    });
  });
});

describe('low-frequency density of states g(ω) = A0 ω^{D−1} + A4 ω⁴ (000 App. B)', () => {
  it('recovers A0 and A4 from frequencies at the exact quantiles', () => {
    const a0 = 0.5, a4 = 2, dim = 2, m = 4000;
    const C = (w: number) => (a0 * w ** dim) / dim + (a4 * w ** 5) / 5;
    const values: number[] = [];
    for (let k = 0; k < m; k++) {
      const target = (k + 0.5) / m;
      if (target > C(0.8)) { values.push(100 + k); continue; }
      let lo = 0, hi = 0.8;
      for (let it = 0; it < 80; it++) { const mid = 0.5 * (lo + hi); if (C(mid) < target) lo = mid; else hi = mid; }
      values.push(lo * lo);
    }
    const fit = fitLowFrequencyDos(values, dim, 0.8);
    expect(fit.a0).toBeCloseTo(a0, 5);
    expect(fit.a4).toBeCloseTo(a4, 4);
  });
});

describe('fixed-W sampling ends at a minimum, pushed off saddles (002 note 10)', () => {
  it('a linear LJ trimer started exactly on its saddle is pushed along the unstable mode and relaxes to a minimum', () => {
    let lo = 1.0, hi = Math.pow(2, 1 / 6);
    for (let it = 0; it < 200; it++) { const mid = 0.5 * (lo + hi); if (lj.du(mid) + lj.du(2 * mid) < 0) lo = mid; else hi = mid; }
    const r = 0.5 * (lo + hi), L = 12;
    const c: Configuration = {
      box: periodicBox(2, L), positions: Float64Array.from([L / 2 - r, L / 2, L / 2, L / 2, L / 2 + r, L / 2]),
      diameters: new Float64Array(3).fill(1), species: new Uint8Array(3),
    };
    const run = fixedWRun(MODELS.ka2d, c, { levels: [1e-3] });
    expect(run.snapshots.length).toBe(1); // W = 0 on the saddle: the level is reached at t = 0
    expect(run.snapshots[0].t).toBe(0);
    expect(run.inherent.pushes).toBe(1);
    expect(run.inherent.maxForce).toBeLessThan(1e-10);
    const land = createLandscape(MODELS.ka2d, c);
    const modes = normalModes(land, run.inherent.positions, { count: 3 });
    expect(modes.values[0]).toBeGreaterThan(-1e-8); // a minimum (the bent trimer folds into a triangle)
    expect(energy(land, run.inherent.positions)).toBeLessThan(energy(land, c.positions));
  });
});
