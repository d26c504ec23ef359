// Energy, forces and Hessian–vector products of a pair model, E = Σ_{i<j} ε_ij u(r_ij / s_ij), over a Verlet half list.
import type { Configuration, PairShifts } from './configuration.ts';
import { buildShiftedNeighborList } from './mariKurchan/neighbors.ts';
import type { Model } from './models.ts';
import { buildNeighborList, needsRebuild, type NeighborList, type NeighborSpec } from './neighbors.ts';
import { buildShearedNeighborList } from './shearedNeighbors.ts';
import type { Box } from './space.ts';

/** Everything needed to evaluate the landscape of one configuration's particles: the model, the box and a neighbor list kept fresh. */
export interface Landscape {
  readonly model: Model;
  readonly box: Box;
  readonly spec: NeighborSpec;
  /** Mari–Kurchan models: the planted pair shifts, from which the list is rebuilt (000 App. A.1d). */
  readonly shifts?: PairShifts;
  list: NeighborList;
}

export interface LandscapeOptions {
  /** Verlet skin (default DEFAULT_SKIN × the largest s_ij). */
  skin?: number;
}

/** The Verlet skin in units of the largest pair length s_max, on both engines: 0.2 measured fastest for FIRE on KA (bench/cpu.ts); 0.3 is LAMMPS's default. */
export const DEFAULT_SKIN = 0.2;

export function createLandscape(model: Model, c: Configuration, options: LandscapeOptions = {}): Landscape {
  if (c.box.dim !== model.dim) throw new Error(`model ${model.name} is ${model.dim}D but the configuration is ${c.box.dim}D`);
  const maxSigma = model.maxSigma(c);
  const skin = options.skin ?? defaultSkin(c.box, model.potential.xc * maxSigma, maxSigma);
  const spec: NeighborSpec = { box: c.box, rule: model.rule, xc: model.potential.xc, diameters: c.diameters, species: c.species, maxSigma, skin };
  if (c.box.shear && model.pairShifts) throw new Error(`model ${model.name}'s planted pair shifts are not defined in a sheared box`);
  if (!model.pairShifts) return { model, box: c.box, spec, list: plainList(spec, c.positions) };
  if (!c.shifts) throw new Error(`model ${model.name} needs the planted pair shifts of its state: plant one with equilibrate, or read a state file written for ${model.name}`);
  const shifts = c.shifts;
  return { model, box: c.box, spec, shifts, list: buildShiftedNeighborList(spec, shifts, model.potential.uOfX2, c.positions) };
}

/** A new list for the positions (the cell-list build, or the O(N²) shifted-pair scan of a Mari–Kurchan landscape). */
function rebuiltList(land: Landscape, positions: Float64Array): NeighborList {
  return land.shifts
    ? buildShiftedNeighborList(land.spec, land.shifts, land.model.potential.uOfX2, positions, land.list)
    : plainList(land.spec, positions, land.list);
}

/** The cell-built list; in a sheared box the Lees–Edwards one, whose pair images carry the strain (shearedNeighbors.ts). */
function plainList(spec: NeighborSpec, positions: Float64Array, previous?: NeighborList): NeighborList {
  return spec.box.shear ? buildShearedNeighborList(spec, positions, previous) : buildNeighborList(spec, positions, previous);
}

/**
 * 0.2 × s_max (measured fastest for FIRE on KA, bench/cpu.ts; LAMMPS's default is 0.3), shrunk to half the margin left
 * when the range would exceed L/2: small high-D boxes (8D at φ = 0.1 has L = 2.67 at N = 16384) keep every pair at its
 * unique minimum image as long as the cutoff itself is below L/2 (buildNeighborList checks).
 */
function defaultSkin(box: Box, reach: number, maxSigma: number): number {
  const skin = DEFAULT_SKIN * maxSigma;
  const half = 0.5 * Math.min(...box.lengths);
  return reach + skin < half || reach >= half ? skin : 0.5 * (half - reach);
}

/** Rebuild the Verlet list if any particle has moved more than half the skin. */
export function refreshNeighbors(land: Landscape, positions: Float64Array): void {
  if (needsRebuild(land.box, land.list, positions)) land.list = rebuiltList(land, positions);
}

/** Force the list to be rebuilt (after diameters change, e.g. by swap moves). */
export function rebuildNeighbors(land: Landscape, positions: Float64Array): void {
  land.list = rebuiltList(land, positions);
}

