// Contractions of the energy's second, third and fourth derivatives with a displacement field z (003 Eqs. 8–14), summed
// over the pairs of a PairExpansion: per pair, with w = z_j − z_i, p = x_ij·w, b = w·w (pairDerivatives.ts),
//   M:zz = Σ A2 p² + A1 b,   U‴⋮zzz = Σ A3 p³ + 3A2 p b,   U⁗::zzzz = Σ A4 p⁴ + 6A3 p² b + 3A2 b²,
// and their gradients in z as fields: M·z, U‴:zz and U⁗⋮zzz (½, ⅓ and ¼ of ∂/∂z of the above).
import type { PairExpansion } from './pairExpansion.ts';

/** The three contractions of a field z and its squared norm; kappa, tau, chi are the normalized ones of 003 Eqs. (10, 11, 28). */
export interface ExpansionCoefficients {
  norm2: number;
  /** M:zz, U‴⋮zzz, U⁗::zzzz of z as given. */
  second: number;
  third: number;
  fourth: number;
  /** κ = M:zz/(z·z), τ = U‴⋮zzz/(z·z)^{3/2}, χ = U⁗::zzzz/(z·z)². */
  kappa: number;
  tau: number;
  chi: number;
}

function normalized(norm2: number, second: number, third: number, fourth: number): ExpansionCoefficients {
  if (!(norm2 > 0)) throw new Error('κ, τ and χ of a zero displacement field are undefined');
  return { norm2, second, third, fourth, kappa: second / norm2, tau: third / Math.pow(norm2, 1.5), chi: fourth / (norm2 * norm2) };
}

function squaredNorm(z: Float64Array): number {
  let s = 0;
  for (let k = 0; k < z.length; k++) s += z[k] * z[k];
  return s;
}

// 003 Eqs. (10), (11), (28): κ, τ and χ of a field z.
export function expansionOf(pe: PairExpansion, z: Float64Array): ExpansionCoefficients {
  const { first, second: sec, separations: x, coefficients: A, dim: d } = pe;
  let m2 = 0, u3 = 0, u4 = 0;
  for (let q = 0; q < first.length; q++) {
    const i = first[q] * d, j = sec[q] * d, o = q * d;
    let p = 0, b = 0;
    for (let a = 0; a < d; a++) { const w = z[j + a] - z[i + a]; p += x[o + a] * w; b += w * w; }
    const a1 = A[4 * q], a2 = A[4 * q + 1], a3 = A[4 * q + 2], a4 = A[4 * q + 3];
    const p2 = p * p;
    m2 += a2 * p2 + a1 * b;
    u3 += p * (a3 * p2 + 3 * a2 * b);
    u4 += a4 * p2 * p2 + 6 * a3 * p2 * b + 3 * a2 * b * b;
  }
  return normalized(squaredNorm(z), m2, u3, u4);
}

/** The force-like fields of z: M·z, U‴:zz and U⁗⋮zzz, N·D each (003 Eqs. 8 and 26 equate M·z with the latter two). */
export interface ExpansionFields {
  mz: Float64Array;
  u3zz: Float64Array;
  u4zzz: Float64Array;
}

export function expansionFields(n: number): ExpansionFields {
  return { mz: new Float64Array(n), u3zz: new Float64Array(n), u4zzz: new Float64Array(n) };
}

// 003 Eqs. (8), (26): M·z, U‴:zz and U⁗⋮zzz in one sweep (written into `out`), with the contractions of z.
export function expansionFieldsOf(pe: PairExpansion, z: Float64Array, out: ExpansionFields): ExpansionCoefficients {
  const { first, second: sec, separations: x, coefficients: A, dim: d } = pe;
  const { mz, u3zz, u4zzz } = out;
  mz.fill(0); u3zz.fill(0); u4zzz.fill(0);
  let m2 = 0, u3 = 0, u4 = 0;
  const w = new Float64Array(d);
  for (let q = 0; q < first.length; q++) {
    const i = first[q] * d, j = sec[q] * d, o = q * d;
    let p = 0, b = 0;
    for (let a = 0; a < d; a++) { const v = z[j + a] - z[i + a]; w[a] = v; p += x[o + a] * v; b += v * v; }
    const a1 = A[4 * q], a2 = A[4 * q + 1], a3 = A[4 * q + 2], a4 = A[4 * q + 3];
    const p2 = p * p;
    m2 += a2 * p2 + a1 * b;
    u3 += p * (a3 * p2 + 3 * a2 * b);
    u4 += a4 * p2 * p2 + 6 * a3 * p2 * b + 3 * a2 * b * b;
    // ½∂/∂w, ⅓∂/∂w, ¼∂/∂w of the three pair terms: coefficients of x and of w.
    const mx = a2 * p, mw = a1;
    const tx = a3 * p2 + a2 * b, tw = 2 * a2 * p;
    const fx = p * (a4 * p2 + 3 * a3 * b), fw = 3 * a3 * p2 + 3 * a2 * b;
    for (let a = 0; a < d; a++) {
      const xa = x[o + a], wa = w[a];
      const gm = mx * xa + mw * wa, gt = tx * xa + tw * wa, gf = fx * xa + fw * wa;
      mz[j + a] += gm; mz[i + a] -= gm;
      u3zz[j + a] += gt; u3zz[i + a] -= gt;
      u4zzz[j + a] += gf; u4zzz[i + a] -= gf;
    }
  }
  return normalized(squaredNorm(z), m2, u3, u4);
}

/**
 * The contractions on the great circle z(θ) = z cos θ + d sin θ through two orthonormal fields z and d, as homogeneous
 * polynomials in (cos θ, sin θ): second[k], third[k], fourth[k] multiply cos^{n−k} θ sin^k θ (n = 2, 3, 4). One sweep gives
 * κ(θ), τ(θ), χ(θ) at every θ, so a line search on the sphere costs no further sweeps.
 */
