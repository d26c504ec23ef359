// Verlet half lists with a skin, for pair cutoffs that differ per pair (polydispersity), built from cell lists.
import type { CombiningRule } from './models.ts';
import { buildCellList, type CellList } from './cells.ts';
import { wrapPositions, type Box } from './space.ts';

/** Offsets of the 3^D stencil of neighboring cells (each axis −1, 0, +1). */
function stencil(d: number): Int32Array {
  const out: number[] = [];
  const rec = (a: number, acc: number[]) => {
    if (a === d) { out.push(...acc); return; }
    for (const o of [-1, 0, 1]) rec(a + 1, [...acc, o]);
  };
  rec(0, []);
  return Int32Array.from(out);
}

/** The 13 (3D) or 4 (2D) neighbor-cell offsets with a positive first nonzero component: each pair of distinct adjacent
 * cells is visited from exactly one side (with ≥ 3 cells per axis). */
function forwardStencil(d: number): Int32Array {
  const all = stencil(d);
  const out: number[] = [];
  for (let q = 0; q < all.length / d; q++) {
    const o = Array.from(all.subarray(q * d, q * d + d));
    const first = o.find((x) => x !== 0);
    if (first !== undefined && first > 0) out.push(...o);
  }
  return Int32Array.from(out);
}

/** Verlet half list in CSR form: pairs (i, j), i < j, with their s_ij and ε_ij, within (x_c·s_ij + skin). */
export interface NeighborList {
  readonly n: number;
  readonly skin: number;
  offsets: Int32Array;
  partners: Int32Array;
  sigma: Float64Array;
  epsilon: Float64Array;
  /** 1/s_ij², so that hot loops work with x² = r²/s² and need no square root. */
  inverseSigma2: Float64Array;
  /** Mari–Kurchan lists only: per pair p (D values) the image g_p with r_j − r_i + g_p the shifted separation (mariKurchan/neighbors.ts). */
  images?: Float64Array;
  /** Positions at the last build, to decide when to rebuild. */
  reference: Float64Array;
  builds: number;
  /** Mari–Kurchan lists only: the candidate pairs of the last full O(N²) scan, reused by later builds (mariKurchan/neighbors.ts). */
  shell?: ShiftedPairShell;
}

/**
 * The pairs i < j whose shifted separation was within `radius` (> the search radius) at the scan's positions `reference`,
 * with their shifts A_ij (D values per pair). Until the two largest displacements since the scan add up to radius − search
 * radius, no other pair can be within reach, so a rebuild scans these instead of regenerating all N(N − 1)/2 shifts.
 */
export interface ShiftedPairShell {
  readonly radius: number;
  readonly reference: Float64Array;
  readonly offsets: Int32Array;
  readonly partners: Int32Array;
  readonly shifts: Float64Array;
}

export interface NeighborSpec {
  readonly box: Box;
  readonly rule: CombiningRule;
  readonly xc: number;
  readonly diameters: Float64Array;
  readonly species: Uint8Array;
  /** Upper bound on s_ij over all pairs. */
  readonly maxSigma: number;
  readonly skin: number;
}

/**
 * Largest pair search radius x_c·s_max + skin; the box must be at least twice that for the minimum image. With
 * x_c·s_max < L/2 a pair has at most one image within the cutoff (the minimum one), so no pair is lost; with fewer than
 * 3 cells per axis (8D: L ≈ 2.67 at N = 16384 against a range of 1.2) the list is built from all pairs.
 */
export function searchRadius(spec: NeighborSpec): number {
  return spec.xc * spec.maxSigma + spec.skin;
}

/**
 * Build the half list. Positions are wrapped into the box in place first (they may have drifted during a descent), so that
 * every separation afterwards satisfies |Δx| < L and a single conditional gives the minimum image.
 */