/** Minimum-image r_j − r_i (+ the pair's image g_p of a Mari–Kurchan list) into dr (length D); returns |r_ij|². */
function pairSeparation(L: Float64Array, x: Float64Array, i: number, j: number, dr: Float64Array, images: Float64Array | undefined, p: number): number {
  const d = dr.length;
  let r2 = 0;
  for (let a = 0; a < d; a++) {
    let dx = x[j * d + a] - x[i * d + a];
    if (images) dx += images[p * d + a];
    dx -= L[a] * Math.round(dx / L[a]);
    dr[a] = dx;
    r2 += dx * dx;
  }
  return r2;
}

// 000 App. A.1: total potential energy E = Σ_{i<j} U_ij(r_ij).
export function energy(land: Landscape, positions: Float64Array): number {
  refreshNeighbors(land, positions);
  const { offsets, partners, sigma, epsilon, n, images } = land.list;
  const pot = land.model.potential;
  const d = land.box.dim;
  const L = land.box.lengths;
  const xc2 = pot.xc * pot.xc;
  const dr = new Float64Array(d);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const r2 = pairSeparation(L, positions, i, partners[p], dr, images, p);
      const s = sigma[p];
      if (r2 < xc2 * s * s) e += epsilon[p] * pot.u(Math.sqrt(r2) / s);
    }
  }
  return e;
}

/**
 * Forces f_i = −∂E/∂r_i written into `out` (N·D); returns E, or NaN when `withEnergy` is false (cheaper).
 * Specialized loops for D = 2 and 3, a general one otherwise. 000 Eq. (1): these are the SD velocities with ζ = 1.
 */
export function energyAndForces(land: Landscape, positions: Float64Array, out: Float64Array, withEnergy = true): number {
  refreshNeighbors(land, positions);
  out.fill(0);
  const d = land.box.dim;
  if (d === 3) return forces3(land, positions, out, withEnergy);
  if (d === 2) return forces2(land, positions, out, withEnergy);
  return forcesD(land, positions, out);
}

// Pair force on j: f_j = −(ε/s²)(u′(x)/x) r_ij with x² = r²/s²; f_i = −f_j.
function forces3(land: Landscape, x: Float64Array, f: Float64Array, withEnergy: boolean): number {
  const { offsets, partners, inverseSigma2, epsilon, n, images } = land.list;
  const pot = land.model.potential;
  const xc2 = pot.xc * pot.xc;
  const Lx = land.box.lengths[0], Ly = land.box.lengths[1], Lz = land.box.lengths[2];
  const hx = 0.5 * Lx, hy = 0.5 * Ly, hz = 0.5 * Lz;
  let e = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    let fx = 0, fy = 0, fz = 0;
    for (let p = offsets[i], end = offsets[i + 1]; p < end; p++) {
      const j = partners[p];
      let dx = x[3 * j] - xi, dy = x[3 * j + 1] - yi, dz = x[3 * j + 2] - zi;
      if (images) { dx += images[3 * p]; dy += images[3 * p + 1]; dz += images[3 * p + 2]; }
      // Minimum image by one comparison per axis: valid because positions are wrapped at every list build and move < skin/2 after.
      if (dx > hx) dx -= Lx; else if (dx < -hx) dx += Lx;
      if (dy > hy) dy -= Ly; else if (dy < -hy) dy += Ly;
      if (dz > hz) dz -= Lz; else if (dz < -hz) dz += Lz;
      const is2 = inverseSigma2[p];
      const x2 = (dx * dx + dy * dy + dz * dz) * is2;
      if (x2 >= xc2) continue;
      const eps = epsilon[p];
      if (withEnergy) e += eps * pot.uOfX2(x2);
      const g = eps * is2 * pot.duOverX(x2);
      fx += g * dx; fy += g * dy; fz += g * dz;
      f[3 * j] -= g * dx; f[3 * j + 1] -= g * dy; f[3 * j + 2] -= g * dz;
    }
    f[3 * i] += fx; f[3 * i + 1] += fy; f[3 * i + 2] += fz;
  }
  return withEnergy ? e : Number.NaN;
}

