// Verlet lists for single-particle Monte Carlo (docs/PHYSICS.md §2): full lists (each pair in both rows) of the pairs whose
// reference positions were closer than their largest reachable cutoff plus a skin. Every particle stays within half the skin
// of its own reference position, so that for an unlisted pair (the minimum-image distance is 1-Lipschitz in each position)
//   r_ij(now) > r_ij(reference) − skin/2 − skin/2 ≥ (c_ij + skin) − skin = c_ij:
// the list is exact, not approximate. A trial that would take particle i beyond half the skin first moves i's reference to
// where i is now and rebuilds row i (and i's entry in the rows it enters or leaves) through a cell list of the references,
// so a rebuild costs one particle's neighborhood, never the whole system. Swaps change diameters, hence cutoffs: the bound c_ij
// holds while no diameter exceeds its reference value by more than a slack (non-additive rule; a swap past it re-references
// the particle), or for good (species tables; any other rule uses x_c·s_max, which swaps never raise).
import type { Model } from '../models.ts';
import type { Box } from '../space.ts';
import { buildMovableCellList, cellIndex, insertIntoCell, removeFromCell, type MovableCellList } from './movableCells.ts';
/** What the list is built from (the arrays of the Monte Carlo system, read only here). */
export interface NeighborSource {
  readonly model: Model;
  readonly box: Box;
  readonly positions: Float64Array;
  readonly diameters: Float64Array;
  readonly species: Uint8Array;
  /** x_c·s_max, the largest pair cutoff any swap can produce. */
  readonly maxCutoff: number;
}

/** How the list bounds a pair's cutoff x_c·s_ij until its next build. */
type CutoffBound =
  /** x_c·(½(D_i + D_j) + slack) = half_i + half_j: non-additive rule with ε ≥ 0, where s_ij ≤ ½(d_i + d_j). */
  | { kind: 'diameter-sum'; half: Float64Array }
  /** x_c·σ(t_i, t_j): the rule depends on species only, which never change. */
  | { kind: 'species'; types: number; cut: Float64Array }
  /** x_c·s_max for every pair (any other rule). */
  | { kind: 'uniform' };

export interface MonteCarloNeighborList {
  readonly n: number;
  readonly skin: number;
  /** Swaps may raise a diameter by up to this past its reference value before the particle is re-referenced. */
  readonly diameterSlack: number;
  /** Row i is rows[i·capacity .. i·capacity + rowLength[i]) (capacity grows on demand: no partner is ever dropped). */
  rows: Int32Array;
  capacity: number;
  readonly rowLength: Int32Array;
  /** Reference positions and diameters. */
  readonly reference: Float64Array;
  readonly referenceDiameters: Float64Array;
  readonly bound: CutoffBound;
  /** Largest c_ij + skin that can occur; cells of the references are at least this wide (null: all particles are scanned). */
  readonly range: number;
  readonly cells: MovableCellList | null;
  /** Scratch: the new row being built, and stamps marking old and new partners. */
  scratch: Int32Array;
  readonly mark: Int32Array;
  stamp: number;
  /** Full builds and single-row rebuilds (re-references) so far. */
  builds: number;
  rowRebuilds: number;
}

/** Which cutoff bound the model's rule allows (see the header). */
function cutoffBound(src: NeighborSource, slack: number): CutoffBound {
  const { model, diameters, species } = src;
  const rule = model.rule, xc = model.potential.xc, n = diameters.length;
  if (rule.kind === 'species-table') {
    let types = 0;
    for (let i = 0; i < n; i++) if (species[i] >= types) types = species[i] + 1;
    const cut = new Float64Array(types * types);
    for (let a = 0; a < types; a++) for (let b = 0; b < types; b++) cut[a * types + b] = xc * rule.sigma(0, 0, a, b);
    return { kind: 'species', types, cut };
  }
  if (rule.kind === 'non-additive' && (rule.nonAdditivity ?? 0) >= 0) {
    let lo = Infinity, hi = 0;
    for (let i = 0; i < n; i++) { lo = Math.min(lo, diameters[i]); hi = Math.max(hi, diameters[i]); }
    // s_ij = ½(d_i + d_j)(1 − ε|d_i − d_j|) ≤ ½(d_i + d_j) needs 0 ≤ ε|d_i − d_j| ≤ 1.
    if ((rule.nonAdditivity ?? 0) * (hi - lo) <= 1) {
      const half = new Float64Array(n);
      for (let i = 0; i < n; i++) half[i] = 0.5 * xc * (diameters[i] + slack);
      return { kind: 'diameter-sum', half };
    }
  }
  return { kind: 'uniform' };
}

