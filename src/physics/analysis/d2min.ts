// Non-affine displacement D²min of Falk and Langer (000 ref. 62), OVITO convention, in any dimension D.
import type { Configuration } from '../configuration.ts';
import { displacement } from '../space.ts';
import { assertSameCount } from './distance.ts';
import type { NeighborList } from '../neighbors.ts';
import { scaledNeighbors, type PairScaleModel } from './pairCorrelation.ts';

export interface D2minOptions {
  /** Neighbors j of i: r_ij < cutoff·d_ij in the initial (reference) configuration (docs/PHYSICS.md §4 choice: 1.5). */
  readonly cutoff?: number;
  /** scaledNeighbors(initial, model, cutoff) when the caller already has it (particleResults shares it with the defects). */
  readonly neighbors?: NeighborList;
}

/** docs/PHYSICS.md §4 choice: neighbors of D²min within 1.5 d_ij in the initial configuration. */
export const D2MIN_CUTOFF = 1.5;

/** Y is treated as singular when a Cholesky pivot falls below this fraction of trace(Y) (collinear or missing neighbors). */
const SINGULAR_PIVOT = 1e-12;

/** D²min per particle, and which particles had a degenerate neighborhood (singular Y, so F = I was used). */
export interface D2minField {
  readonly values: Float64Array;
  /** 1 where Y is singular (fewer than D neighbors spanning space): there D²min_i = Σ_j |d_ij − d⁰_ij|², the F = I residual. */
  readonly degenerate: Uint8Array;
}

// 000 ref. 62 (D²min_i per particle; the values of d2minField).
export function d2min(initial: Configuration, final: Configuration, model: PairScaleModel, options: D2minOptions = {}): Float64Array {
  return d2minField(initial, final, model, options).values;
}

/**
 * 000 ref. 62: X = Σ_j d_ij d⁰_ijᵀ, Y = Σ_j d⁰_ij d⁰_ijᵀ, F = X Y⁻¹, D²min_i = Σ_j |d_ij − F d⁰_ij|² (a sum, as OVITO).
 * d⁰ and d are minimum-image bond vectors in the initial and final configurations, each in its own box (so a box
 * deformed together with the particles is an affine map too). Where Y is singular (fewer than D neighbors spanning space,
 * e.g. none, or all on one line in 2D) no best F exists; OVITO marks the particle "invalid", we take F = I (no affine part:
 * D²min_i = Σ_j |d_ij − d⁰_ij|², 0 without neighbors) and flag it, so no value is ever NaN (docs/PHYSICS.md §4).
 */
export function d2minField(initial: Configuration, final: Configuration, model: PairScaleModel, options: D2minOptions = {}): D2minField {
  assertSameCount(initial, final, 'd2min');
  const { cutoff = D2MIN_CUTOFF } = options;
  const n = initial.diameters.length;
  const dim = initial.box.dim;
  const dd = dim * dim;
  const list = options.neighbors ?? scaledNeighbors(initial, model, cutoff);
  const X = new Float64Array(n * dd);
  const Y = new Float64Array(n * dd);
  const b0 = new Float64Array(dim);
  const b = new Float64Array(dim);
  // A bond seen from j is (−d, −d⁰): the outer products, and later the residual norms, are the same.
  forEachBond(initial, final, list, b0, b, (i, j) => {
    for (let r = 0; r < dim; r++) {
      for (let s = 0; s < dim; s++) {
        const x = b[r] * b0[s], y = b0[r] * b0[s];
        X[i * dd + r * dim + s] += x; X[j * dd + r * dim + s] += x;
        Y[i * dd + r * dim + s] += y; Y[j * dd + r * dim + s] += y;
      }
    }
  });
  const F = new Float64Array(n * dd);
  const out = new Float64Array(n);
  const degenerate = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const Fi = F.subarray(i * dd, (i + 1) * dd);
    if (bestAffineMap(X.subarray(i * dd, (i + 1) * dd), Y.subarray(i * dd, (i + 1) * dd), dim, Fi)) continue;
    degenerate[i] = 1;
    for (let r = 0; r < dim; r++) for (let s = 0; s < dim; s++) Fi[r * dim + s] = r === s ? 1 : 0;
  }
  forEachBond(initial, final, list, b0, b, (i, j) => {
    out[i] += nonAffineResidual(F.subarray(i * dd, (i + 1) * dd), b0, b, dim);
    out[j] += nonAffineResidual(F.subarray(j * dd, (j + 1) * dd), b0, b, dim);
  });
  return { values: out, degenerate };
}

