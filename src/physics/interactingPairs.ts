// The one walk over the interacting pairs of a configuration that the landscape analyses share (the Hessian's pair blocks,
// the nonlinear expansion, the elastic separations): the neighbor list's half pairs i < j, each pair's separation
// x_ij = r_j − r_i at the minimum image (plus the list's image vector: a Mari–Kurchan pair's planted shift, 000 App. A.1d, or
// a sheared box's image), kept where r_ij < x_c·s_ij. The force loops of forces.ts walk the same list by hand, for speed.
import { refreshNeighbors, type Landscape } from './forces.ts';

/** One interacting pair: particles i < j, x_ij (read it before the next call), r², and the pair's s_ij and ε_ij. */
export type PairVisitor = (i: number, j: number, separation: Float64Array, r2: number, sigma: number, epsilon: number) => void;

// The pairs within the cutoff, in list order.
export function forEachInteractingPair(land: Landscape, positions: Float64Array, visit: PairVisitor): void {
  refreshNeighbors(land, positions);
  const { offsets, partners, sigma, epsilon, n, images } = land.list;
  const d = land.box.dim;
  const L = land.box.lengths;
  const xc2 = land.model.potential.xc ** 2;
  const dr = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = partners[p];
      let r2 = 0;
      for (let a = 0; a < d; a++) {
        let x = positions[j * d + a] - positions[i * d + a];
        if (images) x += images[p * d + a];
        x -= L[a] * Math.round(x / L[a]);
        dr[a] = x;
        r2 += x * x;
      }
      const s = sigma[p];
      if (r2 < xc2 * s * s) visit(i, j, dr, r2, s, epsilon[p]);
    }
  }
}
