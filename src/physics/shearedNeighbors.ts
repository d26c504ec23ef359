// Verlet half lists in a sheared (Lees–Edwards) box: cells are binned in the reduced coordinates s = T⁻¹x (an orthorhombic
// box), every pair's minimum image is found with the strain (space.ts minimumImageSheared) and kept as the pair's image
// g_p = (r_j − r_i)_min − (r_j − r_i), so the force, energy and Hessian loops (which add a list's images, as for Mari–Kurchan)
// need no change and the unsheared path stays as it was.
import { buildCellList } from './cells.ts';
import type { NeighborList, NeighborSpec } from './neighbors.ts';
import { minimumImageSheared, wrapPositions } from './space.ts';

/** All 3^D offsets (each axis −1, 0, +1) of the cells around a cell. */
function fullStencil(d: number): number[][] {
  let out: number[][] = [[]];
  for (let a = 0; a < d; a++) out = out.flatMap((o) => [-1, 0, 1].map((x) => [...o, x]));
  return out;
}

/**
 * The half list (pairs i < j within x_c·s_ij + skin) of a sheared box. A pair within the search radius r has reduced
 * separation |Δs_c| ≤ r√(1+γ²) on every axis, so cells of that side and their ±1 stencil hold every partner, and boxes of
 * at least twice that side give each such pair one image.
 */
export function buildShearedNeighborList(spec: NeighborSpec, positions: Float64Array, previous?: NeighborList): NeighborList {
  const { box, rule, xc, diameters, species, skin } = spec;
  const shear = box.shear;
  if (!shear) throw new Error('internal: buildShearedNeighborList needs a sheared box');
  const d = box.dim, n = diameters.length, L = box.lengths;
  const reach = (xc * spec.maxSigma + skin) * Math.sqrt(1 + shear.gamma * shear.gamma);
  for (let a = 0; a < d; a++) {
    if (L[a] < 2 * reach) throw new Error(`box side ${L[a].toFixed(4)} is smaller than twice the sheared interaction range ${reach.toFixed(4)}: use more particles`);
  }
  wrapPositions(box, positions);
  const reduced = positions.slice();
  for (let k = 0; k < reduced.length; k += d) reduced[k + shear.a] -= shear.gamma * reduced[k + shear.b];
  const cells = buildCellList({ dim: d, lengths: L }, reduced, reach);
  const cpa = cells.cellsPerAxis;
  const useCells = Array.from(cpa).every((c) => c >= 3);
  const stencil = useCells ? fullStencil(d) : [];
  const coord = new Int32Array(d);
  const partners: number[] = [], sigma: number[] = [], epsilon: number[] = [], inverseSigma2: number[] = [], images: number[] = [];
  const offsets = new Int32Array(n + 1);
  const w = new Float64Array(d);
  const consider = (i: number, j: number) => {
    let r2 = 0;
    for (let c = 0; c < d; c++) w[c] = positions[j * d + c] - positions[i * d + c];
    minimumImageSheared(box, shear, w);
    for (let c = 0; c < d; c++) r2 += w[c] * w[c];
    const s = rule.sigma(diameters[i], diameters[j], species[i], species[j]);
    const rc = xc * s + skin;
    if (r2 >= rc * rc) return;
    partners.push(j); sigma.push(s); inverseSigma2.push(1 / (s * s)); epsilon.push(rule.epsilon(species[i], species[j]));
    for (let c = 0; c < d; c++) images.push(w[c] - (positions[j * d + c] - positions[i * d + c]));
  };
  for (let i = 0; i < n; i++) {
    offsets[i] = partners.length;
    if (!useCells) { for (let j = i + 1; j < n; j++) consider(i, j); continue; }
    let rest = cells.cellOf[i];
    for (let a = 0; a < d; a++) { coord[a] = rest % cpa[a]; rest = Math.floor(rest / cpa[a]); }
    for (const o of stencil) {
      let idx = 0;
      for (let a = d - 1; a >= 0; a--) {
        let v = coord[a] + o[a];
        if (v < 0) v += cpa[a]; else if (v >= cpa[a]) v -= cpa[a];
        idx = idx * cpa[a] + v;
      }
      for (let m = cells.cellStart[idx]; m < cells.cellStart[idx + 1]; m++) {
        const j = cells.order[m];
        if (j > i) consider(i, j);
      }
    }
  }
  offsets[n] = partners.length;
  const reference = positions.slice();
  return {
    n, skin, offsets, partners: Int32Array.from(partners), sigma: Float64Array.from(sigma), epsilon: Float64Array.from(epsilon),
    inverseSigma2: Float64Array.from(inverseSigma2), images: Float64Array.from(images), reference, builds: (previous?.builds ?? 0) + 1,
  };
}
