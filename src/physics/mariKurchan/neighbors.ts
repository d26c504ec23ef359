// Verlet half list of a Mari–Kurchan state (000 App. A.1d): the pairs whose shifted separation |r_i − r_j + A_ij| (minimum
// image) is within x_c·s_ij + skin, found by an O(N²) scan that regenerates every A_ij (shifts.ts). Each listed pair p
// carries an image vector g_p such that r_j − r_i + g_p is the shifted separation at the build (then moves < skin keep
// |r_j − r_i + g_p| < L/2, so the force loops' single-conditional minimum image stays exact).
import type { PairShifts } from '../configuration.ts';
import { searchRadius, type NeighborList, type NeighborSpec, type ShiftedPairShell } from '../neighbors.ts';
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

/** How far the candidate shell of the O(N²) scan reaches beyond the search radius, in units of s_max (see ShiftedPairShell). */
export const SHELL_MARGIN = 0.5;

/**
 * The list at these positions. A full O(N²) scan regenerates every A_ij and keeps the pairs within the search radius plus
 * SHELL_MARGIN·s_max as a shell with their shifts; later builds scan only that shell while the two largest displacements
 * since the scan add up to less than the margin (a pair's shifted separation changes by at most |Δr_i| + |Δr_j|), so the
 * list is the same, pair for pair and bit for bit, as a full scan's.
 */
export function buildShiftedNeighborList(
  spec: NeighborSpec, shifts: PairShifts, uOfX2: (x2: number) => number, positions: Float64Array, previous?: NeighborList,
): NeighborList {
  const { box } = spec;
  const rMax = searchRadius(spec);
  for (let a = 0; a < box.dim; a++) {
    if (box.lengths[a] < 2 * rMax) throw new Error(`box side ${box.lengths[a].toFixed(4)} is smaller than twice the interaction range ${rMax.toFixed(4)}: use more particles`);
  }
  wrapPositions(box, positions);
  const old = previous?.shell;
  const shell = old && shellHolds(box, old, positions, rMax)
    ? old
    : scanShell(spec, shifts, uOfX2, positions, rMax + SHELL_MARGIN * spec.maxSigma, old?.partners.length);
  return listFromShell(spec, shell, positions, rMax, previous);
}

/** True while the two largest minimum-image displacements since the shell's scan add up to less than its margin. */
function shellHolds(box: NeighborSpec['box'], shell: ShiftedPairShell, positions: Float64Array, rMax: number): boolean {
  const d = box.dim, L = box.lengths, ref = shell.reference;
  if (ref.length !== positions.length) return false;
  let first = 0, second = 0;
  for (let i = 0, n = ref.length / d; i < n; i++) {
    let r2 = 0;
    for (let a = 0; a < d; a++) {
      let dx = positions[i * d + a] - ref[i * d + a];
      dx -= L[a] * Math.round(dx / L[a]);
      r2 += dx * dx;
    }
    if (r2 > second) {
      if (r2 > first) { second = first; first = r2; } else second = r2;
    }
  }
  return Math.sqrt(first) + Math.sqrt(second) < (shell.radius - rMax) * (1 - 1e-9);
}

/** The O(N²) scan: every pair's A_ij regenerated (shifts.ts); the pairs whose shifted separation is below `radius` kept. */
function scanShell(
  spec: NeighborSpec, shifts: PairShifts, uOfX2: (x2: number) => number, positions: Float64Array, radius: number, capHint = 0,
): ShiftedPairShell {
  const d = spec.box.dim, L = spec.box.lengths, n = spec.diameters.length;
  const sampler = shiftSampler(shifts, spec.box, specPairEnergy(spec, uOfX2));
  const r0 = shifts.planted;
  const offsets = new Int32Array(n + 1);
  let cap = Math.max(16, capHint, n * 64);
  let partners = new Int32Array(cap), shell = new Float64Array(cap * d);
  const s = new Float64Array(d), A = new Float64Array(d);
  let count = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = count;
    for (let j = i + 1; j < n; j++) {
      sampler.separation(i, j, s);
      let r2 = 0;
      for (let a = 0; a < d; a++) {
        A[a] = s[a] - (r0[i * d + a] - r0[j * d + a]); // A_ij = s − (r⁰_i − r⁰_j)
        let x = positions[i * d + a] - positions[j * d + a] + A[a];
        x -= L[a] * Math.round(x / L[a]);
        r2 += x * x;
      }
      if (r2 >= radius * radius) continue;
      if (count === cap) {
        cap *= 2;
        const p = new Int32Array(cap); p.set(partners); partners = p;
        const g = new Float64Array(cap * d); g.set(shell); shell = g;
      }
      partners[count] = j;
      for (let a = 0; a < d; a++) shell[count * d + a] = A[a];
      count++;
    }
  }
  offsets[n] = count;
  return { radius, reference: positions.slice(), offsets, partners: partners.slice(0, count), shifts: shell.slice(0, count * d) };
}

/** The Verlet list: the shell's pairs whose shifted separation r_i − r_j + A_ij (minimum image) is within x_c·s_ij + skin. */
function listFromShell(spec: NeighborSpec, shell: ShiftedPairShell, positions: Float64Array, rMax: number, previous?: NeighborList): NeighborList {
  const { box, rule, xc, diameters, species, skin } = spec;
  const d = box.dim;
  const n = diameters.length;
  const L = box.lengths;
  const A = shell.shifts;
  const offsets = new Int32Array(n + 1);
  let cap = Math.max(16, previous?.partners.length ?? n * 64);
  let partners = new Int32Array(cap), images = new Float64Array(cap * d), sigma = new Float64Array(cap);
  const grow = () => {
    cap *= 2;
    const p = new Int32Array(cap); p.set(partners); partners = p;
    const g = new Float64Array(cap * d); g.set(images); images = g;
    const s = new Float64Array(cap); s.set(sigma); sigma = s;
  };
  const sep = new Float64Array(d);
  let count = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = count;
    for (let q = shell.offsets[i], end = shell.offsets[i + 1]; q < end; q++) {
      const j = shell.partners[q];
      let r2 = 0;
      for (let a = 0; a < d; a++) {
        // r_i − r_j + A_ij, to its minimum image
        let x = positions[i * d + a] - positions[j * d + a] + A[q * d + a];
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
    images: images.subarray(0, count * d), reference: positions.slice(), builds: (previous?.builds ?? 0) + 1, shell,
  };
}
