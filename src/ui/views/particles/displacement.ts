// Minimum-image displacements between a reference r(0) and current positions r(t) in a periodic box [0, L)^D.

type Vec = ArrayLike<number>;

/** Minimum image of one component: d − L·round(d/L) ∈ [−L/2, L/2]. */
export function minimumImage(d: number, L: number): number {
  return d - L * Math.round(d / L);
}

/**
 * Δr_i = minimum image of r_i(t) − r_i(0), written into `out` (N·D). Returns `out`.
 * Works for positions outside the box (unwrapped coordinates) as long as the true step is below L/2.
 */
export function displacements(reference: Vec, positions: Vec, box: readonly number[], dim: number, out: Float32Array | Float64Array): Float32Array | Float64Array {
  const n = Math.min(reference.length, positions.length, out.length);
  for (let i = 0; i < n; i += dim) {
    for (let a = 0; a < dim; a++) out[i + a] = minimumImage(positions[i + a] - reference[i + a], box[a]);
  }
  return out;
}

/** |r_i(0) − r_i(t)| with the minimum image, written into `out` (length N). Returns `out`. */
export function displacementMagnitudes(reference: Vec, positions: Vec, box: readonly number[], dim: number, out: Float32Array | Float64Array): Float32Array | Float64Array {
  const N = Math.min(Math.floor(Math.min(reference.length, positions.length) / dim), out.length);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let a = 0; a < dim; a++) {
      const d = minimumImage(positions[i * dim + a] - reference[i * dim + a], box[a]);
      s += d * d;
    }
    out[i] = Math.sqrt(s);
  }
  return out;
}

/** x wrapped into [0, L) (for display). */
export function wrap(x: number, L: number): number {
  const y = x - L * Math.floor(x / L);
  return y >= L ? 0 : y; // guards the x = −tiny case where rounding gives exactly L
}
