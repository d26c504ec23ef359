// WGSL for each model's pair function and combining rule, generated from the TypeScript definitions (no second table of constants).
import { KA_EPSILON, KA_SIGMA, type CombiningRule, type Model } from '../physics/models.ts';
import { LJ_SHIFT, LJ_SLOPE, softSphereCoefficients, type RadialPotential } from '../physics/potentials.ts';

/** An f32 constant, written exactly as the bits of Math.fround(value) (no decimal-to-f32 rounding left to the compiler). */
export function wgslF32(value: number): string {
  const bits = new Uint32Array(new Float32Array([value]).buffer)[0];
  return `bitcast<f32>(0x${bits.toString(16).padStart(8, '0')}u)`;
}

const constant = (name: string, value: number) => `const ${name}: f32 = ${wgslF32(value)}; // ${value}`;

// 000 App. A.1a; mirrors smoothedSoftSphere(x_c).uOfX2 and .duOverX in src/physics/potentials.ts.
function softSphereWgsl(xc: number): string {
  const [SOFT_C0, SOFT_C1, SOFT_C2] = softSphereCoefficients(xc);
  return `${constant('SOFT_C0', SOFT_C0)}
${constant('SOFT_C1', SOFT_C1)}
${constant('SOFT_C2', SOFT_C2)}
// 000 App. A.1a: u = x⁻¹² + c0 + c1 x² + c2 x⁴, u′/x and d(u′/x)/d(x²) = (u″ − u′/x)/(2x²) (softSpherePotential)
fn pairEnergy(x2: f32) -> f32 { let i6 = 1.0 / (x2 * x2 * x2); return i6 * i6 + SOFT_C0 + SOFT_C1 * x2 + SOFT_C2 * x2 * x2; }
fn pairForceOverX(x2: f32) -> f32 { let i2 = 1.0 / x2; let i6 = i2 * i2 * i2; return -12.0 * i6 * i6 * i2 + 2.0 * SOFT_C1 + 4.0 * SOFT_C2 * x2; }
fn pairForceOverXSlope(x2: f32) -> f32 { let i2 = 1.0 / x2; let i8 = i2 * i2 * i2 * i2; return 84.0 * i8 * i8 + 4.0 * SOFT_C2; }`;
}

// 000 App. A.1b; mirrors harmonicPotential.uOfX2 and .duOverX.
function harmonicWgsl(): string {
  return `// 000 App. A.1b: u = ½(1 − x)², u′/x and d(u′/x)/d(x²) = (u″ − u′/x)/(2x²) (harmonicPotential)
fn pairEnergy(x2: f32) -> f32 { let y = 1.0 - sqrt(x2); return 0.5 * y * y; }
fn pairForceOverX(x2: f32) -> f32 { return 1.0 - 1.0 / sqrt(x2); }
fn pairForceOverXSlope(x2: f32) -> f32 { return 0.5 / (x2 * sqrt(x2)); }`;
}

/** u_LJ(x_c) and u′_LJ(x_c) (src/physics/potentials.ts). */
export function lennardJonesShifts(): { shift: number; slope: number } {
  return { shift: LJ_SHIFT, slope: LJ_SLOPE };
}

