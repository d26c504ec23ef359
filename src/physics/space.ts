// Periodic orthorhombic boxes in any dimension D: wrapping and the minimum image; and the same box under simple shear
// (Lees–Edwards, a triclinic cell): x_a → x_a + γ x_b, whose images are the lattice vectors n·L with x_a shifted by γ n_b L_b.

/** Simple shear of strain γ: axis a moves by γ times the coordinate along axis b (a ≠ b). */
export interface SimpleShear {
  readonly gamma: number;
  /** The axis that moves (flow). */
  readonly a: number;
  /** The axis the displacement grows along (gradient). */
  readonly b: number;
}

/** A periodic box [0, L_a) per axis a = 0..dim-1; with `shear`, the parallelepiped x = T s, s ∈ [0, L), T = I + γ e_a e_bᵀ. */
export interface Box {
  readonly dim: number;
  readonly lengths: Float64Array;
  /** Present only on a sheared box (forces, lists and minimizers then use the sheared images). */
  readonly shear?: SimpleShear;
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

/** Wrap every coordinate into [0, L) (a sheared box: its reduced coordinates s = T⁻¹x). Mutates `positions`. */
export function wrapPositions(box: Box, positions: Float64Array): Float64Array {
  if (box.shear) return wrapSheared(box, box.shear, positions);
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
  for (let a = 0; a < d; a++) out[a] = positions[j * d + a] - positions[i * d + a];
  if (box.shear) return minimumImageSheared(box, box.shear, out);
  for (let a = 0; a < d; a++) out[a] = minimumImage1(out[a], box.lengths[a]);
  return out;
}

/** Per-particle minimum-image displacement field b − a (N·dim). */
export function displacementField(box: Box, a: Float64Array, b: Float64Array): Float64Array {
  const d = box.dim;
  const out = new Float64Array(a.length);
  if (box.shear) {
    const w = new Float64Array(d);
    for (let i = 0; i < a.length / d; i++) {
      for (let c = 0; c < d; c++) w[c] = b[i * d + c] - a[i * d + c];
      out.set(minimumImageSheared(box, box.shear, w), i * d);
    }
    return out;
  }
  for (let k = 0; k < a.length; k++) out[k] = minimumImage1(b[k] - a[k], box.lengths[k % d]);
  return out;
}

/** The box of `box` under simple shear of total strain γ (x_a → x_a + γ x_b); γ = 0 still gives a sheared-path box. */
export function shearedBox(box: Box, gamma: number, a: number, b: number): Box {
  const d = box.dim;
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= d || b >= d || a === b) {
    throw new Error(`simple shear needs two different axes in 0..${d - 1}, got a = ${a}, b = ${b}`);
  }
  if (!(Math.abs(gamma) <= 0.5)) throw new Error(`shear strain γ must lie in [−0.5, 0.5] (beyond it the minimum image is another lattice vector), got ${gamma}`);
  return { dim: d, lengths: box.lengths, shear: { gamma, a, b } };
}

/** Positions under the affine part of a strain step: x_a += Δγ x_b (new array). */
export function affineShear(positions: Float64Array, dim: number, deltaGamma: number, a: number, b: number): Float64Array {
  const out = positions.slice();
  for (let k = 0; k < out.length; k += dim) out[k + a] += deltaGamma * out[k + b];
  return out;
}

// Lees–Edwards minimum image: s = T⁻¹ w (s_a = w_a − γ w_b), s_c −= L_c round(s_c / L_c), w = T s. Exact for pairs within
// L/(2√(1+γ²)), which the neighbor list guarantees for every pair it keeps (shearedNeighbors.ts).
export function minimumImageSheared(box: Box, shear: SimpleShear, w: Float64Array): Float64Array {
  const { gamma, a, b } = shear;
  const L = box.lengths;
  w[a] -= gamma * w[b];
  for (let c = 0; c < box.dim; c++) w[c] = minimumImage1(w[c], L[c]);
  w[a] += gamma * w[b];
  return w;
}

/** Lees–Edwards wrap: reduced coordinates s = T⁻¹x into [0, L), then x = T s. */
function wrapSheared(box: Box, shear: SimpleShear, positions: Float64Array): Float64Array {
  const { gamma, a, b } = shear;
  const d = box.dim, L = box.lengths;
  const fold = (x: number, Lc: number) => { let y = x - Lc * Math.floor(x / Lc); if (y >= Lc) y -= Lc; return y; };
  for (let k = 0; k < positions.length; k += d) {
    positions[k + a] -= gamma * positions[k + b];
    for (let c = 0; c < d; c++) positions[k + c] = fold(positions[k + c], L[c]);
    positions[k + a] += gamma * positions[k + b];
  }
  return positions;
}