export function buildNeighborList(spec: NeighborSpec, positions: Float64Array, previous?: NeighborList): NeighborList {
  if (spec.box.shear) throw new Error('internal: a sheared box needs buildShearedNeighborList (shearedNeighbors.ts), which keeps each pair\'s image');
  const { box, rule, xc, diameters, species, skin } = spec;
  const d = box.dim;
  const n = diameters.length;
  const rMax = searchRadius(spec);
  for (let a = 0; a < d; a++) {
    if (box.lengths[a] < 2 * rMax) {
      throw new Error(`box side ${box.lengths[a].toFixed(4)} is smaller than twice the interaction range ${rMax.toFixed(4)}: use more particles`);
    }
  }
  wrapPositions(box, positions);
  const cells = buildCellList(box, positions, rMax);
  const ranges = candidateRanges(cells, d);
  const list: PairArrays = {
    partners: previous?.partners ?? new Int32Array(Math.max(16, n * 8)),
    sigma: previous?.sigma ?? new Float64Array(Math.max(16, n * 8)),
    epsilon: previous?.epsilon ?? new Float64Array(Math.max(16, n * 8)),
    inverseSigma2: previous?.inverseSigma2 ?? new Float64Array(Math.max(16, n * 8)),
  };
  const offsets = previous && previous.offsets.length === n + 1 ? previous.offsets : new Int32Array(n + 1);
  // Coordinates copied in cell order, so the candidates of a cell are read from contiguous memory.
  const sorted = new Float64Array(n * d);
  const rank = new Int32Array(n);
  for (let m = 0; m < n; m++) {
    const j = cells.order[m];
    rank[j] = m;
    for (let a = 0; a < d; a++) sorted[m * d + a] = positions[j * d + a];
  }
  const scan: Scan = { box, rule, xc, skin, rMax2: rMax * rMax, diameters, species, sorted, order: cells.order, table: speciesTable(rule, species, xc, skin) };
  let count = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = count;
    const c = cells.cellOf[i];
    const own = ranges.own;
    // Own cell: the particles after i in cell order; other cells: their whole range.
    let candidates = own[2 * c + 1] - rank[i] - 1;
    const first = ranges.start[c], last = ranges.start[c + 1];
    for (let q = first; q < last; q += 2) candidates += ranges.bounds[q + 1] - ranges.bounds[q];
    ensureCapacity(list, count + candidates);
    count = appendPairs(scan, list, count, i, positions, rank[i] + 1, own[2 * c + 1]);
    for (let q = first; q < last; q += 2) count = appendPairs(scan, list, count, i, positions, ranges.bounds[q], ranges.bounds[q + 1]);
  }
  offsets[n] = count;
  const reference = previous?.reference && previous.reference.length === positions.length ? previous.reference : new Float64Array(positions.length);
  reference.set(positions);
  return { n, skin, offsets, ...list, reference, builds: (previous?.builds ?? 0) + 1 };
}

interface PairArrays {
  partners: Int32Array;
  sigma: Float64Array;
  epsilon: Float64Array;
  inverseSigma2: Float64Array;
}

function ensureCapacity(list: PairArrays, needed: number): void {
  if (needed <= list.partners.length) return;
  const size = Math.max(needed, 2 * list.partners.length);
  const grow = <T extends Int32Array | Float64Array>(a: T, make: (k: number) => T): T => { const b = make(size); b.set(a); return b; };
  list.partners = grow(list.partners, (k) => new Int32Array(k));
  list.sigma = grow(list.sigma, (k) => new Float64Array(k));
  list.epsilon = grow(list.epsilon, (k) => new Float64Array(k));
  list.inverseSigma2 = grow(list.inverseSigma2, (k) => new Float64Array(k));
}

/**
 * For every cell, the [from, to) ranges in cell order of the candidates it must scan: its forward neighbor cells
 * (own cell handled separately). With fewer than 3 cells on some axis, every other particle is a candidate of the
 * "own cell", which then is the whole box.
 */
function candidateRanges(cells: CellList, d: number): { start: Int32Array; bounds: Int32Array; own: Int32Array } {
  const cpa = cells.cellsPerAxis;
  const total = cells.cellStart.length - 1;
  const useCells = Array.from(cpa).every((c) => c >= 3);
  const own = new Int32Array(2 * total);
  if (!useCells) {
    // one effective cell: all particles, scanned as "the particles after i"
    for (let c = 0; c < total; c++) { own[2 * c] = 0; own[2 * c + 1] = cells.order.length; }
    return { start: new Int32Array(total + 1), bounds: new Int32Array(0), own };
  }
  const st = forwardStencil(d);
  const ns = st.length / d;
  const start = new Int32Array(total + 1);
  const bounds = new Int32Array(2 * ns * total);
  const coord = new Int32Array(d);
  let k = 0;
  for (let c = 0; c < total; c++) {
    start[c] = k;
    own[2 * c] = cells.cellStart[c];
    own[2 * c + 1] = cells.cellStart[c + 1];
    let rest = c;
    for (let a = 0; a < d; a++) { coord[a] = rest % cpa[a]; rest = Math.floor(rest / cpa[a]); }
    for (let q = 0; q < ns; q++) {
      let idx = 0;
      for (let a = d - 1; a >= 0; a--) {
        let v = coord[a] + st[q * d + a];
        if (v < 0) v += cpa[a]; else if (v >= cpa[a]) v -= cpa[a];
        idx = idx * cpa[a] + v;
      }
      bounds[k++] = cells.cellStart[idx];
      bounds[k++] = cells.cellStart[idx + 1];
    }
  }
  start[total] = k;
  return { start, bounds, own };
}

/** s_ij, ε_ij, 1/s_ij² and (x_c s_ij + skin)² for every pair of species, when the rule depends on species only. */
interface SpeciesTable {
  species: number;
  sigma: Float64Array;
  epsilon: Float64Array;
  inverseSigma2: Float64Array;
  range2: Float64Array;
}

