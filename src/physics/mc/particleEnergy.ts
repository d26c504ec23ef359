// One particle's energy with all others, E_i = Σ_j ε_ij u(r_ij / s_ij), over a cell list that follows single-particle moves.
// Cells are at least the largest cutoff x_c·s_max wide, so the 3^D surrounding cells hold every partner; with fewer than
// 3 cells along some axis the stencil would visit a cell twice, so all pairs are used instead. Cells are per-cell arrays
// with swap-remove that grow when full (hazard 4: a particle is never dropped).
import type { Configuration } from '../configuration.ts';
import type { Model } from '../models.ts';
import type { Box } from '../space.ts';
import { buildMovableCellList, cellIndex, insertIntoCell, removeFromCell, type MovableCellList } from './movableCells.ts';

/**
 * Smallest x = r/s_ij fed to u(x) (choice): r = 0 exactly would give u = ∞ (soft spheres) or ∞ − ∞ = NaN (Lennard-Jones);
 * at x = 1e-12 the soft-sphere energy is 1e144, still finite, so energy differences never become NaN.
 */
export const MIN_REDUCED_DISTANCE = 1e-12;
const MIN_REDUCED_DISTANCE_2 = MIN_REDUCED_DISTANCE * MIN_REDUCED_DISTANCE;

/** The particles (arrays shared with the configuration, mutated in place) and what is needed to sum E_i quickly. */
export interface ParticleEnergySystem {
  readonly model: Model;
  readonly box: Box;
  readonly n: number;
  readonly positions: Float64Array;
  readonly diameters: Float64Array;
  readonly species: Uint8Array;
  /** Largest pair cutoff x_c·s_max; diameter swaps keep the multiset of diameters, so s_max never grows. */
  readonly maxCutoff: number;
  /** null: fewer than 3 cells along some axis, all pairs are summed. */
  readonly cells: MovableCellList | null;
  /** Scratch of length D holding the coordinates of the particle being evaluated. */
  readonly here: Float64Array;
}

/** Uses the configuration's own arrays (not copies): moves and swaps made through this system change the configuration. */
export function createParticleEnergySystem(c: Configuration, model: Model): ParticleEnergySystem {
  const box = c.box;
  if (box.dim !== model.dim) throw new Error(`model ${model.name} is ${model.dim}D but the configuration is ${box.dim}D`);
  const maxCutoff = model.potential.xc * model.maxSigma(c);
  for (let a = 0; a < box.dim; a++) {
    if (box.lengths[a] < 2 * maxCutoff) {
      throw new Error(`box side ${box.lengths[a].toFixed(4)} is smaller than twice the largest cutoff ${maxCutoff.toFixed(4)}: the minimum image would miss interactions; use more particles`);
    }
  }
  for (let k = 0; k < c.positions.length; k++) {
    const x = c.positions[k], L = box.lengths[k % box.dim];
    if (!(x >= 0 && x < L)) throw new Error(`coordinate ${k} = ${x} is outside [0, ${L}): wrap positions first (wrapPositions)`);
  }
  const cells = buildMovableCellList(box, c.positions, maxCutoff);
  return {
    model, box, n: c.diameters.length, positions: c.positions, diameters: c.diameters, species: c.species,
    maxCutoff, cells, here: new Float64Array(box.dim),
  };
}





/** Place particle i at `to` (D wrapped coordinates), updating its cell membership in O(1). */
export function moveParticle(sys: ParticleEnergySystem, i: number, to: Float64Array): void {
  const d = sys.box.dim;
  for (let a = 0; a < d; a++) sys.positions[i * d + a] = to[a];
  const cells = sys.cells;
  if (!cells) return;
  const c = cellIndex(sys.box, cells.cellsPerAxis, to, 0);
  if (c === cells.cellOf[i]) return;
  removeFromCell(cells, i);
  insertIntoCell(cells, i, c);
}

// 000 App. A.1: U_ij = ε_ij u(r_ij / s_ij) for r_ij < x_c s_ij (r2 the squared minimum-image distance; u taken of x² = r²/s²).
function pairTerm(sys: ParticleEnergySystem, r2: number, di: number, dj: number, ti: number, tj: number): number {
  const rule = sys.model.rule, pot = sys.model.potential;
  const s = rule.sigma(di, dj, ti, tj);
  const x2 = r2 / (s * s);
  if (x2 >= pot.xc * pot.xc) return 0;
  return rule.epsilon(ti, tj) * pot.uOfX2(x2 > MIN_REDUCED_DISTANCE_2 ? x2 : MIN_REDUCED_DISTANCE_2);
}

/** Minimum image of one coordinate difference of two points in [0, L), so that |dx| < L. */
function wrapDifference(dx: number, L: number): number {
  return dx > 0.5 * L ? dx - L : dx < -0.5 * L ? dx + L : dx;
}

