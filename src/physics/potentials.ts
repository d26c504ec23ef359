// Radial pair functions u(x), x = r / s_ij, with derivatives to fourth order (needed later for nonlinear modes).
// A pair energy is U_ij(r) = ε_ij · u(r / s_ij) for r < x_c · s_ij, else 0.

export type PotentialKind = 'soft-sphere' | 'harmonic' | 'lennard-jones-ts' | 'lennard-jones-fs';

export interface RadialPotential {
  readonly name: string;
  /** Which family, so that other engines (the WGSL generator) can pick their own implementation of the same function. */
  readonly kind: PotentialKind;
  /** Cutoff in units of s_ij. */
  readonly xc: number;
  /** How many of u, u′, u″ … vanish at x_c (1: only u, 2: u and u′, 3: u, u′, u″). */
  readonly smoothAtCutoff: number;
  u(x: number): number;
  du(x: number): number;
  d2u(x: number): number;
  d3u(x: number): number;
  d4u(x: number): number;
  /** u as a function of x² (no square root for the power-law potentials; hot loops use it). */
  uOfX2(x2: number): number;
  /** u′(x)/x as a function of x²: the pair force is f_j = −(ε/s²)·(u′/x)·r_ij. */
  duOverX(x2: number): number;
}

// 000 App. A.1a, Eq. (A1): u = x⁻¹² + c0 + c1 x² + c2 x⁴ for x < x_c, the quartic chosen so that u, u′, u″ vanish at x_c:
// c0 = −28/x_c¹², c1 = 48/x_c¹⁴, c2 = −21/x_c¹⁶.
export function softSphereCoefficients(xc: number): readonly [number, number, number] {
  return [-28 / Math.pow(xc, 12), 48 / Math.pow(xc, 14), -21 / Math.pow(xc, 16)];
}

/** The smoothed inverse-power-12 potential of Eq. (A1) cut at x_c (1.25 for soft spheres, 4 for Mari–Kurchan). */
export function smoothedSoftSphere(xc: number): RadialPotential {
  const [c0, c1, c2] = softSphereCoefficients(xc);
  return {
    name: `soft-sphere x^-12 + c0 + c1 x^2 + c2 x^4 cut at ${xc}`,
    kind: 'soft-sphere',
    xc,
    smoothAtCutoff: 3,
    u: (x) => { const x2 = x * x; const i6 = 1 / (x2 * x2 * x2); return i6 * i6 + c0 + c1 * x2 + c2 * x2 * x2; },
    du: (x) => { const x2 = x * x; const i6 = 1 / (x2 * x2 * x2); return -12 * i6 * i6 / x + 2 * c1 * x + 4 * c2 * x2 * x; },
    d2u: (x) => { const x2 = x * x; const i6 = 1 / (x2 * x2 * x2); return 156 * i6 * i6 / x2 + 2 * c1 + 12 * c2 * x2; },
    d3u: (x) => { const x2 = x * x; const i6 = 1 / (x2 * x2 * x2); return -2184 * i6 * i6 / (x2 * x) + 24 * c2 * x; },
    d4u: (x) => { const x2 = x * x; const i6 = 1 / (x2 * x2 * x2); return 32760 * i6 * i6 / (x2 * x2) + 24 * c2; },
    uOfX2: (x2) => { const i6 = 1 / (x2 * x2 * x2); return i6 * i6 + c0 + c1 * x2 + c2 * x2 * x2; },
    duOverX: (x2) => { const i2 = 1 / x2; const i6 = i2 * i2 * i2; return -12 * i6 * i6 * i2 + 2 * c1 + 4 * c2 * x2; },
  };
}

// 000 App. A.1a: soft spheres cut at x_c = 1.25.
export const [SOFT_C0, SOFT_C1, SOFT_C2] = softSphereCoefficients(1.25);
export const softSpherePotential: RadialPotential = smoothedSoftSphere(1.25);