function speciesTable(rule: CombiningRule, species: Uint8Array, xc: number, skin: number): SpeciesTable | null {
  if (rule.kind !== 'species-table') return null;
  let m = 0;
  for (let i = 0; i < species.length; i++) if (species[i] >= m) m = species[i] + 1;
  const t: SpeciesTable = { species: m, sigma: new Float64Array(m * m), epsilon: new Float64Array(m * m), inverseSigma2: new Float64Array(m * m), range2: new Float64Array(m * m) };
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) {
    const s = rule.sigma(0, 0, a, b);
    t.sigma[a * m + b] = s;
    t.epsilon[a * m + b] = rule.epsilon(a, b);
    t.inverseSigma2[a * m + b] = 1 / (s * s);
    t.range2[a * m + b] = (xc * s + skin) ** 2;
  }
  return t;
}

interface Scan {
  /** Set for species-table rules: lookups instead of calls in the hot loop. */
  table: SpeciesTable | null;
  box: Box;
  rule: CombiningRule;
  xc: number;
  skin: number;
  rMax2: number;
  diameters: Float64Array;
  species: Uint8Array;
  sorted: Float64Array;
  order: Int32Array;
}

/** Append the partners j (cell-order positions from..to) of i within x_c·s_ij + skin; capacity is ensured by the caller. */
function appendPairs(sc: Scan, list: PairArrays, count: number, i: number, x: Float64Array, from: number, to: number): number {
  const { rule, xc, skin, rMax2, diameters, species, sorted, order, table } = sc;
  const { partners, sigma, epsilon, inverseSigma2 } = list;
  const L = sc.box.lengths;
  const d = L.length;
  const di = diameters[i], ti = species[i];
  // 3D gets unrolled coordinates (the hot case); other dimensions a loop over axes. The branch is loop-invariant.
  const Lx = L[0], Ly = d > 1 ? L[1] : 0, Lz = d > 2 ? L[2] : 0;
  const hx = 0.5 * Lx, hy = 0.5 * Ly, hz = 0.5 * Lz;
  const xi = x[d * i], yi = d > 1 ? x[d * i + 1] : 0, zi = d > 2 ? x[d * i + 2] : 0;
  for (let m = from; m < to; m++) {
    let r2 = 0;
    if (d === 3) {
      let dx = sorted[3 * m] - xi, dy = sorted[3 * m + 1] - yi, dz = sorted[3 * m + 2] - zi;
      if (dx > hx) dx -= Lx; else if (dx < -hx) dx += Lx;
      if (dy > hy) dy -= Ly; else if (dy < -hy) dy += Ly;
      if (dz > hz) dz -= Lz; else if (dz < -hz) dz += Lz;
      r2 = dx * dx + dy * dy + dz * dz;
    } else {
      // Early exit once r² exceeds the range: in 8D most candidates fail on the first axes (an all-pairs box, see below).
      for (let a = 0; a < d && r2 < rMax2; a++) {
        let dx = sorted[m * d + a] - x[i * d + a];
        const h = 0.5 * L[a];
        if (dx > h) dx -= L[a]; else if (dx < -h) dx += L[a];
        r2 += dx * dx;
      }
    }
    if (r2 >= rMax2) continue;
    const j = order[m];
    if (table) {
      const k = ti * table.species + species[j];
      if (r2 >= table.range2[k]) continue;
      partners[count] = j; sigma[count] = table.sigma[k]; inverseSigma2[count] = table.inverseSigma2[k]; epsilon[count] = table.epsilon[k];
    } else {
      const s = rule.sigma(di, diameters[j], ti, species[j]);
      const rc = xc * s + skin;
      if (r2 >= rc * rc) continue;
      partners[count] = j; sigma[count] = s; inverseSigma2[count] = 1 / (s * s); epsilon[count] = rule.epsilon(ti, species[j]);
    }
    count++;
  }
  return count;
}

/**
 * True when a pair may have come closer than its listed range: the two largest displacements since the last build add
 * up to more than the skin (any pair's separation changed by at most |Δr_i| + |Δr_j|). Less conservative than the usual
 * "max > skin/2" when a few particles move fast, which is typical of FIRE and of early steepest descent.
 * Plain differences, not minimum images: an array that is not the wrapped one of the last build also triggers a rebuild,
 * which wraps it, so force loops can rely on |Δx| < L.
 */
export function needsRebuild(box: Box, list: NeighborList, positions: Float64Array): boolean {
  const d = box.dim;
  const ref = list.reference;
  let first = 0, second = 0; // the two largest |Δr|²
  for (let i = 0, n = list.n; i < n; i++) {
    let r2 = 0;
    for (let a = 0; a < d; a++) {
      const dx = positions[i * d + a] - ref[i * d + a];
      r2 += dx * dx;
    }
    if (r2 > second) {
      if (r2 > first) { second = first; first = r2; } else second = r2;
    }
  }
  return Math.sqrt(first) + Math.sqrt(second) > list.skin;
}
