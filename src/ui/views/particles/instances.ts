// Instance matrices for one InstancedMesh: translation = wrapped position, uniform scale = diameter.

import { wrap } from './displacement.ts';

/**
 * Writes N column-major 4×4 matrices into out (N·16 floats, e.g. InstancedMesh.instanceMatrix.array):
 * scale d_i on every axis (the unit geometry has radius 1/2), translation r_i wrapped into [0, L).
 * In 2D z = 0. Returns N.
 */
export function fillInstanceMatrices(out: Float32Array, positions: ArrayLike<number>, diameters: ArrayLike<number>, box: readonly number[], dim: 2 | 3): number {
  const N = Math.min(diameters.length, Math.floor(positions.length / dim), Math.floor(out.length / 16));
  const Lx = box[0];
  const Ly = box[1];
  const Lz = dim === 3 ? box[2] : 1;
  for (let i = 0; i < N; i++) {
    const d = diameters[i];
    const o = 16 * i;
    const p = dim * i;
    out[o] = d; out[o + 1] = 0; out[o + 2] = 0; out[o + 3] = 0;
    out[o + 4] = 0; out[o + 5] = d; out[o + 6] = 0; out[o + 7] = 0;
    out[o + 8] = 0; out[o + 9] = 0; out[o + 10] = d; out[o + 11] = 0;
    out[o + 12] = wrap(positions[p], Lx);
    out[o + 13] = wrap(positions[p + 1], Ly);
    out[o + 14] = dim === 3 ? wrap(positions[p + 2], Lz) : 0;
    out[o + 15] = 1;
  }
  return N;
}