/** Largest cutoff bound any pair can reach (diameter swaps keep the multiset of diameters, so d_max never grows). */
function largestCutoff(bound: CutoffBound, src: NeighborSource, slack: number): number {
  if (bound.kind === 'species') return Math.max(...bound.cut);
  if (bound.kind === 'diameter-sum') { let h = 0; for (const x of src.diameters) h = Math.max(h, x); return src.model.potential.xc * (h + slack); }
  return src.maxCutoff;
}

/** Minimum image of one coordinate difference of two points in [0, L), so that |dx| < L. */
export function wrapDifference(dx: number, L: number): number {
  return dx > 0.5 * L ? dx - L : dx < -0.5 * L ? dx + L : dx;
}

/** Squared minimum-image distance between a[ia..ia+D) and b[ib..ib+D) (both wrapped into the box). */
export function distance2Between(box: Box, a: Float64Array, ia: number, b: Float64Array, ib: number): number {
  const d = box.dim, L = box.lengths;
  let r2 = 0;
  for (let k = 0; k < d; k++) { const dx = wrapDifference(b[ib + k] - a[ia + k], L[k]); r2 += dx * dx; }
  return r2;
}

/** The list of the current positions and diameters (every particle its own reference). */
export function createMonteCarloNeighborList(src: NeighborSource, skin: number, diameterSlack: number): MonteCarloNeighborList {
  const n = src.diameters.length;
  const bound = cutoffBound(src, diameterSlack);
  const range = largestCutoff(bound, src, diameterSlack) + skin;
  const reference = src.positions.slice();
  const capacity = 32;
  const list: MonteCarloNeighborList = {
    n, skin, diameterSlack, rows: new Int32Array(n * capacity), capacity, rowLength: new Int32Array(n),
    reference, referenceDiameters: src.diameters.slice(), bound, range, cells: buildMovableCellList(src.box, reference, range),
    scratch: new Int32Array(capacity), mark: new Int32Array(n), stamp: 0, builds: 1, rowRebuilds: 0,
  };
  for (let i = 0; i < n; i++) {
    const m = scanRow(list, src, i);
    if (m > list.capacity) growRows(list, m);
    list.rows.set(list.scratch.subarray(0, m), i * list.capacity);
    list.rowLength[i] = m;
  }
  return list;
}

/** Whether the pair is listed: reference distance below c_ij + skin. */
function listedPair(list: MonteCarloNeighborList, src: NeighborSource, i: number, j: number): boolean {
  const d = src.box.dim, bound = list.bound;
  const r2 = distance2Between(src.box, list.reference, i * d, list.reference, j * d);
  const c = (bound.kind === 'diameter-sum' ? bound.half[i] + bound.half[j]
    : bound.kind === 'species' ? bound.cut[src.species[i] * bound.types + src.species[j]] : src.maxCutoff) + list.skin;
  return r2 < c * c;
}

/** Row i from the references into list.scratch (grown as needed); returns its length. */
function scanRow(list: MonteCarloNeighborList, src: NeighborSource, i: number): number {
  let m = 0;
  const take = (j: number) => {
    if (j === i || !listedPair(list, src, i, j)) return;
    if (m === list.scratch.length) { const grown = new Int32Array(2 * m); grown.set(list.scratch); list.scratch = grown; }
    list.scratch[m++] = j;
  };
  const cells = list.cells;
  if (!cells) { for (let j = 0; j < list.n; j++) take(j); return m; }
  // Fewer than 3 cells of side ≥ range on some axis makes cells null above: then every particle is a candidate (minimum image).
  const home = cells.cellOf[i], stencil = cells.stencilSize, cap = cells.capacity;
  for (let o = 0; o < stencil; o++) {
    const c = cells.neighborCells[home * stencil + o];
    for (let q = c * cap, end = c * cap + cells.count[c]; q < end; q++) take(cells.members[q]);
  }
  return m;
}

/** Re-layout the rows with room for at least `needed` partners each (doubling). */
function growRows(list: MonteCarloNeighborList, needed: number): void {
  let cap = list.capacity;
  while (cap < needed) cap *= 2;
  const rows = new Int32Array(list.n * cap);
  for (let i = 0; i < list.n; i++) rows.set(list.rows.subarray(i * list.capacity, i * list.capacity + list.rowLength[i]), i * cap);
  list.rows = rows;
  list.capacity = cap;
}

function appendToRow(list: MonteCarloNeighborList, j: number, i: number): void {
  if (list.rowLength[j] === list.capacity) growRows(list, list.capacity + 1);
  list.rows[j * list.capacity + list.rowLength[j]++] = i;
}

