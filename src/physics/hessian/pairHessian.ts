// The Hessian H = ∂²E/∂r∂r of a pair model as its interacting pairs and their D×D blocks (docs/PHYSICS.md §5):
//   K_ij = φ″(r) n nᵀ + (φ′(r)/r)(I − n nᵀ),  n = r_ij/r,  H_ij = −K_ij (i ≠ j),  H_ii = Σ_j K_ij,
// so that (H v)_i = Σ_j K_ij (v_i − v_j). Built once per configuration; every product after that is a sparse sweep.
import type { Landscape } from '../forces.ts';
import { forEachInteractingPair } from '../interactingPairs.ts';

export interface PairHessian {
  readonly n: number;
  readonly dim: number;
  /** Interacting pairs (r_ij < x_c·s_ij): first and second particle, i < j as in the half list. */
  readonly first: Int32Array;
  readonly second: Int32Array;
  /** K_ij, D² numbers per pair, row-major. */
  readonly blocks: Float64Array;
}

// docs/PHYSICS.md §5: the analytic pair block K = φ″ n nᵀ + (φ′/r)(I − n nᵀ) for every pair within the cutoff.
export function pairHessian(land: Landscape, positions: Float64Array): PairHessian {
  const pot = land.model.potential;
  const d = land.box.dim;
  const first: number[] = [], second: number[] = [], blocks: number[] = [];
  forEachInteractingPair(land, positions, (i, j, dr, r2, s, eps) => {
    const r = Math.sqrt(r2);
    const d1 = (eps * pot.du(r / s)) / s; // φ′(r)
    const d2 = (eps * pot.d2u(r / s)) / (s * s); // φ″(r)
    first.push(i);
    second.push(j);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const nn = (dr[a] * dr[b]) / r2;
        blocks.push(d2 * nn + (d1 / r) * ((a === b ? 1 : 0) - nn));
      }
    }
  });
  return { n: land.list.n, dim: d, first: Int32Array.from(first), second: Int32Array.from(second), blocks: Float64Array.from(blocks) };
}

/** Contacts z_i: the number of pairs within the cutoff that particle i takes part in. */
export function contactCounts(h: PairHessian): Int32Array {
  const z = new Int32Array(h.n);
  for (let p = 0; p < h.first.length; p++) { z[h.first[p]]++; z[h.second[p]]++; }
  return z;
}

/** The same Hessian without every pair that touches a particle marked in `drop` (their rows and columns become zero). */
export function withoutParticles(h: PairHessian, drop: Uint8Array): PairHessian {
  const dd = h.dim * h.dim;
  const keep: number[] = [];
  for (let p = 0; p < h.first.length; p++) if (!drop[h.first[p]] && !drop[h.second[p]]) keep.push(p);
  const blocks = new Float64Array(keep.length * dd);
  keep.forEach((p, k) => blocks.set(h.blocks.subarray(p * dd, (p + 1) * dd), k * dd));
  return {
    n: h.n, dim: h.dim, blocks,
    first: Int32Array.from(keep, (p) => h.first[p]), second: Int32Array.from(keep, (p) => h.second[p]),
  };
}

/** A matrix-free Hessian: writes H v into out. The Lanczos and SLQ solvers take only this, so a GPU product can stand in. */
export type HessianOperator = (v: Float64Array, out: Float64Array) => void;

// (H v)_i = Σ_j K_ij (v_i − v_j): one sweep over the pairs, specialized for D = 2 and 3.
export function applyPairHessian(h: PairHessian, v: Float64Array, out: Float64Array): Float64Array {
  out.fill(0);
  const { first, second, blocks, dim: d } = h;
  const m = first.length;
  if (d === 2) {
    for (let p = 0; p < m; p++) {
      const i = 2 * first[p], j = 2 * second[p], k = 4 * p;
      const wx = v[i] - v[j], wy = v[i + 1] - v[j + 1];
      const fx = blocks[k] * wx + blocks[k + 1] * wy, fy = blocks[k + 2] * wx + blocks[k + 3] * wy;
      out[i] += fx; out[i + 1] += fy; out[j] -= fx; out[j + 1] -= fy;
    }
  } else if (d === 3) {
    for (let p = 0; p < m; p++) {
      const i = 3 * first[p], j = 3 * second[p], k = 9 * p;
      const wx = v[i] - v[j], wy = v[i + 1] - v[j + 1], wz = v[i + 2] - v[j + 2];
      const fx = blocks[k] * wx + blocks[k + 1] * wy + blocks[k + 2] * wz;
      const fy = blocks[k + 3] * wx + blocks[k + 4] * wy + blocks[k + 5] * wz;
      const fz = blocks[k + 6] * wx + blocks[k + 7] * wy + blocks[k + 8] * wz;
      out[i] += fx; out[i + 1] += fy; out[i + 2] += fz; out[j] -= fx; out[j + 1] -= fy; out[j + 2] -= fz;
    }
  } else {
    const w = new Float64Array(d);
    for (let p = 0; p < m; p++) {
      const i = d * first[p], j = d * second[p], k = d * d * p;
      for (let a = 0; a < d; a++) w[a] = v[i + a] - v[j + a];
      for (let a = 0; a < d; a++) {
        let f = 0;
        for (let b = 0; b < d; b++) f += blocks[k + a * d + b] * w[b];
        out[i + a] += f; out[j + a] -= f;
      }
    }
  }
  return out;
}

export function pairHessianOperator(h: PairHessian): HessianOperator {
  return (v, out) => { applyPairHessian(h, v, out); };
}
