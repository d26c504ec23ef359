// Periodic orthorhombic boxes in any dimension D: wrapping and the minimum image.

/** A periodic box [0, L_a) per axis a = 0..dim-1. */
export interface Box {
  readonly dim: number;
  readonly lengths: Float64Array;
}

export function periodicBox(dim: number, length: number | ArrayLike<number>): Box {
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`box dimension must be a positive integer, got ${dim}`);
  const lengths = new Float64Array(dim);
  for (let a = 0; a < dim; a++) {
    const L = typeof length === 'number' ? length : length[a];
    if (!(L > 0) || !Number.isFinite(L)) throw new Error(`box length along axis ${a} must be positive and finite, got ${L}`);
    lengths[a] = L;
  }
  return { dim, lengths };
}

/** Volume L_0 · L_1 · … of the box. */
export function boxVolume(box: Box): number {
  let v = 1;
  for (let a = 0; a < box.dim; a++) v *= box.lengths[a];
  return v;
}

/** Volume of the D-ball of radius r: π^(D/2) r^D / Γ(D/2 + 1). */
export function ballVolume(dim: number, r: number): number {
  // Γ(D/2+1) by recursion from Γ(1) = 1 and Γ(1/2) = √π.
  let gamma = dim % 2 === 0 ? 1 : Math.sqrt(Math.PI);
  for (let k = dim % 2 === 0 ? 1 : 0.5; k < dim / 2 + 1 - 1e-9; k += 1) gamma *= k;
  return (Math.pow(Math.PI, dim / 2) * Math.pow(r, dim)) / gamma;
}

/** Minimum-image displacement along one axis. */
export function minimumImage1(dx: number, L: number): number {
  return dx - L * Math.round(dx / L);
}

/** Wrap every coordinate into [0, L). Mutates `positions`. */
export function wrapPositions(box: Box, positions: Float64Array): Float64Array {
  const d = box.dim;
  for (let k = 0; k < positions.length; k++) {
    const L = box.lengths[k % d];
    let x = positions[k] - L * Math.floor(positions[k] / L);
    if (x >= L) x -= L; // floating-point edge: -tiny wraps to L
    positions[k] = x;
  }
  return positions;
}

/** Minimum-image vector r_j − r_i written into out (length dim). */
export function displacement(box: Box, positions: Float64Array, i: number, j: number, out: Float64Array): Float64Array {
  const d = box.dim;
  for (let a = 0; a < d; a++) out[a] = minimumImage1(positions[j * d + a] - positions[i * d + a], box.lengths[a]);
  return out;
}

/** Per-particle minimum-image displacement field b − a (N·dim). */
export function displacementField(box: Box, a: Float64Array, b: Float64Array): Float64Array {
  const d = box.dim;
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = minimumImage1(b[k] - a[k], box.lengths[k % d]);
  return out;
}