// 000 App. A.1c (truncated and shifted) or 002 Eq. (3) (force-shifted); mirrors lj2/ljdOverX and the two potentials' uOfX2/duOverX.
function lennardJonesWgsl(forceShifted: boolean, xc: number): string {
  const { shift, slope } = lennardJonesShifts();
  const lj = `${constant('LJ_SHIFT', shift)}
${constant('LJ_SLOPE', slope)}
${constant('LJ_XC', xc)}
// 000 App. A.1c: 4(x⁻¹² − x⁻⁶), its u′/x (lj2, ljdOverX) and d(u′/x)/d(x²) = (u″ − u′/x)/(2x²) (ljd2, ljd)
fn lennardJones(x2: f32) -> f32 { let i6 = 1.0 / (x2 * x2 * x2); return 4.0 * (i6 * i6 - i6); }
fn lennardJonesOverX(x2: f32) -> f32 { let i2 = 1.0 / x2; let i6 = i2 * i2 * i2; return 4.0 * i2 * (6.0 * i6 - 12.0 * i6 * i6); }
fn lennardJonesOverXSlope(x2: f32) -> f32 { let i2 = 1.0 / x2; let i6 = i2 * i2 * i2; return i2 * i2 * i6 * (336.0 * i6 - 96.0); }`;
  if (!forceShifted) {
    return `${lj}
// truncated and shifted (lennardJonesTruncatedShifted)
fn pairEnergy(x2: f32) -> f32 { return lennardJones(x2) - LJ_SHIFT; }
fn pairForceOverX(x2: f32) -> f32 { return lennardJonesOverX(x2); }
fn pairForceOverXSlope(x2: f32) -> f32 { return lennardJonesOverXSlope(x2); }`;
  }
  return `${lj}
// 002 Eq. (3): force-shifted (lennardJonesForceShifted)
fn pairEnergy(x2: f32) -> f32 { let x = sqrt(x2); return lennardJones(x2) - LJ_SHIFT - (x - LJ_XC) * LJ_SLOPE; }
fn pairForceOverX(x2: f32) -> f32 { return lennardJonesOverX(x2) - LJ_SLOPE / sqrt(x2); }
fn pairForceOverXSlope(x2: f32) -> f32 { return lennardJonesOverXSlope(x2) + 0.5 * LJ_SLOPE / (x2 * sqrt(x2)); }`;
}

/**
 * The WGSL of u(x²), u′(x)/x and its slope d(u′/x)/d(x²) = (u″ − u′/x)/(2x²) (pairForceOverXSlope: the force kernel's first-order
 * term, shaders/forces.wgsl) for one of the potentials of src/physics/potentials.ts.
 */
export function pairFunctionWgsl(p: RadialPotential): string {
  switch (p.kind) {
    case 'soft-sphere': return softSphereWgsl(p.xc);
    case 'harmonic': return harmonicWgsl();
    case 'lennard-jones-ts': return lennardJonesWgsl(false, p.xc);
    case 'lennard-jones-fs': return lennardJonesWgsl(true, p.xc);
  }
  throw new Error(`no WGSL pair function for the potential "${p.name}": add one to src/gpu/wgslModels.ts`);
}

/** ε of a rule d_ij = ½(d_i + d_j)(1 − ε|d_i − d_j|) (src/physics/models.ts nonAdditiveRule). */
export function nonAdditivityOf(rule: CombiningRule): number {
  if (rule.kind !== 'non-additive' || rule.nonAdditivity === undefined) {
    throw new Error(`combining rule "${rule.name}" is not of the form ½(d_i + d_j)(1 − ε|d_i − d_j|): add its WGSL to src/gpu/wgslModels.ts`);
  }
  return rule.nonAdditivity;
}

const wgslTable = (name: string, t: readonly (readonly number[])[]) =>
  `  var ${name} = array<f32, 4>(${[t[0][0], t[0][1], t[1][0], t[1][1]].map(wgslF32).join(', ')});`;

// 000 App. A.1a (non-additive diameters) or A.1c (Kob–Andersen table); mirrors CombiningRule.sigma/epsilon in src/physics/models.ts.
export function combiningRuleWgsl(rule: CombiningRule): string {
  if (rule.kind === 'species-table') {
    return `// 000 App. A.1c: Kob–Andersen σ and ε tables (KA_SIGMA, KA_EPSILON)
fn pairSigma(di: f32, dj: f32, ti: u32, tj: u32) -> f32 {
${wgslTable('sigma', KA_SIGMA)}
  return sigma[2u * ti + tj];
}
fn pairEpsilon(ti: u32, tj: u32) -> f32 {
${wgslTable('epsilon', KA_EPSILON)}
  return epsilon[2u * ti + tj];
}`;
  }
  const eps = nonAdditivityOf(rule);
  return `${constant('NON_ADDITIVITY', eps)}
// 000 App. A.1a: d_ij = ½(d_i + d_j)(1 − ε|d_i − d_j|), ε_ij = 1 (nonAdditiveRule)
fn pairSigma(di: f32, dj: f32, ti: u32, tj: u32) -> f32 { return 0.5 * (di + dj) * (1.0 - NON_ADDITIVITY * abs(di - dj)); }
fn pairEpsilon(ti: u32, tj: u32) -> f32 { return 1.0; }`;
}

