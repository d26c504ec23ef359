// Particle order for memory locality: neighbors in space become neighbors in memory (as LAMMPS's atom sorting does),
// which makes the force and neighbor loops gather from cache. Physics is invariant under the permutation.
import type { Configuration } from './configuration.ts';
import { buildCellList } from './cells.ts';

/** A permutation listing particles cell by cell, for cells about `cellSide` wide. */
export function spatialOrder(c: Configuration, cellSide = 1.5): Int32Array {
  return buildCellList(c.box, c.positions, cellSide).order.slice();
}

/** The configuration with particle k of the result being particle order[k] of the input. */
export function permuteConfiguration(c: Configuration, order: Int32Array): Configuration {
  const d = c.box.dim;
  const n = order.length;
  const positions = new Float64Array(n * d);
  const diameters = new Float64Array(n);
  const species = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    for (let a = 0; a < d; a++) positions[k * d + a] = c.positions[i * d + a];
    diameters[k] = c.diameters[i];
    species[k] = c.species[i];
  }
  return { box: c.box, positions, diameters, species };
}

/** Positions back in the original particle order: out[order[k]] = sorted[k]. */
export function unpermutePositions(sorted: Float64Array, order: Int32Array, d: number): Float64Array {
  const out = new Float64Array(sorted.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    for (let a = 0; a < d; a++) out[i * d + a] = sorted[k * d + a];
  }
  return out;
}
