// Cell lists (counting sort, no capacity limit) and Verlet half lists with a skin, for pair cutoffs that differ per pair.
import type { CombiningRule } from './models.ts';
import { wrapPositions, type Box } from './space.ts';

/** Particles binned into cells of side ≥ `minCellSide` by counting sort: cellStart[c]..cellStart[c+1] index `order`. */
export interface CellList {
  readonly cellsPerAxis: Int32Array;
  readonly cellStart: Int32Array;
  readonly order: Int32Array;
  readonly cellOf: Int32Array;
}

export function buildCellList(box: Box, positions: Float64Array, minCellSide: number): CellList {
  const d = box.dim;
  const n = positions.length / d;
  const cellsPerAxis = new Int32Array(d);
  let total = 1;
  for (let a = 0; a < d; a++) {
    cellsPerAxis[a] = Math.max(1, Math.floor(box.lengths[a] / minCellSide));
    total *= cellsPerAxis[a];
  }
  const cellOf = new Int32Array(n);
  const counts = new Int32Array(total + 1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let a = d - 1; a >= 0; a--) {
      const L = box.lengths[a];
      let x = positions[i * d + a];
      x -= L * Math.floor(x / L);
      let k = Math.floor((x / L) * cellsPerAxis[a]);
      if (k >= cellsPerAxis[a]) k = cellsPerAxis[a] - 1;
      c = c * cellsPerAxis[a] + k;
    }
    cellOf[i] = c;
    counts[c + 1]++;
  }
  for (let c = 0; c < total; c++) counts[c + 1] += counts[c];
  const cellStart = counts.slice();
  const fill = counts.slice(0, total);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[cellOf[i]]++] = i;
  return { cellsPerAxis, cellStart, order, cellOf };
}

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
  /** Positions at the last build, to decide when to rebuild. */
  reference: Float64Array;
  builds: number;
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

/** Largest pair search radius x_c·s_max + skin; the box must be at least twice that for the minimum image. */
export function searchRadius(spec: NeighborSpec): number {
  return spec.xc * spec.maxSigma + spec.skin;
}

/**
 * Build the half list. Positions are wrapped into the box in place first (they may have drifted during a descent), so that
 * every separation afterwards satisfies |Δx| < L and a single conditional gives the minimum image.
 */
