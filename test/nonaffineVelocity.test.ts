// Non-affine velocities of shear (003 App. B): Ξ = ∂²U/∂γ∂x against finite differences of the forces under a pure shear of
// the box (an orthorhombic rescaling the float64 engine handles), and against the Hessian's pair blocks for simple shear;
// the linear CG solve; and the extra π3 starts keeping the lowest κ.
import { describe, expect, it } from 'vitest';
import type { Configuration } from '../src/physics/configuration.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape, energyAndForces } from '../src/physics/forces.ts';
import { projectModeSpace } from '../src/physics/hessian/modeSpace.ts';
import { pairHessian } from '../src/physics/hessian/pairHessian.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
import {
  harmonicStart, nonlinearModes, pairExpansion, shearStartFields, shearStrains, strainForceDerivative,
} from '../src/physics/nonlinear/index.ts';
import { periodicBox } from '../src/physics/space.ts';

const model = MODELS.soft2d;
const is: Configuration = quench(model, jitteredLattice(model, 100, 9), { algorithm: 'fire', forceTolerance: 1e-12 }).final;

function forcesUnderPureShear(c: Configuration, a: number, b: number, gamma: number): Float64Array {
  const d = c.box.dim, scale = new Float64Array(d).fill(1);
  scale[a] = 1 + gamma; scale[b] = 1 - gamma;
  const box = periodicBox(d, Array.from(c.box.lengths, (L, k) => L * scale[k]));
  const positions = c.positions.map((x, k) => x * scale[k % d]);
  const strained = { ...c, box, positions };
  const f = new Float64Array(positions.length);
  energyAndForces(createLandscape(model, strained), positions, f, false);
  return f;
}

describe('Ξ = ∂²U/∂γ∂x (003 App. B; 004 Eq. A1)', () => {
  const pe = pairExpansion(createLandscape(model, is), is.positions);
  it('pure shear: Ξ = −dF/dγ of the rescaled box (central differences)', () => {
    const pure = shearStrains(2).find((s) => s.name.startsWith('pure')) as ReturnType<typeof shearStrains>[number];
    const xi = strainForceDerivative(pe, pure);
    const h = 1e-6;
    const fp = forcesUnderPureShear(is, 0, 1, h), fm = forcesUnderPureShear(is, 0, 1, -h);
    let err = 0, norm = 0;
    for (let k = 0; k < xi.length; k++) { err = Math.max(err, Math.abs(xi[k] + (fp[k] - fm[k]) / (2 * h))); norm = Math.max(norm, Math.abs(xi[k])); }
    expect(norm).toBeGreaterThan(0.1);
    expect(err / norm).toBeLessThan(1e-6);
  });
  it('simple shear: Ξ_j = Σ K_ij ε x_ij with K the Hessian pair blocks', () => {
    const simple = shearStrains(2).find((s) => s.name.startsWith('simple')) as ReturnType<typeof shearStrains>[number];
    const xi = strainForceDerivative(pe, simple);
    const ph = pairHessian(createLandscape(model, is), is.positions);
    expect(ph.first.length).toBe(pe.first.length);
    const ref = new Float64Array(xi.length);
    for (let p = 0; p < ph.first.length; p++) {
      const xb = pe.separations[2 * p + 1]; // ε x = x_b ê_a with a = 0, b = 1
      for (let r = 0; r < 2; r++) { const f = ph.blocks[4 * p + r * 2] * xb; ref[2 * ph.second[p] + r] += f; ref[2 * ph.first[p] + r] -= f; }
    }
    for (let k = 0; k < xi.length; k++) expect(xi[k]).toBeCloseTo(ref[k], 10);
  });
  it('the non-affine velocities solve H v = Ξ in the mode space to 1e-10', () => {
    const h = harmonicStart(createLandscape(model, is), is.positions, true);
    const starts = shearStartFields(h);
    expect(starts.map((s) => s.name)).toEqual(['simple shear 01', 'pure shear 01']);
    for (const s of starts) {
      expect(s.residual).toBeLessThan(1e-10);
      const hv = new Float64Array(s.field.length);
      h.apply(s.field, hv);
      const strain = shearStrains(2).find((t) => t.name === s.name) as ReturnType<typeof shearStrains>[number];
      const xi = strainForceDerivative(h.pe, strain);
      // Ξ projected into the mode space (mean removed, any rattlers zeroed) is what H v reproduces
      const target = projectModeSpace(h.space, xi.slice());
      let err = 0, norm = 0;
      for (let k = 0; k < xi.length; k++) { err += (hv[k] - target[k]) ** 2; norm += target[k] ** 2; }
      expect(norm).toBeGreaterThan(0);
      expect(Math.sqrt(err / norm)).toBeLessThan(1e-9);
    }
  });
});

describe('π3 from the non-affine velocities (003 App. B)', () => {
  it('tries π4 and the D(D−1) shear starts and keeps the lowest κ', () => {
    const land = createLandscape(model, is);
    const plain = nonlinearModes(land, is.positions);
    const all = nonlinearModes(land, is.positions, { shearStarts: true });
    expect(plain.cubic.starts).toBe(1);
    expect(all.cubic.starts).toBe(3);
    expect(all.cubic.kappa).toBeLessThanOrEqual(plain.cubic.kappa * (1 + 1e-9));
    expect(all.cubic.converged).toBe(true);
    expect(['π4', 'simple shear 01', 'pure shear 01']).toContain(all.cubic.start);
  });
});
