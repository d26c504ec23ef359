// Radial distribution g(x) in the scaled distance x = r/d_ij (001 SM III, docs/PHYSICS.md §4) and its first minimum.
import type { Configuration } from '../configuration.ts';
import type { Model } from '../models.ts';
import { buildCellList } from '../cells.ts';
import { buildNeighborList, type NeighborList } from '../neighbors.ts';
import { createRng } from '../rng.ts';
import { ballVolume, boxVolume, minimumImage1, wrapPositions } from '../space.ts';

/** What the analysis needs from a model: the pair diameter d_ij = rule.sigma and an upper bound on it. */
export type PairScaleModel = Pick<Model, 'rule' | 'maxSigma'>;

// 001 SM III: pairs i < j with x_ij = r_ij/d_ij < xCut (minimum image), found with cell lists in O(N).
export function scaledNeighbors(c: Configuration, model: PairScaleModel, xCut: number): NeighborList {
  const spec = { box: c.box, rule: model.rule, xc: xCut, diameters: c.diameters, species: c.species, maxSigma: model.maxSigma(c), skin: 0 };
  return buildNeighborList(spec, c.positions);
}

/** r_ij² with the minimum image in c's box. */
export function pairDistanceSquared(c: Configuration, i: number, j: number): number {
  const d = c.box.dim;
  let r2 = 0;
  for (let a = 0; a < d; a++) {
    const dx = minimumImage1(c.positions[j * d + a] - c.positions[i * d + a], c.box.lengths[a]);
    r2 += dx * dx;
  }
  return r2;
}

// 001 SM III: x_ij = r_ij/d_ij with the minimum image, in any configuration of the same particles.
export function scaledDistance(c: Configuration, i: number, j: number, dij: number): number {
  return Math.sqrt(pairDistanceSquared(c, i, j)) / dij;
}

// 001 SM III: x_ij < xCut, tested as r_ij² < (xCut·d_ij)², the same arithmetic as the neighbor search (so both agree at the edge).
export function isScaledNeighbor(c: Configuration, i: number, j: number, dij: number, xCut: number): boolean {
  const rc = xCut * dij;
  return pairDistanceSquared(c, i, j) < rc * rc;
}

export interface PairCorrelationOptions {
  readonly xMax?: number;
  readonly bins?: number;
  /**
   * Count only the pairs (i, j) of at most this many reference particles i, drawn at random, with all their partners j
   * (default: every particle). ~4000 give a g(x) whose first minimum is as good as the full one for a fraction of the work.
   */
  readonly referenceParticles?: number | undefined;
  /** Seed of the reference draw (default 1): the same subset, and the same g(x), every time. */
  readonly referenceSeed?: number | undefined;
}

export interface PairCorrelation {
  /** Bin centres in x = r/d_ij. */
  readonly x: Float64Array;
  readonly g: Float64Array;
}

/**
 * g(x) = [ordered pairs with x_ij in the bin] / [N(N−1)/V · ⟨d_ij^D⟩ · (V_D(x_hi) − V_D(x_lo))]   (001 SM III, [S5] there).
 * Normalization (choice): a pair (i, j) of an ideal gas lands in the x-shell [x, x + dx] with probability
 * d_ij^D · S_D x^(D−1) dx / V, because that shell is a real-space shell of radius x·d_ij. Normalizing "as if d_ij = 1"
 * would give g(∞) = ⟨d_ij^D⟩ (0.915 for 2D, 0.906 for 3D soft spheres, 0.83 for 3D KA; 1 only when monodisperse); dividing by ⟨d_ij^D⟩ over all
 * pairs makes g → 1 for any ideal gas and leaves the positions of peaks and minima unchanged. N(N−1) instead of N²
 * makes a finite ideal gas exactly 1 on average.
 */