/** The dimensions the GPU kernels run: positions, separations and forces are held in one vec4 per particle (VecD). */
export const GPU_MAX_DIM = 4;

/** shaders/separation.wgsl squaredRatio keeps x² < 2^e in 64 bits; its 2⁻¹⁷ grid point is exact in f32 while e ≤ 7 (x_c² < 128). */
const SQUARED_RATIO_MAX_EXPONENT = 7;

/** The least e ≥ 3 with x_c² < 2^e: squaredRatio holds X = x²·2^(64 − e) (e = 3, X = x²·2⁶¹, for every model but Mari–Kurchan's x_c = 4). */
export function squaredRatioExponent(xc: number): number {
  let e = 3;
  while (!(xc * xc < 2 ** e) && e <= SQUARED_RATIO_MAX_EXPONENT) e++;
  return e;
}

/**
 * Why the GPU engine cannot run a model, or null. Its kernels hold positions in one vec4 per particle, so D > 4 is refused
 * (2D, 3D and 4D are tested against the float64 engine, test/gpu/forces.test.ts); shaders/separation.wgsl squaredRatio needs
 * x_c² < 128. Mari–Kurchan pair shifts (000 App. A.1d) run through src/gpu/mariKurchan/ (3D and 4D).
 */
export function gpuUnsupported(model: Model): string | null {
  const why = model.dim < 2 || model.dim > GPU_MAX_DIM ? `is ${model.dim}D (the GPU engine runs D = 2, 3 and 4: one vec4 per particle)`
    : squaredRatioExponent(model.potential.xc) > SQUARED_RATIO_MAX_EXPONENT ? `has a cutoff x_c = ${model.potential.xc} beyond the GPU engine's x_c² < 128` : null;
  return why && `model ${model.name} ${why}: it runs on the float64 engine only`;
}

/** shaders/separation.wgsl squaredRatio's constants for X = x²·2^P, P = 64 − e: the grid cut at bit P − 17 (2⁻¹⁷ of x²). */
function squaredRatioWgsl(xc: number): string {
  const p = 64 - squaredRatioExponent(xc);
  return `const RATIO_BITS: i32 = ${p}; // X = x²·2^${p}: 64 bits hold x² < 2^${64 - p} > x_c²
const RATIO_GRID_SHIFT: u32 = ${p - 49}u; // the hi word's bits below the 2⁻¹⁷ grid
const RATIO_HI_MASK: u32 = 0x${((1 << (p - 49)) - 1).toString(16)}u;
${constant('RATIO_HI_UNIT', 2 ** (32 - p))}
${constant('RATIO_LO_UNIT', 2 ** -p)}`;
}

/** The model's WGSL preamble: dimension, cutoff, u(x²), u′(x)/x and its slope in x², s_ij and ε_ij. Prepended to every particle kernel family. */
export function modelWgsl(model: Model): string {
  const refusal = gpuUnsupported(model);
  if (refusal) throw new Error(refusal);
  const d = model.dim;
  const xc = model.potential.xc;
  return `// Generated by src/gpu/wgslModels.ts from model ${model.name} (${model.source}).
const DIM: u32 = ${d}u;
alias VecD = vec${d}<f32>;
fn toVecD(v: vec4<f32>) -> VecD { return ${d === 4 ? 'v' : `v.${'xyzw'.slice(0, d)}`}; }
fn toVec4(v: VecD) -> vec4<f32> { return ${d === 4 ? 'v' : `vec4<f32>(v${', 0.0'.repeat(4 - d)})`}; }
${constant('PAIR_CUTOFF', xc)}
${constant('PAIR_CUTOFF2', xc * xc)}
${squaredRatioWgsl(xc)}
${pairFunctionWgsl(model.potential)}
${combiningRuleWgsl(model.rule)}
`;
}

