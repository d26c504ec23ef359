// The models of 000 App. A.1: each is a radial pair function plus a combining rule for (s_ij, ε_ij), a dimension and a density.
import type { Configuration } from './configuration.ts';
import { polydisperseDiameters, shuffleInPlace } from './diameters.ts';
import {
  harmonicPotential,
  lennardJonesForceShifted,
  lennardJonesTruncatedShifted,
  mariKurchanPotential,
  softSpherePotential,
  type RadialPotential,
} from './potentials.ts';
import { createRng, Streams } from './rng.ts';
import { ballVolume, periodicBox, wrapPositions } from './space.ts';

/** A combining rule gives the length scale s_ij and energy scale ε_ij of a pair from the particles' diameters and species. */
export interface CombiningRule {
  readonly name: string;
  /** 'non-additive': d_ij = ½(d_i + d_j)(1 − ε|d_i − d_j|) with ε = nonAdditivity; 'species-table': KA_SIGMA/KA_EPSILON. */
  readonly kind: 'non-additive' | 'species-table';
  readonly nonAdditivity?: number;
  sigma(di: number, dj: number, ti: number, tj: number): number;
  epsilon(ti: number, tj: number): number;
}

// 000 App. A.1a: d_ij = ½(d_i + d_j)(1 − ε|d_i − d_j|), ε_ij = 1.
export function nonAdditiveRule(nonAdditivity: number): CombiningRule {
  return {
    name: `non-additive diameters (ε = ${nonAdditivity})`,
    kind: 'non-additive',
    nonAdditivity,
    sigma: (di, dj) => 0.5 * (di + dj) * (1 - nonAdditivity * Math.abs(di - dj)),
    epsilon: () => 1,
  };
}

// 000 App. A.1c: Kob–Andersen ε_AA = 1, ε_AB = 1.5, ε_BB = 0.5; σ_AA = 1, σ_AB = 0.8, σ_BB = 0.88.
export const KA_SIGMA = [[1.0, 0.8], [0.8, 0.88]] as const;
export const KA_EPSILON = [[1.0, 1.5], [1.5, 0.5]] as const;
export const kobAndersenRule: CombiningRule = {
  name: 'Kob–Andersen species table',
  kind: 'species-table',
  sigma: (_di, _dj, ti, tj) => KA_SIGMA[ti][tj],
  epsilon: (ti, tj) => KA_EPSILON[ti][tj],
};

