// One particle's energy with all others, E_i = Σ_j ε_ij u(r_ij / s_ij), over a Verlet list that follows single-particle
// moves and swaps (mcNeighborList.ts): a trial reads only its particle's row, and that row is rebuilt, never approximated,
// when the trial could reach a particle outside it. The trial's energies before and after are summed in one pass.
import type { Configuration } from '../configuration.ts';
import type { CombiningRule, Model } from '../models.ts';
import {
  harmonicPotential,
  lennardJonesForceShifted,
  lennardJonesTruncatedShifted,
  softSpherePotential,
  type RadialPotential,
} from '../potentials.ts';
import type { Box } from '../space.ts';
import {
  checkNeighborList,
  createMonteCarloNeighborList,
  diameterOutgrewList,
  distance2Between,
  listCovers,
  rereferenceParticle,
  wrapDifference,
  type MonteCarloNeighborList,
} from './mcNeighborList.ts';

/**
 * Smallest x = r/s_ij fed to u(x) (choice): r = 0 exactly would give u = ∞ (soft spheres) or ∞ − ∞ = NaN (Lennard-Jones);
 * at x = 1e-12 the soft-sphere energy is 1e144, still finite, so energy differences never become NaN.
 */
export const MIN_REDUCED_DISTANCE = 1e-12;
const MIN_REDUCED_DISTANCE_2 = MIN_REDUCED_DISTANCE * MIN_REDUCED_DISTANCE;

/** Default Verlet skin of the Monte Carlo list (choice, measured fastest with npm run bench:mc); never changes results. */
export const MONTE_CARLO_SKIN = 0.6;
/** How far a swap may raise a diameter past its value at the last list build before the list is rebuilt (choice). */
export const MONTE_CARLO_DIAMETER_SLACK = 0.2;

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
  readonly neighbors: MonteCarloNeighborList;
  /** Scratch of length D holding the coordinates of the particle being evaluated. */
  readonly here: Float64Array;
  /** Scratch: the energies before and after a trial (trialDisplacementEnergies, trialSwapEnergies). */
  readonly sums: Float64Array;
  readonly pair: PairTable;
}

/**
 * What U_ij needs, looked up once per system: s_ij² and ε_ij per species pair when the rule is a species table, and which
 * known potential u is (each has a call site of its own in reducedEnergy, so the JIT inlines it whichever models ran before).
 */
export interface PairTable {
  readonly rule: CombiningRule;
  readonly potential: RadialPotential;
  readonly potentialCode: number;
  /** x_c². */
  readonly xc2: number;
  readonly types: number;
  /** s_ij² and ε_ij by t_i·types + t_j (species-table rules), else null. */
  readonly sigma2: Float64Array | null;
  readonly epsilon: Float64Array | null;
  /**
   * (x_c s_ij)² per species pair with a 1e-9 margin over rounding (species-table rules), else null: a pair at r² beyond it has
   * U_ij = 0 whatever pairTerm's rounding, so the trial loop skips it without a division and changes no bit.
   */
  readonly cutoff2: Float64Array | null;
}

const KNOWN_POTENTIALS = [softSpherePotential, harmonicPotential, lennardJonesTruncatedShifted, lennardJonesForceShifted];

function pairTable(model: Model, species: Uint8Array): PairTable {
  const rule = model.rule, potential = model.potential;
  let types = 0;
  for (let i = 0; i < species.length; i++) if (species[i] >= types) types = species[i] + 1;
  const table = rule.kind === 'species-table';
  const sigma2 = table ? new Float64Array(types * types) : null, epsilon = table ? new Float64Array(types * types) : null;
  for (let a = 0; table && a < types; a++) {
    for (let b = 0; b < types; b++) { const s = rule.sigma(0, 0, a, b); sigma2![a * types + b] = s * s; epsilon![a * types + b] = rule.epsilon(a, b); }
  }
  const xc2 = potential.xc * potential.xc;
  const cutoff2 = sigma2 ? sigma2.map((s2) => xc2 * s2 * (1 + 1e-9)) : null;
  return { rule, potential, potentialCode: KNOWN_POTENTIALS.indexOf(potential), xc2, types, sigma2, epsilon, cutoff2 };
}

/** u(x²) of the table's potential. */
function reducedEnergy(k: PairTable, x2: number): number {
  switch (k.potentialCode) {
    case 0: return softSpherePotential.uOfX2(x2);
    case 1: return harmonicPotential.uOfX2(x2);
    case 2: return lennardJonesTruncatedShifted.uOfX2(x2);
    case 3: return lennardJonesForceShifted.uOfX2(x2);
    default: return k.potential.uOfX2(x2);
  }
}

/**
 * Uses the configuration's own arrays (not copies): moves and swaps made through this system change the configuration.
 * `skin` must exceed twice the largest trial step (2 δ_max √D); larger skins re-reference less often and read longer rows.
 */
