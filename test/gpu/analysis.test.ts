// The per-particle quench analysis on the GPU (src/gpu/analysis) against the float64 functions: defects φ_i, B_i, I_i
// (src/physics/analysis/defects.ts, 001 SM III) and D²min (src/physics/analysis/d2min.ts, 000 ref. 62).
//
// Tolerances:
// - B_i and I_i identical for every particle none of whose pairs lies within TIE = 1e-5 (relative) of a cutoff it is tested
//   against (x_cut^EQ in the initial state, 1.5 and 1.23 in the final state): the GPU tests r² < (x_cut·s_ij)² in f32 from
//   f32 diameters and an exactly wrapped separation rounded to f32, a relative error ≲ 1e-6 in x² (a few ulps), so only pairs
//   that close to a cutoff may fall on the other side. Such pairs are counted and printed; each may change B_i or I_i by one.
// - D²min_i within 1e-4 of S_i = Σ_j |d_ij − d⁰_ij|² (the particle's scale: D²min_i ≤ S_i, the residual of F = I), for every
//   particle without a neighbour within TIE of the D²min cutoff (a bond more or less changes D²min_i by O(S_i)). The kernel works
//   with the bond changes Δ_ij = d_ij − d⁰_ij, exact in fixed point before one rounding, so its f32 round-off is ~1e-6 of S_i
//   (κ(Y) ≲ 10 times a few ulps per bond); 1e-4 leaves room for badly conditioned Y. Degenerate (singular Y, F = I there) on both
//   or neither, and never NaN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quenchAnalysisGpu } from '../../src/gpu/analysis/quenchAnalysis.ts';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { d2minField } from '../../src/physics/analysis/d2min.ts';
import { defectFlags } from '../../src/physics/analysis/defects.ts';
import { scaledNeighbors } from '../../src/physics/analysis/pairCorrelation.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS, randomConfiguration, type Model, type ModelName } from '../../src/physics/models.ts';
import { displacement } from '../../src/physics/space.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';
import { equilibriumState } from './quenchStates.ts';

const TIE = 1e-5;
const D2MIN_BOUND = 1e-4;
const X_CUT_EQ = 1.4;
const CUTOFFS = { xBreak: 1.5, xInsert: 1.23, d2min: 1.5 };

/** Particles with a pair whose x_ij lies within TIE (relative) of `cut` in configuration c. */
function nearCutoff(c: Configuration, model: Model, cut: number): { particles: Set<number>; pairs: number } {
  const list = scaledNeighbors(c, model, cut * (1 + TIE));
  const particles = new Set<number>();
  let pairs = 0;
  const b = new Float64Array(c.box.dim);
  for (let i = 0; i < list.n; i++) {
    for (let p = list.offsets[i]; p < list.offsets[i + 1]; p++) {
      const j = list.partners[p];
      displacement(c.box, c.positions, i, j, b);
      const x = Math.hypot(...b) / list.sigma[p];
      if (Math.abs(x / cut - 1) < TIE) { particles.add(i); particles.add(j); pairs++; }
    }
  }
  return { particles, pairs };
}

/** S_i = Σ_j |d_ij − d⁰_ij|² over the D²min bonds of i (float64). */
function bondChangeScale(initial: Configuration, final: Configuration, model: Model): Float64Array {
  const list = scaledNeighbors(initial, model, CUTOFFS.d2min);
  const d = initial.box.dim;
  const b0 = new Float64Array(d), b = new Float64Array(d);
  const scale = new Float64Array(list.n);
  for (let i = 0; i < list.n; i++) {
    for (let p = list.offsets[i]; p < list.offsets[i + 1]; p++) {
      const j = list.partners[p];
      displacement(initial.box, initial.positions, i, j, b0);
      displacement(final.box, final.positions, i, j, b);
      let s = 0;
      for (let a = 0; a < d; a++) s += (b[a] - b0[a]) ** 2;
      scale[i] += s; scale[j] += s;
    }
  }
  return scale;
}

/** Pairs within x < 1.5 of the initial state whose plain coordinate difference exceeds L/2 (they meet across the boundary). */
function boundaryPairs(c: Configuration, model: Model): number {
  const list = scaledNeighbors(c, model, CUTOFFS.d2min);
  const d = c.box.dim;
  let count = 0;
  for (let i = 0; i < list.n; i++) {
    for (let p = list.offsets[i]; p < list.offsets[i + 1]; p++) {
      const j = list.partners[p];
      for (let a = 0; a < d; a++) if (Math.abs(c.positions[j * d + a] - c.positions[i * d + a]) > c.box.lengths[a] / 2) { count++; break; }
    }
  }
  return count;
}

interface QuenchPair { model: Model; initial: Configuration; final: Configuration }

