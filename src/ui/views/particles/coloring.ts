// Per-particle colours for every colour mode, written into one reusable Float32Array (N·3, linear RGB for three.js).
import type { ColorMode } from '../../../io/viewSettings.ts';
import { autoRange } from './autoRange.ts';
import { type ColorTable, SIZES, VIRIDIS, hexToRgb, sampleInto, srgbToLinear } from './colormap.ts';
import { displacementMagnitudes } from './displacement.ts';

export type { ColorMode };

export const COLORS = {
  defect: '#d62728', // φ_i = 1 (paper 001, Fig. 3: red)
  normal: '#7a9cc6', // φ_i = 0: a softer, slightly desaturated blue so the defects pop
  missing: '#8b919b', // neutral grey while a mode has no data
  speciesA: '#9ab8d8', // Kob–Andersen A (large, 80 %)
  speciesB: '#e8853d', // Kob–Andersen B (small, 20 %)
  mono: '#9ab8d8', // monodisperse
} as const;

/** Legend label of each continuous quantity. */
export const LABELS: Record<ColorMode, string> = {
  species: 'd_i',
  defects: 'defects φ_i',
  d2min: 'D²min',
  displacement: '|r(0) − r(t)|',
  speed: '|v_i|',
  hidden: 'hidden coordinate',
  kappa: 'local stiffness κ_i (004 Eq. A4)',
};

/** What an empty mode says instead of colouring. */
export const MISSING: Record<ColorMode, string> = {
  species: 'no particles',
  defects: 'defects appear when the quench ends',
  d2min: 'D²min appears when the quench ends',
  displacement: 'displacements need the initial configuration r(0)',
  speed: 'speeds appear while the descent runs',
  hidden: 'only a state in more than 3 dimensions has hidden coordinates',
  kappa: 'κ_i appears when the elastic analysis is done (Landscape panel → Soft spots)',
};

export interface Category { label: string; color: string }

export type ColorInfo =
  | { kind: 'continuous'; label: string; table: ColorTable; range: [number, number]; auto: boolean; log: boolean }
  | { kind: 'categorical'; label: string; categories: Category[] }
  | { kind: 'missing'; label: string; message: string };

export interface ColorInput {
  dim: 2 | 3;
  box: readonly number[];
  diameters: ArrayLike<number>;
  species: ArrayLike<number>;
  positions: ArrayLike<number>;
  reference?: ArrayLike<number>;
  colorMode: ColorMode;
  values?: ArrayLike<number>;
  range?: readonly [number, number] | null;
  logScale?: boolean;
  /** The legend's name for `values` when it is not the mode's own (the Landscape panel's |e_i| of a normal mode). */
  label?: string;
}

// ---- linear-RGB lookup tables (1024 entries) so that filling 64k colours needs no pow() ----
const LUT_SIZE = 1024;
const luts = new WeakMap<ColorTable, Float32Array>();
export function linearLut(tab: ColorTable): Float32Array {
  let lut = luts.get(tab);
  if (!lut) {
    lut = new Float32Array(LUT_SIZE * 3);
    const c = [0, 0, 0];
    for (let k = 0; k < LUT_SIZE; k++) {
      sampleInto(tab, k / (LUT_SIZE - 1), c);
      lut[3 * k] = srgbToLinear(c[0]);
      lut[3 * k + 1] = srgbToLinear(c[1]);
      lut[3 * k + 2] = srgbToLinear(c[2]);
    }
    luts.set(tab, lut);
  }
  return lut;
}

export function linearRgb(hex: string): [number, number, number] {
  const c = hexToRgb(hex);
  return [srgbToLinear(c[0]), srgbToLinear(c[1]), srgbToLinear(c[2])];
}

function fillConstant(out: Float32Array, N: number, hex: string): void {
  const [r, g, b] = linearRgb(hex);
  for (let i = 0; i < N; i++) {
    out[3 * i] = r;
    out[3 * i + 1] = g;
    out[3 * i + 2] = b;
  }
}