/** Calls visit(i, j) for every reference pair, with b0 = d⁰_ij and b = d_ij (r_j − r_i, minimum image) filled in. */
function forEachBond(
  initial: Configuration, final: Configuration, list: ReturnType<typeof scaledNeighbors>,
  b0: Float64Array, b: Float64Array, visit: (i: number, j: number) => void,
): void {
  for (let i = 0; i < list.n; i++) {
    for (let p = list.offsets[i]; p < list.offsets[i + 1]; p++) {
      const j = list.partners[p];
      displacement(initial.box, initial.positions, i, j, b0);
      displacement(final.box, final.positions, i, j, b);
      visit(i, j);
    }
  }
}

// 000 ref. 62: |d − F d⁰|² for one bond.
function nonAffineResidual(F: Float64Array, b0: Float64Array, b: Float64Array, dim: number): number {
  let sum = 0;
  for (let r = 0; r < dim; r++) {
    let e = b[r];
    for (let s = 0; s < dim; s++) e -= F[r * dim + s] * b0[s];
    sum += e * e;
  }
  return sum;
}

// 000 ref. 62: F = X Y⁻¹, i.e. Y f_rᵀ = x_rᵀ for each row r (Y symmetric), by Cholesky. Returns false when Y is singular.
export function bestAffineMap(X: ArrayLike<number>, Y: ArrayLike<number>, dim: number, F: Float64Array): boolean {
  const L = choleskyFactor(Y, dim);
  if (!L) return false;
  const row = new Float64Array(dim);
  for (let r = 0; r < dim; r++) {
    for (let s = 0; s < dim; s++) row[s] = X[r * dim + s];
    choleskySolveInPlace(L, dim, row);
    for (let s = 0; s < dim; s++) F[r * dim + s] = row[s];
  }
  return true;
}

/** Lower-triangular L with Y = L Lᵀ, or null if a pivot is ≤ SINGULAR_PIVOT·trace(Y) (Y not positive definite). */
function choleskyFactor(Y: ArrayLike<number>, dim: number): Float64Array | null {
  let trace = 0;
  for (let a = 0; a < dim; a++) trace += Y[a * dim + a];
  if (!(trace > 0)) return null;
  const L = new Float64Array(dim * dim);
  for (let a = 0; a < dim; a++) {
    for (let c = 0; c <= a; c++) {
      let s = Y[a * dim + c];
      for (let k = 0; k < c; k++) s -= L[a * dim + k] * L[c * dim + k];
      if (a === c) {
        if (!(s > SINGULAR_PIVOT * trace)) return null;
        L[a * dim + a] = Math.sqrt(s);
      } else {
        L[a * dim + c] = s / L[c * dim + c];
      }
    }
  }
  return L;
}

/** Solves L Lᵀ z = v, overwriting v with z. */
function choleskySolveInPlace(L: Float64Array, dim: number, v: Float64Array): void {
  for (let a = 0; a < dim; a++) {
    let s = v[a];
    for (let k = 0; k < a; k++) s -= L[a * dim + k] * v[k];
    v[a] = s / L[a * dim + a];
  }
  for (let a = dim - 1; a >= 0; a--) {
    let s = v[a];
    for (let k = a + 1; k < dim; k++) s -= L[k * dim + a] * v[k];
    v[a] = s / L[a * dim + a];
  }
}