function removeFromRow(list: MonteCarloNeighborList, j: number, i: number): void {
  const base = j * list.capacity, last = base + --list.rowLength[j];
  for (let q = base; q <= last; q++) if (list.rows[q] === i) { list.rows[q] = list.rows[last]; return; }
  throw new Error(`Monte Carlo neighbor list corrupted: row ${j} does not hold its partner ${i}`);
}

/**
 * Move particle i's reference to where it is now (position and diameter) and rebuild row i, adding i to the rows of its new
 * partners and removing it from those it left. Consumes no random numbers.
 */
export function rereferenceParticle(list: MonteCarloNeighborList, src: NeighborSource, i: number): void {
  const d = src.box.dim;
  for (let a = 0; a < d; a++) list.reference[i * d + a] = src.positions[i * d + a];
  list.referenceDiameters[i] = src.diameters[i];
  if (list.bound.kind === 'diameter-sum') list.bound.half[i] = 0.5 * src.model.potential.xc * (src.diameters[i] + list.diameterSlack);
  const cells = list.cells;
  if (cells) {
    const c = cellIndex(src.box, cells.cellsPerAxis, list.reference, i * d);
    if (c !== cells.cellOf[i]) { removeFromCell(cells, i); insertIntoCell(cells, i, c); }
  }
  const m = scanRow(list, src, i);
  if (list.stamp > 1 << 30) { list.mark.fill(0); list.stamp = 0; }
  const mark = list.mark, oldStamp = ++list.stamp, newStamp = ++list.stamp;
  const base = i * list.capacity, oldLength = list.rowLength[i];
  for (let q = base; q < base + oldLength; q++) mark[list.rows[q]] = oldStamp;
  for (let k = 0; k < m; k++) { const j = list.scratch[k]; if (mark[j] !== oldStamp) appendToRow(list, j, i); mark[j] = newStamp; }
  for (let q = i * list.capacity, end = q + oldLength; q < end; q++) { const j = list.rows[q]; if (mark[j] === oldStamp) removeFromRow(list, j, i); }
  if (m > list.capacity) growRows(list, m);
  list.rows.set(list.scratch.subarray(0, m), i * list.capacity);
  list.rowLength[i] = m;
  list.rowRebuilds++;
}

/** Half the skin less a rounding allowance, so that float rounding of the distances can never let an unlisted pair in. */
function reachFromReference(list: MonteCarloNeighborList): number {
  return 0.5 * list.skin * (1 - 1e-9);
}

/** Whether row i holds every particle that i, placed at `at` (D wrapped coordinates), can interact with. */
export function listCovers(list: MonteCarloNeighborList, box: Box, i: number, at: Float64Array, offset = 0): boolean {
  return distance2Between(box, list.reference, i * box.dim, at, offset) < reachFromReference(list) ** 2;
}

/** Whether a diameter has grown past the cutoff bound of particle k's reference (after an accepted swap). */
export function diameterOutgrewList(list: MonteCarloNeighborList, diameters: Float64Array, k: number): boolean {
  return list.bound.kind === 'diameter-sum' && diameters[k] > list.referenceDiameters[k] + list.diameterSlack;
}

/**
 * Throws unless the rows are exactly the pairs a brute-force scan of the references lists, in both rows and once each, every
 * particle is within half the skin of its reference, and so every pair within its cutoff x_c·s_ij now is listed (for tests).
 */
export function checkNeighborList(list: MonteCarloNeighborList, src: NeighborSource): void {
  const { box, positions, diameters, species, model } = src;
  const d = box.dim, n = list.n, xc = model.potential.xc;
  const listed = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let q = i * list.capacity; q < i * list.capacity + list.rowLength[i]; q++) {
      const j = list.rows[q];
      if (j === i || j < 0 || j >= n) throw new Error(`row ${i} lists particle ${j}`);
      if (listed[i * n + j]) throw new Error(`row ${i} lists particle ${j} twice`);
      listed[i * n + j] = 1;
    }
    if (!listCovers(list, box, i, positions, i * d)) throw new Error(`particle ${i} is more than half the skin from its reference`);
    if (list.bound.kind === 'diameter-sum' && diameterOutgrewList(list, diameters, i)) throw new Error(`particle ${i} outgrew its diameter bound`);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (listedPair(list, src, i, j) !== (listed[i * n + j] === 1)) throw new Error(`pair ${i}–${j}: row ${i} differs from a brute-force scan of the references`);
      const s = model.rule.sigma(diameters[i], diameters[j], species[i], species[j]);
      const interacting = distance2Between(box, positions, i * d, positions, j * d) < (xc * s) ** 2;
      if (interacting && !listed[i * n + j]) throw new Error(`pair ${i}–${j} interacts but row ${i} does not list it`);
    }
  }
}