/** t ∈ [0, 1] for value v over [lo, hi], clamped; log10 scale when `log` (v ≤ 0 → 0). NaN stays NaN. */
export function normalize(v: number, lo: number, hi: number, log = false): number {
  if (Number.isNaN(v)) return NaN;
  let t: number;
  if (log) {
    if (!(v > 0)) return 0;
    const a = Math.log10(lo > 0 ? lo : Number.MIN_VALUE);
    const b = Math.log10(hi > 0 ? hi : Number.MIN_VALUE);
    t = b > a ? (Math.log10(v) - a) / (b - a) : 0.5;
  } else {
    t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
  }
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Clamped linear (or log) map of `values` over `range` through `tab` into out (linear RGB); NaN → grey. */
export function fillScalar(out: Float32Array, values: ArrayLike<number>, N: number, range: readonly [number, number], tab: ColorTable, log = false): void {
  const lut = linearLut(tab);
  const [gr, gg, gb] = linearRgb(COLORS.missing);
  const lo = range[0];
  const hi = range[1];
  for (let i = 0; i < N; i++) {
    const t = normalize(values[i], lo, hi, log);
    if (Number.isNaN(t)) {
      out[3 * i] = gr;
      out[3 * i + 1] = gg;
      out[3 * i + 2] = gb;
      continue;
    }
    const k = 3 * Math.round(t * (LUT_SIZE - 1));
    out[3 * i] = lut[k];
    out[3 * i + 1] = lut[k + 1];
    out[3 * i + 2] = lut[k + 2];
  }
}

/**
 * 'species' colouring: two colours for a binary mixture (any species ≠ 0, e.g. Kob–Andersen),
 * otherwise a smooth small → large map over the diameters (one colour when monodisperse).
 */
export function fillSpecies(out: Float32Array, species: ArrayLike<number>, diameters: ArrayLike<number>, N: number): ColorInfo {
  let binary = false;
  for (let i = 0; i < N && i < species.length; i++) if (species[i] !== 0) { binary = true; break; }
  if (binary) {
    const a = linearRgb(COLORS.speciesA);
    const b = linearRgb(COLORS.speciesB);
    for (let i = 0; i < N; i++) out.set(species[i] ? b : a, 3 * i);
    return { kind: 'categorical', label: 'species', categories: [{ label: 'A', color: COLORS.speciesA }, { label: 'B', color: COLORS.speciesB }] };
  }
  let dmin = Infinity;
  let dmax = -Infinity;
  for (let i = 0; i < N; i++) {
    const d = diameters[i];
    if (d < dmin) dmin = d;
    if (d > dmax) dmax = d;
  }
  if (!(dmax > dmin * (1 + 1e-9))) {
    fillConstant(out, N, COLORS.mono);
    return { kind: 'categorical', label: 'monodisperse', categories: [{ label: Number.isFinite(dmin) ? `d = ${+dmin.toPrecision(4)}` : 'particles', color: COLORS.mono }] };
  }
  fillScalar(out, diameters, N, [dmin, dmax], SIZES);
  return { kind: 'continuous', label: LABELS.species, table: SIZES, range: [dmin, dmax], auto: true, log: false };
}

let magScratch = new Float64Array(0);

/**
 * Colours for any mode into out (N·3 linear RGB). Returns what the legend needs (the range actually used:
 * the given one, or the automatic 2nd–98th percentile one).
 */
export function fillColors(out: Float32Array, input: ColorInput): ColorInfo {
  const { dim, colorMode: mode } = input;
  const N = input.diameters.length;
  if (N === 0) return { kind: 'missing', label: LABELS[mode], message: MISSING.species };
  if (mode === 'species') return fillSpecies(out, input.species, input.diameters, N);

  let values: ArrayLike<number> | undefined = input.values;
  if (mode === 'displacement' && !values) { // values given: magnitudes in the full D dimensions of a projected state
    const ref = input.reference;
    if (!ref || ref.length < N * dim || input.positions.length < N * dim) values = undefined;
    else {
      if (magScratch.length < N) magScratch = new Float64Array(N);
      values = displacementMagnitudes(ref, input.positions, input.box, dim, magScratch);
    }
  }
  if (!values || values.length < N) {
    fillConstant(out, N, COLORS.missing);
    return { kind: 'missing', label: LABELS[mode], message: MISSING[mode] };
  }
  if (mode === 'defects') {
    const d = linearRgb(COLORS.defect);
    const n = linearRgb(COLORS.normal);
    const g = linearRgb(COLORS.missing);
    for (let i = 0; i < N; i++) {
      const v = values[i];
      out.set(Number.isNaN(v) ? g : v > 0.5 ? d : n, 3 * i);
    }
    return { kind: 'categorical', label: LABELS.defects, categories: [{ label: 'defect (φ_i = 1)', color: COLORS.defect }, { label: 'φ_i = 0', color: COLORS.normal }] };
  }
  const log = !!input.logScale;
  let range: [number, number] | null = input.range && Number.isFinite(input.range[0]) && Number.isFinite(input.range[1]) ? [input.range[0], input.range[1]] : null;
  const auto = !range;
  if (!range) range = autoRange(values, { count: N, positiveOnly: log });
  if (!range) {
    fillConstant(out, N, COLORS.missing);
    return { kind: 'missing', label: LABELS[mode], message: log ? `no positive ${LABELS[mode]} for a log scale` : MISSING[mode] };
  }
  fillScalar(out, values, N, range, VIRIDIS, log);
  return { kind: 'continuous', label: input.label ?? LABELS[mode], table: VIRIDIS, range, auto, log };
}