export interface GreatCircle {
  second: Float64Array;
  third: Float64Array;
  fourth: Float64Array;
}

// 003 Eqs. (10), (11), (28) along z cos θ + d sin θ: p = p0 c + p1 s, b = b0 c² + b1 cs + b2 s² per pair.
export function greatCircleOf(pe: PairExpansion, z: Float64Array, dir: Float64Array): GreatCircle {
  const { first, second: sec, separations: x, coefficients: A, dim: d } = pe;
  const m = new Float64Array(3), t = new Float64Array(4), f = new Float64Array(5);
  for (let q = 0; q < first.length; q++) {
    const i = first[q] * d, j = sec[q] * d, o = q * d;
    let p0 = 0, p1 = 0, b0 = 0, b1 = 0, b2 = 0;
    for (let a = 0; a < d; a++) {
      const wz = z[j + a] - z[i + a], wd = dir[j + a] - dir[i + a], xa = x[o + a];
      p0 += xa * wz; p1 += xa * wd; b0 += wz * wz; b1 += 2 * wz * wd; b2 += wd * wd;
    }
    const a1 = A[4 * q], a2 = A[4 * q + 1], a3 = A[4 * q + 2], a4 = A[4 * q + 3];
    const q0 = p0 * p0, q1 = 2 * p0 * p1, q2 = p1 * p1; // p²
    m[0] += a2 * q0 + a1 * b0; m[1] += a2 * q1 + a1 * b1; m[2] += a2 * q2 + a1 * b2;
    // p³ and p·b
    t[0] += a3 * p0 * q0 + 3 * a2 * p0 * b0;
    t[1] += a3 * 3 * q0 * p1 + 3 * a2 * (p0 * b1 + p1 * b0);
    t[2] += a3 * 3 * p0 * q2 + 3 * a2 * (p0 * b2 + p1 * b1);
    t[3] += a3 * p1 * q2 + 3 * a2 * p1 * b2;
    // p⁴, p²·b, b²
    f[0] += a4 * q0 * q0 + 6 * a3 * q0 * b0 + 3 * a2 * b0 * b0;
    f[1] += a4 * 2 * q0 * q1 + 6 * a3 * (q0 * b1 + q1 * b0) + 3 * a2 * 2 * b0 * b1;
    f[2] += a4 * (q1 * q1 + 2 * q0 * q2) + 6 * a3 * (q0 * b2 + q1 * b1 + q2 * b0) + 3 * a2 * (b1 * b1 + 2 * b0 * b2);
    f[3] += a4 * 2 * q1 * q2 + 6 * a3 * (q1 * b2 + q2 * b1) + 3 * a2 * 2 * b1 * b2;
    f[4] += a4 * q2 * q2 + 6 * a3 * q2 * b2 + 3 * a2 * b2 * b2;
  }
  return { second: m, third: t, fourth: f };
}

/** κ, τ, χ of z from its three contractions M:zz, U‴⋮zzz, U⁗::zzzz computed elsewhere (another engine's sweep). */
export function contractionsOf(z: Float64Array, second: number, third: number, fourth: number): ExpansionCoefficients {
  return normalized(squaredNorm(z), second, third, fourth);
}

/** The contractions and fields of one field, as one sweep gives them. */
export interface FieldSweep { coefficients: ExpansionCoefficients; fields: ExpansionFields }

// 003 Eqs. (10), (11), (28) along z cos θ + d sin θ, as greatCircleOf, from the sweeps of z and of d and U⁗ of z + d: the
// mixed terms are the fields dotted with the other vector (2M(z,d) = 2d·Mz, 3U‴(z,z,d) = 3d·U‴:zz, …) and the one term
// no field gives, 6U⁗(z,z,d,d), is U⁗(z + d) less the other four (polarization).
export function greatCircleFromSweeps(z: Float64Array, dir: Float64Array, atZ: FieldSweep, atD: FieldSweep, fourthOfSum: number): GreatCircle {
  const dot = (a: Float64Array, b: Float64Array) => { let t = 0; for (let k = 0; k < a.length; k++) t += a[k] * b[k]; return t; };
  const cz = atZ.coefficients, cd = atD.coefficients;
  const f1 = 4 * dot(dir, atZ.fields.u4zzz), f3 = 4 * dot(z, atD.fields.u4zzz);
  return {
    second: Float64Array.of(cz.second, 2 * dot(dir, atZ.fields.mz), cd.second),
    third: Float64Array.of(cz.third, 3 * dot(dir, atZ.fields.u3zz), 3 * dot(z, atD.fields.u3zz), cd.third),
    fourth: Float64Array.of(cz.fourth, f1, fourthOfSum - cz.fourth - f1 - f3 - cd.fourth, f3, cd.fourth),
  };
}

/** A homogeneous polynomial Σ_k a_k c^{n−k} s^k at θ, and its θ-derivative (dc/dθ = −s, ds/dθ = c). */
export function circleValue(a: Float64Array, theta: number): { value: number; slope: number } {
  const n = a.length - 1, c = Math.cos(theta), s = Math.sin(theta);
  let value = 0, slope = 0;
  for (let k = 0; k <= n; k++) {
    value += a[k] * Math.pow(c, n - k) * Math.pow(s, k);
    if (n - k > 0) slope -= a[k] * (n - k) * Math.pow(c, n - k - 1) * Math.pow(s, k + 1);
    if (k > 0) slope += a[k] * k * Math.pow(c, n - k + 1) * Math.pow(s, k - 1);
  }
  return { value, slope };
}