export function pairCorrelation(c: Configuration, model: PairScaleModel, options: PairCorrelationOptions = {}): PairCorrelation {
  const { xMax = 3, bins = 150 } = options;
  const n = c.diameters.length;
  const dim = c.box.dim;
  if (n < 2) throw new Error('pairCorrelation needs at least 2 particles');
  if (!(xMax > 0) || !Number.isInteger(bins) || bins < 1) throw new Error(`pairCorrelation: need xMax > 0 and an integer bins ≥ 1, got ${xMax}, ${bins}`);
  const rMax = xMax * model.maxSigma(c);
  for (let a = 0; a < dim; a++) {
    if (c.box.lengths[a] < 2 * rMax) throw new Error(`pairCorrelation: g(x) up to x = ${xMax} needs box sides ≥ 2·x·d_max = ${(2 * rMax).toFixed(3)}; lower xMax or use more particles`);
  }
  const dx = xMax / bins;
  const counts = new Float64Array(bins);
  const { referenceParticles } = options;
  let orderedPairs = n * (n - 1);
  if (referenceParticles !== undefined && referenceParticles < n) {
    if (!Number.isInteger(referenceParticles) || referenceParticles < 1) throw new Error(`pairCorrelation: referenceParticles must be an integer ≥ 1, got ${referenceParticles}`);
    const references = randomReferenceParticles(n, referenceParticles, options.referenceSeed ?? 1);
    countReferencePairs(c, model, references, rMax, dx, counts);
    orderedPairs = references.length * (n - 1);
  } else {
    const list = scaledNeighbors(c, model, xMax);
    for (let i = 0; i < n; i++) {
      for (let p = list.offsets[i]; p < list.offsets[i + 1]; p++) {
        const bin = Math.floor(scaledDistance(c, i, list.partners[p], list.sigma[p]) / dx);
        if (bin < bins) counts[bin] += 2; // (i, j) and (j, i)
      }
    }
  }
  // the ideal-gas count of ordered pairs: N(N−1), or M(N−1) for M reference particles
  const pairDensity = orderedPairs / boxVolume(c.box) * meanPairVolumeFactor(c, model);
  const x = new Float64Array(bins);
  const g = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    x[b] = (b + 0.5) * dx;
    g[b] = counts[b] / (pairDensity * (ballVolume(dim, (b + 1) * dx) - ballVolume(dim, b * dx)));
  }
  return { x, g };
}

/** m distinct particle indices drawn uniformly (partial Fisher–Yates with the project's Philox generator), in increasing order. */
export function randomReferenceParticles(n: number, m: number, seed: number): Int32Array {
  const rng = createRng(seed, REFERENCE_STREAM);
  const index = Int32Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < m; k++) {
    const pick = k + rng.int(n - k);
    const t = index[k]; index[k] = index[pick]; index[pick] = t;
  }
  return index.slice(0, m).sort();
}

/** The random stream of the reference draw (apart from the Streams of src/physics/rng.ts). */
const REFERENCE_STREAM = 77;

// 001 SM III: the ordered pairs (i, j ≠ i) of reference particles i with x_ij < xMax binned by x, from a cell list of all
// particles (full neighbourhood of each reference, the 3^D stencil; every particle a candidate when an axis has < 3 cells).
function countReferencePairs(c: Configuration, model: PairScaleModel, references: Int32Array, rMax: number, dx: number, counts: Float64Array): void {
  const { box, diameters, species } = c;
  const dim = box.dim;
  const n = diameters.length;
  const L = box.lengths;
  const x = wrapPositions(box, c.positions.slice()); // in [0, L): one conditional gives the minimum image
  const cells = buildCellList(box, x, rMax);
  const perAxis = Array.from(cells.cellsPerAxis);
  const useCells = perAxis.every((k) => k >= 3);
  const rMax2 = rMax * rMax;
  const bins = counts.length;
  const home = new Int32Array(dim);
  const scanRange = (i: number, from: number, to: number) => {
    for (let m = from; m < to; m++) {
      const j = useCells ? cells.order[m] : m;
      if (j === i) continue;
      let r2 = 0;
      for (let a = 0; a < dim; a++) {
        let delta = x[j * dim + a] - x[i * dim + a];
        if (delta > 0.5 * L[a]) delta -= L[a]; else if (delta < -0.5 * L[a]) delta += L[a];
        r2 += delta * delta;
      }
      if (r2 >= rMax2) continue;
      const bin = Math.floor(Math.sqrt(r2) / model.rule.sigma(diameters[i], diameters[j], species[i], species[j]) / dx);
      if (bin < bins) counts[bin] += 1;
    }
  };
  for (const i of references) {
    if (!useCells) { scanRange(i, 0, n); continue; }
    let cell = cells.cellOf[i];
    for (let a = 0; a < dim; a++) { home[a] = cell % perAxis[a]; cell = Math.floor(cell / perAxis[a]); } // cellOf: axis 0 fastest
    for (let q = 0; q < 3 ** dim; q++) {
      let neighbor = 0;
      let rest = q;
      for (let a = dim - 1; a >= 0; a--) {
        neighbor = neighbor * perAxis[a] + (home[a] + perAxis[a] + (rest % 3) - 1) % perAxis[a];
        rest = Math.floor(rest / 3);
      }
      scanRange(i, cells.cellStart[neighbor], cells.cellStart[neighbor + 1]);
    }
  }
}

/** Largest number of particles whose all-pairs mean is taken exactly; larger systems use a quantile subsample. */
const PAIR_FACTOR_SAMPLE = 2000;

/**
 * ⟨d_ij^D⟩ over pairs i ≠ j. Exact for N ≤ 2000. Above, the double mean over all (a, b) of 2000 particles taken at evenly
 * spaced ranks after sorting by (species, diameter), i.e. at the quantiles of each species' diameters, estimates the
 * mean over all N² ordered pairs; the exact diagonal Σ_i d_ii^D is then removed (deterministic, O(N log N) work).
 */