export function createParticleEnergySystem(c: Configuration, model: Model, skin = MONTE_CARLO_SKIN): ParticleEnergySystem {
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
  const source = { model, box, positions: c.positions, diameters: c.diameters, species: c.species, maxCutoff };
  return {
    ...source, n: c.diameters.length, neighbors: createMonteCarloNeighborList(source, skin, MONTE_CARLO_DIAMETER_SLACK),
    here: new Float64Array(box.dim), sums: new Float64Array(2), pair: pairTable(model, c.species),
  };
}

/**
 * Make row i cover particle i placed at `at` (D wrapped coordinates), re-referencing i where it is now if it does not.
 * Throws if even that cannot (a trial step longer than half the skin).
 */
export function coverTrial(sys: ParticleEnergySystem, i: number, at: Float64Array): void {
  const list = sys.neighbors;
  if (listCovers(list, sys.box, i, at)) return;
  rereferenceParticle(list, sys, i);
  if (!listCovers(list, sys.box, i, at)) throw new Error(`a Monte Carlo trial step exceeds half the neighbor skin ${list.skin}: use a larger skin`);
}

/** After particle k's diameter changed (an accepted swap): re-reference it if it outgrew its cutoff bound. */
export function followDiameterChange(sys: ParticleEnergySystem, k: number): void {
  if (diameterOutgrewList(sys.neighbors, sys.diameters, k)) rereferenceParticle(sys.neighbors, sys, k);
}

/** Place particle i at `to` (D wrapped coordinates) and keep the list exact. */
export function moveParticle(sys: ParticleEnergySystem, i: number, to: Float64Array): void {
  coverTrial(sys, i, to);
  const d = sys.box.dim;
  for (let a = 0; a < d; a++) sys.positions[i * d + a] = to[a];
}

// 000 App. A.1: U_ij = ε_ij u(r_ij / s_ij) for r_ij < x_c s_ij (r2 the squared minimum-image distance; u taken of x² = r²/s²).
function pairTerm(k: PairTable, r2: number, di: number, dj: number, ti: number, tj: number): number {
  let x2: number, epsilon: number;
  if (k.sigma2 !== null) {
    const t = ti * k.types + tj;
    x2 = r2 / k.sigma2[t];
    if (x2 >= k.xc2) return 0;
    epsilon = k.epsilon![t];
  } else {
    const s = k.rule.sigma(di, dj, ti, tj);
    x2 = r2 / (s * s);
    if (x2 >= k.xc2) return 0;
    epsilon = k.rule.epsilon(ti, tj);
  }
  return epsilon * reducedEnergy(k, x2 > MIN_REDUCED_DISTANCE_2 ? x2 : MIN_REDUCED_DISTANCE_2);
}

/** Squared minimum-image distance between the point xi (length D, wrapped into the box) and particle j. */
function distance2To(sys: ParticleEnergySystem, xi: Float64Array, j: number): number {
  return distance2Between(sys.box, xi, 0, sys.positions, j * sys.box.dim);
}

/**
 * 000 App. A.1: Σ_{j ≠ i, j ≠ skip, j ≥ firstPartner} ε_ij u(r_ij/s_ij) for particle i placed at xi with diameter di, all
 * other particles as they are; xi must be covered by row i (coverTrial). Behind the energy functions below.
 */
export function sumPairEnergies(sys: ParticleEnergySystem, i: number, xi: Float64Array, di: number, firstPartner = 0, skip = -1): number {
  const k = sys.pair;
  const dia = sys.diameters, spe = sys.species, ti = spe[i];
  const { rows, capacity, rowLength } = sys.neighbors;
  let e = 0;
  for (let q = i * capacity, end = q + rowLength[i]; q < end; q++) {
    const j = rows[q];
    if (j === skip || j < firstPartner) continue;
    e += pairTerm(k, distance2To(sys, xi, j), di, dia[j], ti, spe[j]);
  }
  return e;
}

/**
 * 000 App. A.1a: E_i at i's position and at `to` (covered by row i), in one pass over the row: sums[0] before, sums[1] after.
 * The hot loop of a displacement trial.
 */
