// Displacement arrows r(0) → r(0) + M·Δr (Δr = minimum image of r(t) − r(0)) as line-segment vertex pairs.

import { minimumImage, wrap } from './displacement.ts';

/** Segments per arrow: a shaft, plus two head strokes in 2D. */
export function segmentsPerArrow(dim: 2 | 3, heads = dim === 2): number {
  return heads ? 3 : 1;
}

const COS = Math.cos((25 * Math.PI) / 180);
const SIN = Math.sin((25 * Math.PI) / 180);

/**
 * Writes the arrows' vertices (x, y, z per vertex, two vertices per segment) into out, which must hold
 * N·segmentsPerArrow·6 floats. The tail sits at r(0) wrapped into the box (where the particle started);
 * heads (2D) are 30 % of the drawn length, at most 0.4·d_i. Returns the number of vertices written.
 * Arrows whose drawn length is below `minFraction`·d_i (default 0.05) are written as zero-length segments
 * (invisible: no specks from particles that hardly moved); the vertex count never changes, so the buffer is
 * never reallocated.
 */
export function fillArrows(
  out: Float32Array,
  reference: ArrayLike<number>,
  positions: ArrayLike<number>,
  diameters: ArrayLike<number>,
  box: readonly number[],
  dim: 2 | 3,
  magnification: number,
  opts: { heads?: boolean; z?: number; minFraction?: number } = {},
): number {
  const heads = opts.heads ?? dim === 2;
  const z = opts.z ?? 0;
  const minFraction = opts.minFraction ?? 0.05;
  const spa = segmentsPerArrow(dim, heads);
  const N = Math.min(diameters.length, Math.floor(reference.length / dim), Math.floor(positions.length / dim), Math.floor(out.length / (6 * spa)));
  let o = 0;
  for (let i = 0; i < N; i++) {
    const p = dim * i;
    const x0 = wrap(reference[p], box[0]);
    const y0 = wrap(reference[p + 1], box[1]);
    const z0 = dim === 3 ? wrap(reference[p + 2], box[2]) : z;
    const dx = magnification * minimumImage(positions[p] - reference[p], box[0]);
    const dy = magnification * minimumImage(positions[p + 1] - reference[p + 1], box[1]);
    const dz = dim === 3 ? magnification * minimumImage(positions[p + 2] - reference[p + 2], box[2]) : 0;
    const len = Math.sqrt(dx * dx + dy * dy + dz * dz);
    const show = len > minFraction * diameters[i] && Number.isFinite(len);
    const x1 = show ? x0 + dx : x0;
    const y1 = show ? y0 + dy : y0;
    const z1 = show ? z0 + dz : z0;
    out[o++] = x0; out[o++] = y0; out[o++] = z0;
    out[o++] = x1; out[o++] = y1; out[o++] = z1;
    if (heads) {
      // two strokes back from the tip, rotated ±25° from the reversed direction (in the xy plane)
      const h = show && len > 0 ? Math.min(0.3 * len, 0.4 * diameters[i]) / len : 0;
      const bx = -dx * h;
      const by = -dy * h;
      out[o++] = x1; out[o++] = y1; out[o++] = z1;
      out[o++] = x1 + COS * bx - SIN * by; out[o++] = y1 + SIN * bx + COS * by; out[o++] = z1;
      out[o++] = x1; out[o++] = y1; out[o++] = z1;
      out[o++] = x1 + COS * bx + SIN * by; out[o++] = y1 - SIN * bx + COS * by; out[o++] = z1;
    }
  }
  return o / 3;
}