/** Squared minimum-image distance between the point xi (length D, wrapped into the box) and particle j. */
function distance2To(sys: ParticleEnergySystem, xi: Float64Array, j: number): number {
  const d = sys.box.dim, L = sys.box.lengths, p = sys.positions;
  if (d === 2) {
    const dx = wrapDifference(p[2 * j] - xi[0], L[0]), dy = wrapDifference(p[2 * j + 1] - xi[1], L[1]);
    return dx * dx + dy * dy;
  }
  if (d === 3) {
    const dx = wrapDifference(p[3 * j] - xi[0], L[0]), dy = wrapDifference(p[3 * j + 1] - xi[1], L[1]);
    const dz = wrapDifference(p[3 * j + 2] - xi[2], L[2]);
    return dx * dx + dy * dy + dz * dz;
  }
  let r2 = 0;
  for (let a = 0; a < d; a++) { const dx = wrapDifference(p[j * d + a] - xi[a], L[a]); r2 += dx * dx; }
  return r2;
}

/**
 * 000 App. A.1: Σ_{j ≠ i, j ≠ skip, j ≥ firstPartner} ε_ij u(r_ij/s_ij) for particle i placed at xi (wrapped into the box)
 * with diameter di, all other particles as they are. The workhorse behind the energy functions below.
 */
export function sumPairEnergies(sys: ParticleEnergySystem, i: number, xi: Float64Array, di: number, firstPartner = 0, skip = -1): number {
  const rc2 = sys.maxCutoff * sys.maxCutoff;
  const dia = sys.diameters, spe = sys.species, ti = spe[i];
  let e = 0;
  const cells = sys.cells;
  if (!cells) {
    for (let j = firstPartner; j < sys.n; j++) {
      if (j === i || j === skip) continue;
      const r2 = distance2To(sys, xi, j);
      if (r2 < rc2) e += pairTerm(sys, r2, di, dia[j], ti, spe[j]);
    }
    return e;
  }
  const home = cellIndex(sys.box, cells.cellsPerAxis, xi, 0);
  const cap = cells.capacity, members = cells.members, count = cells.count, stencil = cells.stencilSize;
  for (let o = 0; o < stencil; o++) {
    const c = cells.neighborCells[home * stencil + o];
    for (let q = c * cap, end = c * cap + count[c]; q < end; q++) {
      const j = members[q];
      if (j === i || j === skip || j < firstPartner) continue;
      const r2 = distance2To(sys, xi, j);
      if (r2 < rc2) e += pairTerm(sys, r2, di, dia[j], ti, spe[j]);
    }
  }
  return e;
}

/** Particle i's coordinates, copied into the system's scratch (valid until the next call). */
function coordinatesOf(sys: ParticleEnergySystem, i: number): Float64Array {
  const d = sys.box.dim, s = sys.here;
  for (let a = 0; a < d; a++) s[a] = sys.positions[i * d + a];
  return s;
}

// 000 App. A.1a: E_i = Σ_{j≠i} ε_ij u(r_ij/s_ij), the energy one Monte Carlo move of i can change.
export function particleEnergy(sys: ParticleEnergySystem, i: number): number {
  return sumPairEnergies(sys, i, coordinatesOf(sys, i), sys.diameters[i]);
}

// 000 App. A.1a: E_i for a trial position `at` (D wrapped coordinates) and trial diameter `di`.
export function particleEnergyAt(sys: ParticleEnergySystem, i: number, at: Float64Array, di = sys.diameters[i]): number {
  return sumPairEnergies(sys, i, at, di);
}

// 000 App. A.1: U_ij for particles i and j carrying diameters di and dj (defaults: their own).
export function pairEnergy(sys: ParticleEnergySystem, i: number, j: number, di = sys.diameters[i], dj = sys.diameters[j]): number {
  const r2 = distance2To(sys, coordinatesOf(sys, i), j);
  return r2 < sys.maxCutoff * sys.maxCutoff ? pairTerm(sys, r2, di, dj, sys.species[i], sys.species[j]) : 0;
}

// 000 App. A.1: total energy E = Σ_{i<j} U_ij, exactly (no running sums).
export function totalEnergy(sys: ParticleEnergySystem): number {
  let e = 0;
  for (let i = 0; i < sys.n; i++) e += sumPairEnergies(sys, i, coordinatesOf(sys, i), sys.diameters[i], i + 1);
  return e;
}

/** Throws if some particle is missing from, duplicated in, or misplaced among the cells (for tests; hazard 4). */
export function checkCellList(sys: ParticleEnergySystem): void {
  const cells = sys.cells;
  if (!cells) return;
  const seen = new Uint8Array(sys.n);
  for (let c = 0; c < cells.cellCount; c++) {
    for (let s = 0; s < cells.count[c]; s++) {
      const i = cells.members[c * cells.capacity + s];
      if (seen[i]) throw new Error(`particle ${i} is listed twice in the cell list`);
      seen[i] = 1;
      if (cells.cellOf[i] !== c || cells.slotOf[i] !== s) throw new Error(`particle ${i}: cell/slot bookkeeping is stale`);
      if (cellIndex(sys.box, cells.cellsPerAxis, sys.positions, i * sys.box.dim) !== c) throw new Error(`particle ${i} sits in the wrong cell`);
    }
  }
  for (let i = 0; i < sys.n; i++) if (!seen[i]) throw new Error(`particle ${i} is missing from the cell list`);
}