export function trialDisplacementEnergies(sys: ParticleEnergySystem, i: number, to: Float64Array): Float64Array {
  const k = sys.pair;
  const p = sys.positions, dia = sys.diameters, spe = sys.species, ti = spe[i], di = dia[i];
  const { rows, capacity, rowLength } = sys.neighbors;
  const d = sys.box.dim, L = sys.box.lengths, first = i * capacity, last = first + rowLength[i];
  const cutoff2 = k.cutoff2;
  let before = 0, after = 0;
  if (d === 2 || d === 3) {
    const L0 = L[0], L1 = L[1], L2 = d === 3 ? L[2] : 1;
    const x0 = p[i * d], x1 = p[i * d + 1], x2 = d === 3 ? p[i * d + 2] : 0;
    const y0 = to[0], y1 = to[1], y2 = d === 3 ? to[2] : 0;
    for (let q = first; q < last; q++) {
      const j = rows[q], o = j * d;
      const pj0 = p[o], pj1 = p[o + 1], pj2 = d === 3 ? p[o + 2] : 0;
      let a0 = wrapDifference(pj0 - x0, L0), a1 = wrapDifference(pj1 - x1, L1), a2 = wrapDifference(pj2 - x2, L2);
      const rOld = d === 3 ? a0 * a0 + a1 * a1 + a2 * a2 : a0 * a0 + a1 * a1;
      a0 = wrapDifference(pj0 - y0, L0); a1 = wrapDifference(pj1 - y1, L1); a2 = wrapDifference(pj2 - y2, L2);
      const rNew = d === 3 ? a0 * a0 + a1 * a1 + a2 * a2 : a0 * a0 + a1 * a1;
      const dj = dia[j], tj = spe[j];
      if (cutoff2 !== null) {
        const c2 = cutoff2[ti * k.types + tj];
        if (rOld < c2) before += pairTerm(k, rOld, di, dj, ti, tj);
        if (rNew < c2) after += pairTerm(k, rNew, di, dj, ti, tj);
      } else {
        before += pairTerm(k, rOld, di, dj, ti, tj);
        after += pairTerm(k, rNew, di, dj, ti, tj);
      }
    }
  } else {
    for (let q = first; q < last; q++) {
      const j = rows[q], dj = dia[j], tj = spe[j];
      before += pairTerm(k, distance2Between(sys.box, p, i * d, p, j * d), di, dj, ti, tj);
      after += pairTerm(k, distance2To(sys, to, j), di, dj, ti, tj);
    }
  }
  sys.sums[0] = before;
  sys.sums[1] = after;
  return sys.sums;
}

/** Σ over row i (j skipped) of U_ij with i carrying `dOld` and with it carrying `dNew`, added into sums[0] and sums[1]. */
function addRowSwapSums(sys: ParticleEnergySystem, i: number, skip: number, dOld: number, dNew: number): void {
  const k = sys.pair;
  const p = sys.positions, dia = sys.diameters, spe = sys.species, ti = spe[i], d = sys.box.dim;
  const { rows, capacity, rowLength } = sys.neighbors;
  let before = 0, after = 0;
  for (let q = i * capacity, end = q + rowLength[i]; q < end; q++) {
    const j = rows[q];
    if (j === skip) continue;
    const r2 = distance2Between(sys.box, p, i * d, p, j * d), dj = dia[j], tj = spe[j];
    before += pairTerm(k, r2, dOld, dj, ti, tj);
    after += pairTerm(k, r2, dNew, dj, ti, tj);
  }
  sys.sums[0] += before;
  sys.sums[1] += after;
}

/**
 * 000 App. A.1a: the energy of i and j with all particles before (sums[0]) and after (sums[1]) exchanging their diameters:
 * E_i and E_j without the i–j pair, plus that pair.
 */
export function trialSwapEnergies(sys: ParticleEnergySystem, i: number, j: number): Float64Array {
  const di = sys.diameters[i], dj = sys.diameters[j];
  sys.sums[0] = 0; sys.sums[1] = 0;
  addRowSwapSums(sys, i, j, di, dj);
  addRowSwapSums(sys, j, i, dj, di);
  sys.sums[0] += pairEnergy(sys, i, j, di, dj);
  sys.sums[1] += pairEnergy(sys, i, j, dj, di);
  return sys.sums;
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

// 000 App. A.1a: E_i for a trial position `at` (D wrapped coordinates) and trial diameter `di` (may rebuild the list).
export function particleEnergyAt(sys: ParticleEnergySystem, i: number, at: Float64Array, di = sys.diameters[i]): number {
  coverTrial(sys, i, at);
  return sumPairEnergies(sys, i, at, di);
}

// 000 App. A.1: U_ij for particles i and j carrying diameters di and dj (defaults: their own), from their distance directly.
export function pairEnergy(sys: ParticleEnergySystem, i: number, j: number, di = sys.diameters[i], dj = sys.diameters[j]): number {
  const d = sys.box.dim;
  const r2 = distance2Between(sys.box, sys.positions, i * d, sys.positions, j * d);
  return r2 < sys.maxCutoff * sys.maxCutoff ? pairTerm(sys.pair, r2, di, dj, sys.species[i], sys.species[j]) : 0;
}

// 000 App. A.1: total energy E = Σ_{i<j} U_ij, exactly (no running sums).
export function totalEnergy(sys: ParticleEnergySystem): number {
  let e = 0;
  for (let i = 0; i < sys.n; i++) e += sumPairEnergies(sys, i, coordinatesOf(sys, i), sys.diameters[i], i + 1);
  return e;
}

/** Throws unless the Verlet list holds, in both rows, every pair within its cutoff now (for tests). */
export function checkNeighbors(sys: ParticleEnergySystem): void {
  checkNeighborList(sys.neighbors, sys);
}
