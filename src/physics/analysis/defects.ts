// Defects φ_i revealed by the quench: bond breakings and insertions between the equilibrium and inherent structures (001 SM III).
import type { Configuration } from '../configuration.ts';
import { assertSameParticles } from './distance.ts';
import type { NeighborList } from '../neighbors.ts';
import { firstMinimum, isScaledNeighbor, pairCorrelation, scaledNeighbors, type PairScaleModel } from './pairCorrelation.ts';

export interface DefectOptions {
  /** x_cut^EQ defining L_EQ(i); default: equilibriumCutoff(initial) (001 SM III: first minimum of g(x) of the equilibrium state). */
  readonly xCutEq?: number;
  /** x_cut^IS for breakings: a bond of L_EQ is broken when x_ij ≥ xBreak in the inherent structure (001 SM III: 1.5). */
  readonly xBreak?: number;
  /** x_cut^IS for insertions: a pair not in L_EQ is inserted when x_ij < xInsert in the inherent structure (001 SM III: 1.23). */
  readonly xInsert?: number;
  /**
   * The pairs of `initial` with x_ij below some cutoff ≥ x_cut^EQ, found by scaledNeighbors (e.g. D²min's list at 1.5, so
   * one search serves both): L_EQ is filtered from it with the search's own test, the same pairs as a search at x_cut^EQ.
   */
  readonly initialNeighbors?: NeighborList;
}

export interface DefectField {
  /** φ_i ∈ {0, 1}. */
  readonly flags: Uint8Array;
  /** B_i. */
  readonly breakings: Int32Array;
  /** I_i. */
  readonly insertions: Int32Array;
  /** φ = (1/N) Σ_i φ_i. */
  readonly concentration: number;
  /** The x_cut^EQ that was used. */
  readonly xCutEq: number;
}

// 001 SM III: B_i = #{j ∈ L_EQ(i): x_ij ≥ 1.5 in IS}, I_i = #{j ∉ L_EQ(i): x_ij < 1.23 in IS}, φ_i = [B_i + I_i > 0].
// Each x_ij is a minimum image in its own configuration's box; the particles (d_i, species) must be the same in both.
export function defectFlags(initial: Configuration, final: Configuration, model: PairScaleModel, options: DefectOptions = {}): DefectField {
  assertSameParticles(initial, final, 'defectFlags');
  const { xBreak = 1.5, xInsert = 1.23 } = options;
  const xCutEq = options.xCutEq ?? equilibriumCutoff(initial, model);
  // With xInsert ≤ xCutEq ≤ xBreak an unchanged configuration has no defects (001 SM III: "x_cut^IS > x_cut^EQ" for
  // breakings, "x_cut^IS < x_cut^EQ" for insertions); other orders flag particles that did not move.
  if (!(xInsert <= xCutEq && xCutEq <= xBreak)) {
    throw new Error(`defectFlags: need xInsert ≤ xCutEq ≤ xBreak, got ${xInsert}, ${xCutEq}, ${xBreak}; pass xCutEq explicitly if g(x) has no clear minimum`);
  }
  const n = initial.diameters.length;
  const breakings = new Int32Array(n);
  const insertions = new Int32Array(n);
  const shared = options.initialNeighbors;
  const eq = shared ?? scaledNeighbors(initial, model, xCutEq);
  for (let i = 0; i < n; i++) {
    for (let p = eq.offsets[i]; p < eq.offsets[i + 1]; p++) {
      const j = eq.partners[p];
      if (shared && !isScaledNeighbor(initial, i, j, eq.sigma[p], xCutEq)) continue;
      if (!isScaledNeighbor(final, i, j, eq.sigma[p], xBreak)) { breakings[i]++; breakings[j]++; }
    }
  }
  const is = scaledNeighbors(final, model, xInsert);
  for (let i = 0; i < n; i++) {
    for (let p = is.offsets[i]; p < is.offsets[i + 1]; p++) {
      const j = is.partners[p];
      if (!isScaledNeighbor(initial, i, j, is.sigma[p], xCutEq)) { insertions[i]++; insertions[j]++; }
    }
  }
  const flags = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) if (breakings[i] + insertions[i] > 0) { flags[i] = 1; count++; }
  return { flags, breakings, insertions, concentration: count / n, xCutEq };
}

export interface CutoffOptions {
  readonly xMax?: number;
  readonly bins?: number;
  readonly smoothingPasses?: number;
  /** g(x) from at most this many random reference particles per configuration, all partners (pairCorrelation); default: all. */
  readonly referenceParticles?: number;
  /** Seed of that draw (pairCorrelation's default when absent). */
  readonly referenceSeed?: number;
}

// 001 SM III: x_cut^EQ = x_min^EQ, the first minimum of the (smoothed) g(x) of the equilibrium state; several
// configurations at the same T give a less noisy g. Defaults: x ≤ 2 in 100 bins (Δx = 0.02), a 5-point binomial smoothing.
export function equilibriumCutoff(states: Configuration | readonly Configuration[], model: PairScaleModel, options: CutoffOptions = {}): number {
  const list: readonly Configuration[] = Array.isArray(states) ? states : [states as Configuration];
  if (list.length === 0) throw new Error('equilibriumCutoff: no configurations');
  const { xMax = 2, bins = 100, smoothingPasses = 2, referenceParticles, referenceSeed } = options;
  let x: Float64Array = new Float64Array(0);
  const g = new Float64Array(bins);
  for (const c of list) {
    const one = pairCorrelation(c, model, { xMax, bins, referenceParticles, referenceSeed });
    x = one.x;
    for (let b = 0; b < bins; b++) g[b] += one.g[b] / list.length;
  }
  return firstMinimum(x, g, { smoothingPasses });
}

export interface DefectStatistics {
  /** ⟨φ⟩ over samples. */
  readonly mean: number;
  /** χ = N(⟨φ²⟩ − ⟨φ⟩²). */
  readonly chi: number;
  readonly samples: number;
}

// 001 SM III / Fig. 4: ⟨φ⟩ and χ = N(⟨φ²⟩ − ⟨φ⟩²) over initial configurations (population variance, as written).
export function defectStatistics(concentrations: readonly number[], n: number): DefectStatistics {
  const m = concentrations.length;
  if (m === 0) throw new Error('defectStatistics: no samples');
  let mean = 0;
  for (const phi of concentrations) mean += phi;
  mean /= m;
  let variance = 0; // two passes: the same number as ⟨φ²⟩ − ⟨φ⟩² without the cancellation
  for (const phi of concentrations) variance += (phi - mean) ** 2;
  variance /= m;
  return { mean, chi: n * variance, samples: m };
}