export function buildNeighborList(spec: NeighborSpec, positions: Float64Array, previous?: NeighborList): NeighborList {
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
  let partners = previous?.partners ?? new Int32Array(Math.max(16, n * 8));
  let sig = previous?.sigma ?? new Float64Array(partners.length);
  let eps = previous?.epsilon ?? new Float64Array(partners.length);
  let is2 = previous?.inverseSigma2 ?? new Float64Array(partners.length);
  const offsets = previous && previous.offsets.length === n + 1 ? previous.offsets : new Int32Array(n + 1);
  let count = 0;
  const L = box.lengths;
  const half = Float64Array.from(L, (l) => 0.5 * l);
  const rMax2 = rMax * rMax;
  const Lx = L[0], Ly = d > 1 ? L[1] : 0, Lz = d > 2 ? L[2] : 0;
  const hx = half[0], hy = d > 1 ? half[1] : 0, hz = d > 2 ? half[2] : 0;

  const cells = buildCellList(box, positions, rMax);
  let useCells = true;
  for (let a = 0; a < d; a++) if (cells.cellsPerAxis[a] < 3) useCells = false;
  // Each pair once: later particles of the own cell (by cell order) and all particles of the forward cells.
  const st = forwardStencil(d);
  const ns = useCells ? st.length / d : 0;
  const cpa = cells.cellsPerAxis;
  const coord = new Int32Array(d);
  const neighborCells = new Int32Array(ns + 1);
  const rank = new Int32Array(n);
  // Coordinates copied in cell order, so the candidates of a cell are read from contiguous memory.
  const sorted = new Float64Array(n * d);
  for (let m = 0; m < n; m++) {
    const j = useCells ? cells.order[m] : m;
    rank[j] = m;
    for (let a = 0; a < d; a++) sorted[m * d + a] = positions[j * d + a];
  }

  for (let i = 0; i < n; i++) {
    offsets[i] = count;
    const own = useCells ? cells.cellOf[i] : 0;
    if (useCells) {
      let c = own;
      for (let a = 0; a < d; a++) { coord[a] = c % cpa[a]; c = Math.floor(c / cpa[a]); }
      for (let q = 0; q < ns; q++) {
        let idx = 0;
        for (let a = d - 1; a >= 0; a--) {
          let k = coord[a] + st[q * d + a];
          if (k < 0) k += cpa[a]; else if (k >= cpa[a]) k -= cpa[a];
          idx = idx * cpa[a] + k;
        }
        neighborCells[q + 1] = idx;
      }
    }
    const di = diameters[i], ti = species[i];
    const xi = positions[i * d], yi = d > 1 ? positions[i * d + 1] : 0, zi = d > 2 ? positions[i * d + 2] : 0;
    for (let q = 0; q <= ns; q++) {
      const from = q === 0 ? rank[i] + 1 : cells.cellStart[neighborCells[q]];
      const to = !useCells ? n : q === 0 ? cells.cellStart[own + 1] : cells.cellStart[neighborCells[q] + 1];
      for (let m = from; m < to; m++) {
        const j = useCells ? cells.order[m] : m;
        let r2 = 0;
        if (d === 3) {
          let dx = sorted[3 * m] - xi, dy = sorted[3 * m + 1] - yi, dz = sorted[3 * m + 2] - zi;
          if (dx > hx) dx -= Lx; else if (dx < -hx) dx += Lx;
          if (dy > hy) dy -= Ly; else if (dy < -hy) dy += Ly;
          if (dz > hz) dz -= Lz; else if (dz < -hz) dz += Lz;
          r2 = dx * dx + dy * dy + dz * dz;
        } else if (d === 2) {
          let dx = sorted[2 * m] - xi, dy = sorted[2 * m + 1] - yi;
          if (dx > hx) dx -= Lx; else if (dx < -hx) dx += Lx;
          if (dy > hy) dy -= Ly; else if (dy < -hy) dy += Ly;
          r2 = dx * dx + dy * dy;
        } else {
          for (let a = 0; a < d; a++) {
            let dx = sorted[m * d + a] - positions[i * d + a];
            if (dx > half[a]) dx -= L[a]; else if (dx < -half[a]) dx += L[a];
            r2 += dx * dx;
          }
        }
        if (r2 >= rMax2) continue;
        const sij = rule.sigma(di, diameters[j], ti, species[j]);
        const rc = xc * sij + skin;
        if (r2 >= rc * rc) continue;
        if (count === partners.length) {
          const grow = partners.length * 2;
          const p2 = new Int32Array(grow); p2.set(partners); partners = p2;
          const s2 = new Float64Array(grow); s2.set(sig); sig = s2;
          const e2 = new Float64Array(grow); e2.set(eps); eps = e2;
          const q2 = new Float64Array(grow); q2.set(is2); is2 = q2;
        }
        partners[count] = j;
        sig[count] = sij;
        is2[count] = 1 / (sij * sij);
        eps[count] = rule.epsilon(ti, species[j]);
        count++;
      }
    }
  }
  offsets[n] = count;
  const reference = previous?.reference && previous.reference.length === positions.length ? previous.reference : new Float64Array(positions.length);
  reference.set(positions);
  return { n, skin, offsets, partners, sigma: sig, epsilon: eps, inverseSigma2: is2, reference, builds: (previous?.builds ?? 0) + 1 };
}

/**
 * True when some particle moved more than skin/2 since the last build (then a pair may have entered the cutoff).
 * Plain differences, not minimum images: an array that is not the wrapped one of the last build also triggers a rebuild,
 * which wraps it, so force loops can rely on |Δx| < L.
 */
export function needsRebuild(box: Box, list: NeighborList, positions: Float64Array): boolean {
  const d = box.dim;
  const limit2 = (0.5 * list.skin) * (0.5 * list.skin);
  const ref = list.reference;
  for (let i = 0, n = list.n; i < n; i++) {
    let r2 = 0;
    for (let a = 0; a < d; a++) {
      const dx = positions[i * d + a] - ref[i * d + a];
      r2 += dx * dx;
    }
    if (r2 > limit2) return true;
  }
  return false;
}
