// LAMMPS as an independent peer for the Kob–Andersen model (docs/PHYSICS.md §1.3).
import { describe, expect, it } from 'vitest';
import { lammpsAvailable, runLammps } from '../bench/lammpsRunner.ts';
import { createLandscape, energyAndForces } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
import { quench } from '../src/physics/descent/quench.ts';

const hasLammps = lammpsAvailable();

describe.skipIf(!hasLammps)('LAMMPS peer (lmp)', () => {
  for (const name of ['ka3d', 'ka3d-fs', 'ka2d'] as const) {
    it(`${name}: energy and forces equal LAMMPS's to 1e-9 relative`, () => {
      const model = MODELS[name];
      // A dense liquid-like state: a jittered lattice after a few FIRE steps.
      const c = quench(model, jitteredLattice(model, model.dim === 3 ? 500 : 400, 3), { algorithm: 'fire', maxSteps: 100 }).final;
      const land = createLandscape(model, c);
      const f = new Float64Array(c.positions.length);
      const e = energyAndForces(land, c.positions, f);
      const lmp = runLammps(model, c, { iterations: 0 });
      expect(Math.abs(lmp.energy - e) / Math.abs(e)).toBeLessThan(1e-9);
      let err = 0, norm = 0;
      for (let k = 0; k < f.length; k++) { err = Math.max(err, Math.abs(f[k] - lmp.forces[k])); norm = Math.max(norm, Math.abs(f[k])); }
      expect(norm).toBeGreaterThan(1);
      expect(err / norm).toBeLessThan(1e-9);
    });
  }

  it('ka3d: the inherent structure our FIRE reaches is a minimum for LAMMPS too', () => {
    const model = MODELS.ka3d;
    const c = jitteredLattice(model, 500, 4);
    const r = quench(model, c, { algorithm: 'fire', forceTolerance: 1e-10 });
    expect(r.reason).toBe('force-tolerance');
    const lmp = runLammps(model, r.final, { iterations: 0 });
    let fmax = 0;
    for (let i = 0; i < lmp.forces.length; i += 3) fmax = Math.max(fmax, Math.hypot(lmp.forces[i], lmp.forces[i + 1], lmp.forces[i + 2]));
    expect(fmax).toBeLessThan(1e-9);
    expect(lmp.energy / 500).toBeCloseTo(r.energyPerParticle, 10);
    // and LAMMPS's own FIRE, started there, does not go anywhere lower
    const again = runLammps(model, r.final, { iterations: 200, minStyle: 'fire' });
    expect(again.energy / 500).toBeGreaterThan(r.energyPerParticle - 1e-9);
  });
});