function forces2(land: Landscape, x: Float64Array, f: Float64Array, withEnergy: boolean): number {
  const { offsets, partners, inverseSigma2, epsilon, n, images } = land.list;
  const pot = land.model.potential;
  const xc2 = pot.xc * pot.xc;
  const Lx = land.box.lengths[0], Ly = land.box.lengths[1];
  const hx = 0.5 * Lx, hy = 0.5 * Ly;
  let e = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[2 * i], yi = x[2 * i + 1];
    let fx = 0, fy = 0;
    for (let p = offsets[i], end = offsets[i + 1]; p < end; p++) {
      const j = partners[p];
      let dx = x[2 * j] - xi, dy = x[2 * j + 1] - yi;
      if (images) { dx += images[2 * p]; dy += images[2 * p + 1]; }
      if (dx > hx) dx -= Lx; else if (dx < -hx) dx += Lx;
      if (dy > hy) dy -= Ly; else if (dy < -hy) dy += Ly;
      const is2 = inverseSigma2[p];
      const x2 = (dx * dx + dy * dy) * is2;
      if (x2 >= xc2) continue;
      const eps = epsilon[p];
      if (withEnergy) e += eps * pot.uOfX2(x2);
      const g = eps * is2 * pot.duOverX(x2);
      fx += g * dx; fy += g * dy;
      f[2 * j] -= g * dx; f[2 * j + 1] -= g * dy;
    }
    f[2 * i] += fx; f[2 * i + 1] += fy;
  }
  return withEnergy ? e : Number.NaN;
}

function forcesD(land: Landscape, x: Float64Array, f: Float64Array): number {
  const { offsets, partners, sigma, epsilon, n, images } = land.list;
  const pot = land.model.potential;
  const d = land.box.dim;
  const L = land.box.lengths;
  const xc2 = pot.xc * pot.xc;
  const dr = new Float64Array(d);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = partners[p];
      const r2 = pairSeparation(L, x, i, j, dr, images, p);
      const s = sigma[p];
      if (r2 >= xc2 * s * s) continue;
      const r = Math.sqrt(r2);
      e += epsilon[p] * pot.u(r / s);
      const g = (epsilon[p] * pot.du(r / s)) / (s * r);
      for (let a = 0; a < d; a++) { f[i * d + a] += g * dr[a]; f[j * d + a] -= g * dr[a]; }
    }
  }
  return e;
}

/**
 * Hessian–vector product (M v)_i = Σ_j K_ij (v_i − v_j), with the pair block
 * K = U″ r̂r̂ᵀ + (U′/r)(I − r̂r̂ᵀ) (analytic; docs/PHYSICS.md §5). Writes into `out`.
 */
export function hessianVectorProduct(land: Landscape, positions: Float64Array, v: Float64Array, out: Float64Array): Float64Array {
  refreshNeighbors(land, positions);
  out.fill(0);
  const { offsets, partners, sigma, epsilon, n, images } = land.list;
  const pot = land.model.potential;
  const d = land.box.dim;
  const L = land.box.lengths;
  const xc2 = pot.xc * pot.xc;
  const dr = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = partners[p];
      const r2 = pairSeparation(L, positions, i, j, dr, images, p);
      const s = sigma[p];
      if (r2 >= xc2 * s * s) continue;
      const r = Math.sqrt(r2);
      const eps = epsilon[p];
      const d1 = (eps * pot.du(r / s)) / s; // U′(r)
      const d2 = (eps * pot.d2u(r / s)) / (s * s); // U″(r)
      let proj = 0; // r̂·(v_i − v_j)
      for (let a = 0; a < d; a++) proj += (dr[a] / r) * (v[i * d + a] - v[j * d + a]);
      for (let a = 0; a < d; a++) {
        const w = v[i * d + a] - v[j * d + a];
        const k = (d2 - d1 / r) * proj * (dr[a] / r) + (d1 / r) * w;
        out[i * d + a] += k;
        out[j * d + a] -= k;
      }
    }
  }
  return out;
}

/** Largest Hessian eigenvalue by power iteration (for the steepest-descent stability limit Δt < 2/λ_max). */
export function largestHessianEigenvalue(land: Landscape, positions: Float64Array, iterations = 60): number {
  const m = positions.length;
  const v = new Float64Array(m).map((_, k) => Math.sin(1.37 * k + 0.3));
  const w = new Float64Array(m);
  let lambda = 0;
  for (let it = 0; it < iterations; it++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += v[k] * v[k];
    s = 1 / Math.sqrt(s);
    for (let k = 0; k < m; k++) v[k] *= s;
    hessianVectorProduct(land, positions, v, w);
    lambda = 0;
    for (let k = 0; k < m; k++) lambda += v[k] * w[k];
    v.set(w);
  }
  return lambda;
}
