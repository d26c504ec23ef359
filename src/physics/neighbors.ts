// Cell lists (counting sort, no capacity limit) and Verlet half lists with a skin, for pair cutoffs that differ per pair.
import type { CombiningRule } from './models.ts';
import { minimumImage1, type Box } from './space.ts';

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
  let partners = previous?.partners ?? new Int32Array(Math.max(16, n * 8));
  let sig = previous?.sigma ?? new Float64Array(partners.length);
  let eps = previous?.epsilon ?? new Float64Array(partners.length);
  let is2 = previous?.inverseSigma2 ?? new Float64Array(partners.length);
  const offsets = previous && previous.offsets.length === n + 1 ? previous.offsets : new Int32Array(n + 1);
  let count = 0;
  const L = box.lengths;
  const push = (i: number, j: number, s: number) => {
    if (count === partners.length) {
      const grow = partners.length * 2;
      const p2 = new Int32Array(grow); p2.set(partners); partners = p2;
      const s2 = new Float64Array(grow); s2.set(sig); sig = s2;
      const e2 = new Float64Array(grow); e2.set(eps); eps = e2;
      const q2 = new Float64Array(grow); q2.set(is2); is2 = q2;
    }
    partners[count] = j;
    sig[count] = s;
    is2[count] = 1 / (s * s);
    eps[count] = rule.epsilon(species[i], species[j]);
    count++;
  };
  const within = (i: number, j: number): number => {
    const s = rule.sigma(diameters[i], diameters[j], species[i], species[j]);
    const rc = xc * s + skin;
    let r2 = 0;
    for (let a = 0; a < d; a++) {
      const dx = minimumImage1(positions[j * d + a] - positions[i * d + a], L[a]);
      r2 += dx * dx;
    }
    return r2 < rc * rc ? s : -1;
  };

  const cells = buildCellList(box, positions, rMax);
  let useCells = true;
  for (let a = 0; a < d; a++) if (cells.cellsPerAxis[a] < 3) useCells = false;

  if (!useCells) {
    for (let i = 0; i < n; i++) {
      offsets[i] = count;
      for (let j = i + 1; j < n; j++) { const s = within(i, j); if (s > 0) push(i, j, s); }
    }
  } else {
    const st = stencil(d);
    const ns = st.length / d;
    const cpa = cells.cellsPerAxis;
    const coord = new Int32Array(d);
    const neighborCells = new Int32Array(ns);
    for (let i = 0; i < n; i++) {
      offsets[i] = count;
      let c = cells.cellOf[i];
      for (let a = 0; a < d; a++) { coord[a] = c % cpa[a]; c = Math.floor(c / cpa[a]); }
      for (let s = 0; s < ns; s++) {
        let idx = 0;
        for (let a = d - 1; a >= 0; a--) {
          let k = coord[a] + st[s * d + a];
          if (k < 0) k += cpa[a]; else if (k >= cpa[a]) k -= cpa[a];
          idx = idx * cpa[a] + k;
        }
        neighborCells[s] = idx;
      }
      for (let s = 0; s < ns; s++) {
        const cell = neighborCells[s];
        for (let q = cells.cellStart[cell]; q < cells.cellStart[cell + 1]; q++) {
          const j = cells.order[q];
          if (j <= i) continue;
          const sij = within(i, j);
          if (sij > 0) push(i, j, sij);
        }
      }
    }
  }
  offsets[n] = count;
  const reference = previous?.reference && previous.reference.length === positions.length ? previous.reference : new Float64Array(positions.length);
  reference.set(positions);
  return { n, skin, offsets, partners, sigma: sig, epsilon: eps, inverseSigma2: is2, reference, builds: (previous?.builds ?? 0) + 1 };
}

/** True when some particle moved more than skin/2 since the last build (then a pair may have entered the cutoff). */
export function needsRebuild(box: Box, list: NeighborList, positions: Float64Array): boolean {
  const d = box.dim;
  const limit2 = (0.5 * list.skin) * (0.5 * list.skin);
  const ref = list.reference;
  const L = box.lengths;
  for (let i = 0, n = list.n; i < n; i++) {
    let r2 = 0;
    for (let a = 0; a < d; a++) {
      const dx = minimumImage1(positions[i * d + a] - ref[i * d + a], L[a]);
      r2 += dx * dx;
    }
    if (r2 > limit2) return true;
  }
  return false;
}