// 000 App. A.1d: the Mari–Kurchan model's monodisperse soft spheres of Eq. (A1) with r_cutoff = 4d.
export const mariKurchanPotential: RadialPotential = smoothedSoftSphere(4);

// 000 App. A.1b: harmonic spheres, u = ½(1 − x)² for x < 1.
export const harmonicPotential: RadialPotential = {
  name: 'harmonic ½(1 - x)^2',
  kind: 'harmonic',
  xc: 1,
  smoothAtCutoff: 2,
  u: (x) => 0.5 * (1 - x) * (1 - x),
  du: (x) => x - 1,
  d2u: () => 1,
  d3u: () => 0,
  d4u: () => 0,
  uOfX2: (x2) => { const y = 1 - Math.sqrt(x2); return 0.5 * y * y; },
  duOverX: (x2) => 1 - 1 / Math.sqrt(x2),
};

// 000 App. A.1c / 002 §II: Lennard-Jones 4(x⁻¹² − x⁻⁶), cut at x_c = 2.5.
const XC_LJ = 2.5;
const lj = (x: number) => { const i6 = 1 / (x * x * x * x * x * x); return 4 * (i6 * i6 - i6); };
const ljd = (x: number) => { const i6 = 1 / (x * x * x * x * x * x); return 4 * (-12 * i6 * i6 + 6 * i6) / x; };
const ljd2 = (x: number) => { const i6 = 1 / (x * x * x * x * x * x); return 4 * (156 * i6 * i6 - 42 * i6) / (x * x); };
const ljd3 = (x: number) => { const i6 = 1 / (x * x * x * x * x * x); return 4 * (-2184 * i6 * i6 + 336 * i6) / (x * x * x); };
const ljd4 = (x: number) => { const i6 = 1 / (x * x * x * x * x * x); return 4 * (32760 * i6 * i6 - 3024 * i6) / (x * x * x * x); };
const lj2 = (x2: number) => { const i6 = 1 / (x2 * x2 * x2); return 4 * (i6 * i6 - i6); };
const ljdOverX = (x2: number) => { const i2 = 1 / x2; const i6 = i2 * i2 * i2; return 4 * i2 * (6 * i6 - 12 * i6 * i6); };
/** u_LJ(x_c) and u′_LJ(x_c), the shifts of 000 App. A.1c and 002 Eq. (3). */
export const LJ_SHIFT = lj(XC_LJ);
export const LJ_SLOPE = ljd(XC_LJ);

/** Truncated and shifted: u(x) − u(x_c). */
export const lennardJonesTruncatedShifted: RadialPotential = {
  name: 'Lennard-Jones truncated and shifted at 2.5',
  kind: 'lennard-jones-ts',
  xc: XC_LJ,
  smoothAtCutoff: 1,
  u: (x) => lj(x) - LJ_SHIFT,
  du: ljd,
  d2u: ljd2,
  d3u: ljd3,
  d4u: ljd4,
  uOfX2: (x2) => lj2(x2) - LJ_SHIFT,
  duOverX: ljdOverX,
};

// 002 Eq. (3): force-shifted, u(x) − u(x_c) − (x − x_c) u′(x_c), so that the force also vanishes at x_c.
export const lennardJonesForceShifted: RadialPotential = {
  name: 'Lennard-Jones force-shifted at 2.5',
  kind: 'lennard-jones-fs',
  xc: XC_LJ,
  smoothAtCutoff: 2,
  u: (x) => lj(x) - LJ_SHIFT - (x - XC_LJ) * LJ_SLOPE,
  du: (x) => ljd(x) - LJ_SLOPE,
  d2u: ljd2,
  d3u: ljd3,
  d4u: ljd4,
  uOfX2: (x2) => { const x = Math.sqrt(x2); return lj2(x2) - LJ_SHIFT - (x - XC_LJ) * LJ_SLOPE; },
  duOverX: (x2) => ljdOverX(x2) - LJ_SLOPE / Math.sqrt(x2),
};
