// An exported LAMMPS deck runs in LAMMPS: a small ka3d state (a jittered lattice relaxed by a few FIRE steps so no pair
// overlaps; uniform random positions overlap by orders of magnitude and make FIRE blow up), written as data file + input script, minimized by LAMMPS's FIRE; its final E/N lies below the start's and within a
// few per cent of our own FIRE minimum (the same basin is not guaranteed, so the comparison is loose).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toConfigurationData } from '../src/engine/lab/configurationData.ts';
import type { RunSpec } from '../src/engine/runSpec.ts';
import { readConfigurationText } from '../src/io/format.ts';
import { lammpsDeck } from '../src/io/exports/lammpsDeck.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape, energy } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';

function lammpsAvailable(): boolean {
  try { execFileSync('lmp', ['-h'], { stdio: 'ignore' }); return true; } catch { return false; }
}
const hasLammps = lammpsAvailable();
if (!hasLammps) console.warn('exports.lammps.test.ts: skipped, `lmp` (LAMMPS) is not on the PATH; install the Debian package lammps to run it');

describe.skipIf(!hasLammps)('an exported LAMMPS deck (lmp)', () => {
  for (const [name, algorithm] of [['ka3d', 'fire'], ['ka2d', 'cg']] as const) it(`${name}, N = 200: LAMMPS ${algorithm} goes below the start and near our ${algorithm} minimum`, () => {
    const model = MODELS[name], n = 200;
    const start = quench(model, jitteredLattice(model, n, 11), { algorithm: 'fire', maxSteps: 20 }).final;
    const e0 = energy(createLandscape(model, start), start.positions) / n;
    const ours = quench(model, start, { algorithm, forceTolerance: 1e-10 });
    const spec: RunSpec = { model: name, n, temperature: Infinity, seed: 11, sweeps: 0, algorithm, tMax: 1000, forceTolerance: 1e-10, fitWindow: { tMin: 1, tMax: 100 } };
    const deck = lammpsDeck(spec, toConfigurationData(start), { baseName: `${name}-test` });

    const dir = mkdtempSync(join(tmpdir(), 'glasslab-deck-'));
    try {
      writeFileSync(join(dir, deck.data.name), deck.data.text);
      writeFileSync(join(dir, deck.input.name), deck.input.text);
      const log = execFileSync('lmp', ['-in', deck.input.name, '-log', 'none', '-nocite'], { cwd: dir, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
      const lmpEnergy = Number(/GLASSLAB_ENERGY (\S+)/.exec(log)?.[1]) / n;
      const stop = /Stopping criterion = (.*)/.exec(log)?.[1];
      const iterations = Number(/Iterations, force evaluations = (\d+)/.exec(log)?.[1]);
      const final = readConfigurationText(readFileSync(join(dir, `${name}-test.final.data`), 'utf8'), 'final.data', { dim: model.dim === 2 ? 2 : 3 });
      console.log(`LAMMPS deck (${name}, N = ${n}, ${algorithm}): E/N start ${e0.toFixed(6)}, LAMMPS ${lmpEnergy.toFixed(6)} after ${iterations} iterations (${stop}), ours ${ours.energyPerParticle.toFixed(6)} (${ours.reason}, ${ours.steps} steps)`);
      expect(log).toContain('Loop time');
      expect(Number.isFinite(lmpEnergy)).toBe(true);
      expect(final.configuration.diameters.length).toBe(n);
      expect(lmpEnergy).toBeLessThan(e0 - 0.1);
      expect(ours.energyPerParticle).toBeLessThan(e0 - 0.1);
      expect(Math.abs(lmpEnergy - ours.energyPerParticle) / Math.abs(ours.energyPerParticle)).toBeLessThan(0.03);
      // LAMMPS's own final state, evaluated by our forces, has the energy LAMMPS printed.
      const c = final.configuration;
      expect(energy(createLandscape(model, c), c.positions) / n).toBeCloseTo(lmpEnergy, 8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