// The second and third x²-derivatives of u′/x for the nonlinear contractions (shaders/nonlinearcontraction.wgsl), from the same
// constants as pairFunctionWgsl (softSphereCoefficients, LJ_SLOPE): with y = x² and g(y) = u′/x (pairForceOverX),
// pairForceOverXCurvature = g″(y) and pairForceOverXThird = g‴(y), so that A_k of src/physics/pairDerivatives.ts is
// A_k = 2ᵏ dᵏφ/d(r²)ᵏ = (ε/s²)(2/s²)^{k−1} g^{(k−1)}(x²) (φ = ε u, dφ/d(r²) = (ε/s²)·g/2).
function higherSlopesWgsl(p: RadialPotential): string {
  switch (p.kind) {
    case 'soft-sphere':
      // g = −12y⁻⁷ + 2c1 + 4c2 y: g″ = −672 y⁻⁹, g‴ = 6048 y⁻¹⁰ (the quartic's c2 drops out)
      return `// 000 App. A.1a: g = u′/x = −12y⁻⁷ + 2c1 + 4c2y (y = x²), g″ = −672y⁻⁹, g‴ = 6048y⁻¹⁰
fn pairForceOverXCurvature(x2: f32) -> f32 { let i2 = 1.0 / x2; let i3 = i2 * i2 * i2; return -672.0 * i3 * i3 * i3; }
fn pairForceOverXThird(x2: f32) -> f32 { let i2 = 1.0 / x2; let i5 = i2 * i2 * i2 * i2 * i2; return 6048.0 * i5 * i5; }`;
    case 'harmonic':
      return `// 000 App. A.1b: g = 1 − y^(−1/2), g″ = −(3/4) y^(−5/2), g‴ = (15/8) y^(−7/2)
fn pairForceOverXCurvature(x2: f32) -> f32 { return -0.75 / (x2 * x2 * sqrt(x2)); }
fn pairForceOverXThird(x2: f32) -> f32 { return 1.875 / (x2 * x2 * x2 * sqrt(x2)); }`;
    case 'lennard-jones-ts':
    case 'lennard-jones-fs': {
      const lj = `// 000 App. A.1c: g = 24y⁻⁴ − 48y⁻⁷ (lennardJonesOverX), g″ = 480y⁻⁶ − 2688y⁻⁹, g‴ = −2880y⁻⁷ + 24192y⁻¹⁰
fn lennardJonesOverXCurvature(x2: f32) -> f32 { let i2 = 1.0 / x2; let i6 = i2 * i2 * i2; return i6 * i6 * (480.0 - 2688.0 * i6); }
fn lennardJonesOverXThird(x2: f32) -> f32 { let i2 = 1.0 / x2; let i6 = i2 * i2 * i2; return i6 * i6 * i2 * (24192.0 * i6 - 2880.0); }`;
      if (p.kind === 'lennard-jones-ts') {
        return `${lj}
fn pairForceOverXCurvature(x2: f32) -> f32 { return lennardJonesOverXCurvature(x2); }
fn pairForceOverXThird(x2: f32) -> f32 { return lennardJonesOverXThird(x2); }`;
      }
      return `${lj}
// 002 Eq. (3): the force shift −u′(x_c)·y^(−1/2) of g adds −(3/4)·LJ_SLOPE·y^(−5/2) and (15/8)·LJ_SLOPE·y^(−7/2) (LJ_SLOPE of pairFunctionWgsl)
fn pairForceOverXCurvature(x2: f32) -> f32 { return lennardJonesOverXCurvature(x2) - 0.75 * LJ_SLOPE / (x2 * x2 * sqrt(x2)); }
fn pairForceOverXThird(x2: f32) -> f32 { return lennardJonesOverXThird(x2) + 1.875 * LJ_SLOPE / (x2 * x2 * x2 * sqrt(x2)); }`;
    }
  }
  throw new Error(`no WGSL third and fourth pair derivatives for the potential "${p.name}": add them to src/gpu/wgslModels.ts`);
}

/** g″ and g‴ of u′/x in x² (pairForceOverXCurvature, pairForceOverXThird) for the model's potential; appended to modelWgsl's preamble. */
export function pairHigherDerivativesWgsl(model: Model): string {
  return `${higherSlopesWgsl(model.potential)}\n`;
}