/** A start relaxed by 20 FIRE steps (a liquid-like state, as test/gpu/forces.test.ts), and after `steps` more FIRE steps. */
function briefQuench(name: ModelName, start: Configuration, steps: number): QuenchPair {
  const model = MODELS[name];
  const initial = quench(model, start, { algorithm: 'fire', maxSteps: 20 }).final;
  return { model, initial, final: quench(model, initial, { algorithm: 'fire', maxSteps: steps }).final };
}

const CASES: readonly (readonly [string, () => QuenchPair])[] = [
  ['soft2d jittered lattice, N = 3000', () => briefQuench('soft2d', jitteredLattice(MODELS.soft2d, 3000, 7), 200)],
  ['soft3d jittered lattice, N = 3000', () => briefQuench('soft3d', jitteredLattice(MODELS.soft3d, 3000, 7), 200)],
  ['ka3d jittered lattice, N = 3000', () => briefQuench('ka3d', jitteredLattice(MODELS.ka3d, 3000, 7), 200)],
  // uniform random positions: a few particles are left with fewer than 3 neighbours spanning space (D²min = NaN)
  ['soft3d random positions, N = 2000', () => briefQuench('soft3d', randomConfiguration(MODELS.soft3d, 2000, 7), 50)],
  // a T = 0.8 liquid after SD to t = 5: few defects, most particles unflagged
  ['soft2d T = 0.8 liquid, N = 1000', () => {
    const model = MODELS.soft2d;
    const initial = equilibriumState('soft2d', 1000, 0.8);
    return { model, initial, final: quench(model, initial, { algorithm: 'sd', tMax: 5, forceTolerance: 0 }).final };
  }],
];

describe.skipIf(!gpuAvailable)(`GPU quench analysis against float64${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  for (const [name, make] of CASES) {
    it(`${name}: B_i, I_i, φ_i and D²min equal the float64 functions`, async () => {
      const { model, initial, final } = make();
      const n = initial.diameters.length;
      const cpuDefects = defectFlags(initial, final, model, { xCutEq: X_CUT_EQ });
      const cpuField = d2minField(initial, final, model);
      const cpuD2min = cpuField.values;
      const got = await quenchAnalysisGpu(gpu, model, initial, final, { xCutEq: X_CUT_EQ });

      const tiedEq = nearCutoff(initial, model, X_CUT_EQ);
      const tiedBreak = nearCutoff(final, model, CUTOFFS.xBreak);
      const tiedInsert = nearCutoff(final, model, CUTOFFS.xInsert);
      const tiedD2 = nearCutoff(initial, model, CUTOFFS.d2min);
      let defectMismatches = 0;
      for (let i = 0; i < n; i++) {
        const tied = tiedEq.particles.has(i) || tiedBreak.particles.has(i) || tiedInsert.particles.has(i);
        if (got.defects.breakings[i] === cpuDefects.breakings[i] && got.defects.insertions[i] === cpuDefects.insertions[i]) continue;
        defectMismatches++;
        expect(tied, `particle ${i}: B ${got.defects.breakings[i]} vs ${cpuDefects.breakings[i]}, I ${got.defects.insertions[i]} vs ${cpuDefects.insertions[i]}`).toBe(true);
      }
      expect(defectMismatches).toBeLessThanOrEqual(2 * (tiedEq.pairs + tiedBreak.pairs + tiedInsert.pairs));

      const scale = bondChangeScale(initial, final, model);
      let worst = 0, singular = 0, exempt = 0;
      for (let i = 0; i < n; i++) {
        if (tiedD2.particles.has(i)) { exempt++; continue; }
        const a = got.d2min.values[i], b = cpuD2min[i];
        expect(got.d2min.degenerate[i], `particle ${i}: D²min ${a} vs ${b}`).toBe(cpuField.degenerate[i]);
        expect(Number.isFinite(a)).toBe(true);
        if (cpuField.degenerate[i]) singular++; // F = I on both: still compared
        worst = Math.max(worst, a === b ? 0 : Math.abs(a - b) / scale[i]);
      }
      const flagged = cpuDefects.flags.reduce((s, f) => s + f, 0);
      console.log(`${name}: φ = ${cpuDefects.concentration.toFixed(4)} (${flagged} defects), B/I mismatches ${defectMismatches} `
        + `(pairs within ${TIE} of x_cut^EQ ${tiedEq.pairs}, of 1.5 ${tiedBreak.pairs}, of 1.23 ${tiedInsert.pairs}); `
        + `D²min max |Δ|/S_i = ${worst.toExponential(2)}, degenerate ${singular}, exempt (tie at 1.5) ${exempt}; `
        + `pairs across the boundary ${boundaryPairs(initial, model)}`);
      expect(flagged).toBeGreaterThan(0);
      expect(got.defects.concentration).toBeCloseTo(cpuDefects.concentration, 2);
      expect(worst).toBeLessThanOrEqual(D2MIN_BOUND);
      expect(boundaryPairs(initial, model)).toBeGreaterThan(0);
    }, 120_000);
  }
});
