// Distances between two configurations of the same particles, e.g. inherent structures from one start (001 SM IV A).
import type { Configuration } from '../configuration.ts';
import { minimumImage1 } from '../space.ts';

/** Throws unless a and b hold the same number of particles in the same dimension. */
export function assertSameCount(a: Configuration, b: Configuration, who: string): void {
  if (b.diameters.length !== a.diameters.length) throw new Error(`${who}: configurations have ${a.diameters.length} and ${b.diameters.length} particles`);
  if (a.box.dim !== b.box.dim) throw new Error(`${who}: configurations are in D = ${a.box.dim} and D = ${b.box.dim}`);
}

/** assertSameCount, and the same box (positions are then compared particle by particle with one minimum image). */
export function assertSameBox(a: Configuration, b: Configuration, who: string): void {
  assertSameCount(a, b, who);
  for (let k = 0; k < a.box.dim; k++) {
    if (a.box.lengths[k] !== b.box.lengths[k]) throw new Error(`${who}: box sides differ along axis ${k} (${a.box.lengths[k]} vs ${b.box.lengths[k]})`);
  }
}

/** assertSameCount, and every particle keeps its diameter and species (so d_ij is the same in both); boxes may differ. */
export function assertSameParticles(a: Configuration, b: Configuration, who: string): void {
  assertSameCount(a, b, who);
  for (let i = 0; i < a.diameters.length; i++) {
    if (a.diameters[i] !== b.diameters[i] || a.species[i] !== b.species[i]) throw new Error(`${who}: particle ${i} has a different diameter or species in the two configurations`);
  }
}

// 001 SM IV A: |r_i^A − r_i^B| per particle, minimum image.
export function displacements(a: Configuration, b: Configuration): Float64Array {
  assertSameBox(a, b, 'displacements');
  const d = a.box.dim;
  const n = a.diameters.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    for (let k = 0; k < d; k++) {
      const dx = minimumImage1(b.positions[i * d + k] - a.positions[i * d + k], a.box.lengths[k]);
      r2 += dx * dx;
    }
    out[i] = Math.sqrt(r2);
  }
  return out;
}

// 001 SM IV A: distance sqrt((1/N) Σ_i |r_i^A − r_i^B|²) between two configurations, minimum image.
export function inherentStructureDistance(a: Configuration, b: Configuration): number {
  const u = displacements(a, b);
  let sum = 0;
  for (const ui of u) sum += ui * ui;
  return Math.sqrt(sum / u.length);
}