export function meanPairVolumeFactor(c: Configuration, model: PairScaleModel): number {
  const n = c.diameters.length;
  const dim = c.box.dim;
  const rule = model.rule;
  // d_ij^D by repeated multiplication (Math.pow is ~10× slower, and this runs 2·10⁶ times at N ≥ 2000).
  const pairVolume = (di: number, dj: number, ti: number, tj: number) => { const s = rule.sigma(di, dj, ti, tj); let v = s; for (let a = 1; a < dim; a++) v *= s; return v; };
  let diagonal = 0;
  for (let i = 0; i < n; i++) diagonal += pairVolume(c.diameters[i], c.diameters[i], c.species[i], c.species[i]);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => c.species[i] - c.species[j] || c.diameters[i] - c.diameters[j]);
  const m = Math.min(n, PAIR_FACTOR_SAMPLE);
  const d = new Float64Array(m), t = new Uint8Array(m);
  for (let k = 0; k < m; k++) { const i = order[Math.floor(((k + 0.5) * n) / m)]; d[k] = c.diameters[i]; t[k] = c.species[i]; }
  let sum = 0;
  for (let a = 0; a < m; a++) {
    const da = d[a], ta = t[a];
    let row = 0;
    for (let b = a + 1; b < m; b++) row += pairVolume(da, d[b], ta, t[b]);
    sum += pairVolume(da, da, ta, ta) + 2 * row;
  }
  const allOrderedPairs = (sum / (m * m)) * n * n;
  return (allOrderedPairs - diagonal) / (n * (n - 1));
}

export interface FirstMinimumOptions {
  /** Search from the first bin with x ≥ after (climbing first if g rises there); default: the main (highest) peak of the smoothed g. */
  readonly after?: number;
  /** Passes of the [1, 2, 1]/4 filter before searching (default 2, i.e. a 5-point binomial kernel). */
  readonly smoothingPasses?: number;
}

// 001 SM III: x_min^EQ = first local minimum of g(x) after the main peak, on a lightly smoothed curve ("curves are smoothed").
export function firstMinimum(x: ArrayLike<number>, g: ArrayLike<number>, options: FirstMinimumOptions = {}): number {
  const n = x.length;
  if (g.length !== n || n < 3) throw new Error(`firstMinimum: need x and g of equal length ≥ 3, got ${n} and ${g.length}`);
  const s = smoothBinomial(g, options.smoothingPasses ?? 2);
  let k = options.after === undefined ? argMax(s) : firstIndexAtLeast(x, options.after);
  if (options.after !== undefined) while (k + 1 < n && s[k + 1] > s[k]) k++; // on a rising flank: climb to the peak first
  const start = k;
  while (k + 1 < n && s[k + 1] <= s[k]) k++; // go down (and across flat stretches) to the first rise
  if (k + 1 >= n || k === start) throw new Error(`firstMinimum: g(x) has no local minimum after x = ${x[start]} below x = ${x[n - 1]}; extend xMax`);
  let p = k;
  while (p - 1 > start && s[p - 1] === s[k]) p--;
  if (p < k) return 0.5 * (x[p] + x[k]); // a flat bottom (e.g. an empty gap between lattice shells): its middle
  return parabolaVertex(x[k - 1], s[k - 1], x[k], s[k], x[k + 1], s[k + 1]);
}

/** Repeated [1, 2, 1]/4 filter with mirrored ends. */
export function smoothBinomial(g: ArrayLike<number>, passes: number): Float64Array {
  let cur = Float64Array.from(g);
  const n = cur.length;
  for (let p = 0; p < passes; p++) {
    const next = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const left = cur[k > 0 ? k - 1 : Math.min(1, n - 1)];
      const right = cur[k < n - 1 ? k + 1 : Math.max(n - 2, 0)];
      next[k] = 0.25 * left + 0.5 * cur[k] + 0.25 * right;
    }
    cur = next;
  }
  return cur;
}

function argMax(s: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
  return best;
}

function firstIndexAtLeast(x: ArrayLike<number>, after: number): number {
  for (let k = 0; k < x.length; k++) if (x[k] >= after) return k;
  throw new Error(`firstMinimum: after = ${after} is beyond the last x = ${x[x.length - 1]}`);
}

/** Abscissa of the vertex of the parabola through three points (sub-bin position of a minimum). */
function parabolaVertex(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number): number {
  const num = (x1 - x0) ** 2 * (y1 - y2) - (x1 - x2) ** 2 * (y1 - y0);
  const den = (x1 - x0) * (y1 - y2) - (x1 - x2) * (y1 - y0);
  return den === 0 ? x1 : x1 - 0.5 * num / den;
}
