// The App. B prediction (000 Eq. B3 and the matching ⟨|v(t)|⟩) against steepest descent actually run from thermal
// displacements around an inherent structure, sampled as the lab samples them (⟨|v|⟩ is the mean of √W over quenches);
// and `glasslab modes --harmonic-prediction`, a thin adapter over the lab's harmonic job.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { harmonicPredictionCommand } from '../src/cli/commands/harmonicPrediction.ts';
import { modesCommand } from '../src/cli/commands/modes.ts';
import { writeConfigurationFile } from '../src/io/format.ts';
import { denseModes, hessianProblem } from '../src/physics/analysis/modes/normalModes.ts';
import { harmonicPrediction, harmonicSpectrum } from '../src/physics/analysis/modes/harmonicSpectrum.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { landscapeForces, meanSquaredForce } from '../src/physics/descent/state.ts';
import { steepestDescent } from '../src/physics/descent/steepestDescent.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
import { createRng, Streams } from '../src/physics/rng.ts';

const model = MODELS.soft2d;
const is = quench(model, jitteredLattice(model, 64, 5), { algorithm: 'fire', forceTolerance: 1e-12 }).final;

describe('the harmonic prediction of ⟨|v(t)|⟩ (000 App. B)', () => {
  it('matches the mean |v(t)| of real SD quenches started from sampled thermal displacements', () => {
    const n = 64, T = 1e-8, samples = 120, times = [0.02, 0.1, 0.3];
    const land = createLandscape(model, is);
    const modes = denseModes(hessianProblem(land, is.positions), true);
    expect(modes.values[0]).toBeGreaterThan(0);
    const rng = createRng(7, Streams.sample(1));
    const speeds = times.map(() => [] as number[]);
    for (let s = 0; s < samples; s++) {
      // Equipartition: c_a ~ N(0, T/λ_a) along each mode a (the translations carry no restoring force and are left out).
      const x = is.positions.slice();
      modes.values.forEach((l, a) => { const c = Math.sqrt(T / l) * rng.normal(); for (let k = 0; k < x.length; k++) x[k] += c * modes.vectors[a][k]; });
      const sd = steepestDescent(landscapeForces(land), { dt: 2e-4, n, energyEvery: 1e9 });
      const st = sd.init(x);
      times.forEach((t, k) => {
        while (st.t < t - 1e-12) sd.step(st);
        speeds[k].push(Math.sqrt(meanSquaredForce(st.forces, n)));
      });
    }
    const predicted = harmonicPrediction(harmonicSpectrum(land, is.positions), T, n, times).speed;
    times.forEach((_, k) => {
      const xs = speeds[k];
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const se = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) / xs.length);
      // ⟨√W⟩ ≤ √⟨W⟩ (Jensen) by Var(W)/(8⟨W⟩²) ~ a few % at N = 64, plus the sampling error.
      expect(Math.abs(mean - predicted[k])).toBeLessThan(4 * se + 0.04 * predicted[k]);
    });
    // And the decay is real: the prediction falls by more than 2× over these times.
    expect(predicted[2]).toBeLessThan(predicted[0] / 2);
  });
});

describe('glasslab modes --harmonic-prediction', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasslab-harmonic-'));
  const path = join(dir, 'is.xyz');
  beforeAll(async () => { await writeConfigurationFile(path, is, { model: 'soft2d' }); });

  interface HarmonicJson { n: number; method: string; t: number[]; speed: number[]; energyExcessPerParticle: number[]; vdos: { a0: number; a4: number; points: number } | null; negative: number }

  it('prints ⟨E(t)⟩ − E_∞ and ⟨|v(t)|⟩ of the exact spectrum on log times up to --t-max, and the g(ω) fit', async () => {
    const r = (await modesCommand(['--in', path, '--harmonic-prediction', '--temperature', '0.035', '--t-max', '10', '--json', '--quiet'])) as HarmonicJson;
    expect(r.method).toBe('exact');
    expect(r.t[0]).toBeCloseTo(1e-3, 12);
    expect(r.t[r.t.length - 1]).toBeCloseTo(10, 9);
    const land = createLandscape(model, is);
    const p = harmonicPrediction(harmonicSpectrum(land, is.positions), 0.035, 64, r.t);
    expect(r.speed).toEqual(p.speed);
    expect(r.energyExcessPerParticle).toEqual(p.energyExcessPerParticle);
    // t → 0: equipartition, (E − E_∞)/N = (T/2)(D(N − 1))/N.
    expect(r.energyExcessPerParticle[0]).toBeLessThan(0.5 * 0.035 * 2 * 63 / 64);
    expect(r.vdos?.points).toBeGreaterThanOrEqual(8);
    expect(r.negative).toBe(0);
  });

  it('says what is missing: no temperature, or a temperature that is not finite', async () => {
    await expect(harmonicPredictionCommand(['--in', path, '--harmonic-prediction', '--quiet'])).rejects.toThrow(/--temperature/);
    await expect(harmonicPredictionCommand(['--in', path, '--harmonic-prediction', '--temperature', '0', '--quiet'])).rejects.toThrow(/finite number > 0/);
  });
});
