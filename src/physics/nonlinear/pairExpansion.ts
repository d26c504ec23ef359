// The interacting pairs of one configuration with what the nonlinear contractions need of each (003 Eqs. 8–14): the
// separation x_ij = r_j − r_i (minimum image, plus a Mari–Kurchan pair's planted shift) and the coefficients A1 … A4 of
// pairDerivatives.ts. Built once per configuration; every contraction after that is a sweep over these pairs.
import type { Landscape } from '../forces.ts';
import { forEachInteractingPair } from '../interactingPairs.ts';
import { expansionCoefficients, pairDerivatives } from '../pairDerivatives.ts';

export interface PairExpansion {
  readonly n: number;
  readonly dim: number;
  readonly first: Int32Array;
  readonly second: Int32Array;
  /** x_ij, D numbers per pair. */
  readonly separations: Float64Array;
  /** A1, A2, A3, A4 per pair. */
  readonly coefficients: Float64Array;
  /** x = r/s_ij per pair (the potential's own distance; its cutoff is at x_c), when built from a landscape. */
  readonly reduced?: Float64Array;
}

// 003 Eq. (C2): the pairs within the cutoff, optionally without those touching a particle marked in `drop` (rattlers).
export function pairExpansion(land: Landscape, positions: Float64Array, drop: Uint8Array | null = null): PairExpansion {
  const pot = land.model.potential;
  const d = land.box.dim;
  const first: number[] = [], second: number[] = [], sep: number[] = [], coef: number[] = [], reduced: number[] = [];
  const a = new Float64Array(4);
  forEachInteractingPair(land, positions, (i, j, dr, r2, s, eps) => {
    if (drop && (drop[i] || drop[j])) return;
    const r = Math.sqrt(r2);
    expansionCoefficients(pairDerivatives(pot, eps, s, r), r, a);
    first.push(i);
    second.push(j);
    for (let k = 0; k < d; k++) sep.push(dr[k]);
    coef.push(a[0], a[1], a[2], a[3]);
    reduced.push(r / s);
  });
  return {
    n: land.list.n, dim: d, first: Int32Array.from(first), second: Int32Array.from(second),
    separations: Float64Array.from(sep), coefficients: Float64Array.from(coef), reduced: Float64Array.from(reduced),
  };
}