export const MODEL_NAMES = ['soft2d', 'soft3d', 'harmonic2d', 'harmonic3d', 'harmonic4d', 'harmonic8d', 'ka2d', 'ka3d', 'ka3d-fs', 'mk3d'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export type DensitySpec = { kind: 'number'; rho: number } | { kind: 'volumeFraction'; phi: number };

export interface Model {
  readonly name: ModelName;
  readonly label: string;
  readonly dim: number;
  readonly potential: RadialPotential;
  readonly rule: CombiningRule;
  readonly density: DensitySpec;
  /** Default steepest-descent time step (units τ0), well below 2/λ_max at the densities used (see test/descent.test.ts). */
  readonly defaultDt: number;
  /** Default initial FIRE step (a minimizer's step, not a physical time step; LAMMPS's lj default is 0.005). */
  readonly fireDt: number;
  /** Whether swap moves apply (continuous polydispersity). */
  readonly swappable: boolean;
  /** Diameters and species of N particles, deterministic from the seed. */
  particles(n: number, seed: number): { diameters: Float64Array; species: Uint8Array };
  /** Largest s_ij that can occur (for neighbor-search cutoffs). */
  maxSigma(c: Configuration): number;
  /** Where the model comes from. */
  readonly source: string;
  /** Mari–Kurchan: pairs interact at r_i − r_j + A_ij with planted random shifts (000 App. A.1d; Configuration.shifts). */
  readonly pairShifts?: boolean;
}

function polydisperseParticles(n: number, seed: number) {
  return { diameters: polydisperseDiameters(n, createRng(seed, Streams.diameters)), species: new Uint8Array(n) };
}
function monodisperseParticles(n: number) {
  return { diameters: new Float64Array(n).fill(1), species: new Uint8Array(n) };
}
/** Exactly round(fractionA·N) particles of species A, the rest B, in an order shuffled by the seed. */
function binaryParticles(fractionA: number) {
  return (n: number, seed: number) => {
    const nA = Math.round(fractionA * n);
    const species = new Uint8Array(n);
    for (let i = nA; i < n; i++) species[i] = 1;
    shuffleInPlace(species, createRng(seed, Streams.species));
    const diameters = new Float64Array(n);
    for (let i = 0; i < n; i++) diameters[i] = KA_SIGMA[species[i]][species[i]];
    return { diameters, species };
  };
}
function maxDiameterSigma(rule: CombiningRule) {
  return (c: Configuration) => {
    let max = 0, min = Infinity;
    for (const d of c.diameters) { if (d > max) max = d; if (d < min) min = d; }
    // s_ij ≤ ½(d_i + d_j) ≤ d_max for any non-additivity ≥ 0; the rule is checked on the extremes too.
    return Math.max(max, rule.sigma(max, max, 0, 0), rule.sigma(max, min, 0, 0));
  };
}
const kaMaxSigma = () => 1.0;

const softRule = nonAdditiveRule(0.2);
const additiveRule = nonAdditiveRule(0);

export const MODELS: Record<ModelName, Model> = {
  soft2d: {
    name: 'soft2d', label: 'Soft spheres 2D (polydisperse, r⁻¹²)', dim: 2, potential: softSpherePotential, rule: softRule,
    density: { kind: 'number', rho: 1.0 }, defaultDt: 0.001, fireDt: 0.005, swappable: true,
    particles: polydisperseParticles, maxSigma: maxDiameterSigma(softRule), source: '000 App. A.1a',
  },
  soft3d: {
    name: 'soft3d', label: 'Soft spheres 3D (polydisperse, r⁻¹²)', dim: 3, potential: softSpherePotential, rule: softRule,
    density: { kind: 'number', rho: 1.02 }, defaultDt: 0.001, fireDt: 0.005, swappable: true,
    particles: polydisperseParticles, maxSigma: maxDiameterSigma(softRule), source: '000 App. A.1a',
  },
  harmonic2d: {
    name: 'harmonic2d', label: 'Harmonic spheres 2D (polydisperse, φ = 1.2)', dim: 2, potential: harmonicPotential, rule: softRule,
    density: { kind: 'volumeFraction', phi: 1.2 }, defaultDt: 0.02, fireDt: 0.1, swappable: true,
    particles: polydisperseParticles, maxSigma: maxDiameterSigma(softRule), source: '000 App. A.1b',
  },
  harmonic3d: {
    name: 'harmonic3d', label: 'Harmonic spheres 3D (monodisperse, φ = 0.73)', dim: 3, potential: harmonicPotential, rule: additiveRule,
    density: { kind: 'volumeFraction', phi: 0.73 }, defaultDt: 0.02, fireDt: 0.1, swappable: false,
    particles: monodisperseParticles, maxSigma: maxDiameterSigma(additiveRule), source: '000 App. A.1b',
  },
  // 000 App. A.1b / Fig. 2a: monodisperse harmonic spheres in 4D (φ = 0.5) and 8D (φ = 0.1), quenched from T = ∞.
  harmonic4d: {
    name: 'harmonic4d', label: 'Harmonic spheres 4D (monodisperse, φ = 0.5)', dim: 4, potential: harmonicPotential, rule: additiveRule,
    density: { kind: 'volumeFraction', phi: 0.5 }, defaultDt: 0.02, fireDt: 0.1, swappable: false,
    particles: monodisperseParticles, maxSigma: maxDiameterSigma(additiveRule), source: '000 App. A.1b',
  },
  harmonic8d: {
    name: 'harmonic8d', label: 'Harmonic spheres 8D (monodisperse, φ = 0.1)', dim: 8, potential: harmonicPotential, rule: additiveRule,
    density: { kind: 'volumeFraction', phi: 0.1 }, defaultDt: 0.02, fireDt: 0.1, swappable: false,
    particles: monodisperseParticles, maxSigma: maxDiameterSigma(additiveRule), source: '000 App. A.1b',
  },
  ka2d: {
    name: 'ka2d', label: 'Kob–Andersen LJ 2D (65:35, ρ = 1.2)', dim: 2, potential: lennardJonesTruncatedShifted, rule: kobAndersenRule,
    density: { kind: 'number', rho: 1.2 }, defaultDt: 1e-4, fireDt: 0.005, swappable: false,
    particles: binaryParticles(0.65), maxSigma: kaMaxSigma, source: '000 App. A.1c (2D density: choice)',
  },
  ka3d: {
    name: 'ka3d', label: 'Kob–Andersen LJ 3D (80:20, ρ = 1.2)', dim: 3, potential: lennardJonesTruncatedShifted, rule: kobAndersenRule,
    density: { kind: 'number', rho: 1.2 }, defaultDt: 1e-4, fireDt: 0.005, swappable: false,
    particles: binaryParticles(0.8), maxSigma: kaMaxSigma, source: '000 App. A.1c',
  },
  'ka3d-fs': {
    name: 'ka3d-fs', label: 'Kob–Andersen LJ 3D, force-shifted (80:20, ρ = 1.2)', dim: 3, potential: lennardJonesForceShifted, rule: kobAndersenRule,
    density: { kind: 'number', rho: 1.2 }, defaultDt: 1e-4, fireDt: 0.005, swappable: false,
    particles: binaryParticles(0.8), maxSigma: kaMaxSigma, source: '002 Eq. (3)',
  },
  mk3d: {
    name: 'mk3d', label: 'Mari–Kurchan 3D (soft spheres, random pair shifts, φ = 0.5)', dim: 3, potential: mariKurchanPotential, rule: additiveRule,
    density: { kind: 'volumeFraction', phi: 0.5 }, defaultDt: 0.001, fireDt: 0.005, swappable: false,
    particles: monodisperseParticles, maxSigma: maxDiameterSigma(additiveRule), source: '000 App. A.1d', pairShifts: true,
  },
};

export function getModel(name: string): Model {
  const m = (MODELS as Record<string, Model | undefined>)[name];
  if (!m) throw new Error(`unknown model "${name.length <= 40 ? name : `${name.slice(0, 40)}…`}"; choose one of ${MODEL_NAMES.join(', ')}`);
  return m;
}

/** Box side for the model's density: ρ = N/L^D, or φ = Σ_i V_D(d_i/2)/L^D (000 App. A.1b). */
export function boxSide(model: Model, diameters: Float64Array): number {
  const n = diameters.length;
  if (model.density.kind === 'number') return Math.pow(n / model.density.rho, 1 / model.dim);
  let vs = 0;
  for (const d of diameters) vs += ballVolume(model.dim, d / 2);
  return Math.pow(vs / model.density.phi, 1 / model.dim);
}

/**
 * A T = ∞ state: positions uniform in the box (000 App. A.1). A Mari–Kurchan state is planted there at T = ∞ (uniform
 * shifts, keyed by the seed); mariKurchan/planting.ts plants at finite T.
 */
export function randomConfiguration(model: Model, n: number, seed: number): Configuration {
  if (!Number.isInteger(n) || n < 2) throw new Error(`N must be an integer ≥ 2, got ${n}`);
  const { diameters, species } = model.particles(n, seed);
  const L = boxSide(model, diameters);
  const box = periodicBox(model.dim, L);
  const rng = createRng(seed, Streams.positions);
  const positions = new Float64Array(n * model.dim);
  for (let k = 0; k < positions.length; k++) positions[k] = rng.uniform() * L;
  wrapPositions(box, positions);
  if (model.pairShifts) return { box, positions, diameters, species, shifts: { seed, temperature: Infinity, planted: positions.slice() } };
  return { box, positions, diameters, species };
}
