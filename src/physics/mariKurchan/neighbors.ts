// Verlet half list of a Mari–Kurchan state (000 App. A.1d): the pairs whose shifted separation |r_i − r_j + A_ij| (minimum
// image) is within x_c·s_ij + skin, found by an O(N²) scan that regenerates every A_ij (shifts.ts). Each listed pair p
// carries an image vector g_p such that r_j − r_i + g_p is the shifted separation at the build (then moves < skin keep
// |r_j − r_i + g_p| < L/2, so the force loops' single-conditional minimum image stays exact).
import type { PairShifts } from '../configuration.ts';
import { searchRadius, type NeighborList, type NeighborSpec } from '../neighbors.ts';
import { wrapPositions } from '../space.ts';
import { shiftSampler, type PairEnergyOfR2 } from './shifts.ts';

/** U(r²) = ε_ij u(r/s_ij) of the spec's rule and the given potential, 0 beyond x_c·s_ij. */
export function specPairEnergy(spec: NeighborSpec, uOfX2: (x2: number) => number): PairEnergyOfR2 {
  const { rule, diameters, species, xc } = spec;
  return (r2, i, j) => {
    const s = rule.sigma(diameters[i], diameters[j], species[i], species[j]);
    const x2 = r2 / (s * s);
    return x2 < xc * xc ? rule.epsilon(species[i], species[j]) * uOfX2(x2) : 0;
  };
}

export function buildShiftedNeighborList(
  spec: NeighborSpec, shifts: PairShifts, uOfX2: (x2: number) => number, positions: Float64Array, previous?: NeighborList,
): NeighborList {
  const { box, rule, xc, diameters, species, skin } = spec;
  const d = box.dim;
  const n = diameters.length;
  const L = box.lengths;
  const rMax = searchRadius(spec);
  for (let a = 0; a < d; a++) {
    if (L[a] < 2 * rMax) throw new Error(`box side ${L[a].toFixed(4)} is smaller than twice the interaction range ${rMax.toFixed(4)}: use more particles`);
  }
  wrapPositions(box, positions);
  const sampler = shiftSampler(shifts, box, specPairEnergy(spec, uOfX2));
  const r0 = shifts.planted;
  const offsets = new Int32Array(n + 1);
  let cap = Math.max(16, previous?.partners.length ?? n * 64);
  let partners = new Int32Array(cap), images = new Float64Array(cap * d), sigma = new Float64Array(cap);
  const grow = () => {
    cap *= 2;
    const p = new Int32Array(cap); p.set(partners); partners = p;
    const g = new Float64Array(cap * d); g.set(images); images = g;
    const s = new Float64Array(cap); s.set(sigma); sigma = s;
  };
  const sep = new Float64Array(d), s = new Float64Array(d);
  let count = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = count;
    for (let j = i + 1; j < n; j++) {
      sampler.separation(i, j, s);
      let r2 = 0;
      for (let a = 0; a < d; a++) {
        // r_i − r_j + A_ij with A_ij = s − (r⁰_i − r⁰_j), to its minimum image
        let x = positions[i * d + a] - positions[j * d + a] + (s[a] - (r0[i * d + a] - r0[j * d + a]));
        x -= L[a] * Math.round(x / L[a]);
        sep[a] = x;
        r2 += x * x;
      }
      if (r2 >= rMax * rMax) continue;
      const sij = rule.sigma(diameters[i], diameters[j], species[i], species[j]);
      const rc = xc * sij + skin;
      if (r2 >= rc * rc) continue;
      if (count === cap) grow();
      partners[count] = j;
      sigma[count] = sij;
      for (let a = 0; a < d; a++) images[count * d + a] = -sep[a] - (positions[j * d + a] - positions[i * d + a]);
      count++;
    }
  }
  offsets[n] = count;
  const epsilon = new Float64Array(count), inverseSigma2 = new Float64Array(count);
  for (let p = 0, i = 0; p < count; p++) {
    while (offsets[i + 1] <= p) i++;
    epsilon[p] = rule.epsilon(species[i], species[partners[p]]);
    inverseSigma2[p] = 1 / (sigma[p] * sigma[p]);
  }
  return {
    n, skin, offsets, partners: partners.subarray(0, count), sigma: sigma.subarray(0, count), epsilon, inverseSigma2,
    images: images.subarray(0, count * d), reference: positions.slice(), builds: (previous?.builds ?? 0) + 1,
  };
}
