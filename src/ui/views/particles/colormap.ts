// Colour maps as small pure functions over tables of sRGB stops (no dependency).
// Values are sRGB components in [0, 1]; convert with srgbToLinear before handing them to three.js
// instance colours (which live in linear working space).

export type RGB = [number, number, number];

/** A colour table: stop positions t_k (ascending, 0 … 1) and sRGB hex colours. */
export interface ColorTable {
  readonly t: readonly number[];
  readonly hex: readonly string[];
}

/** matplotlib's viridis, sampled at 17 points (the same stops plotly uses). Perceptually uniform. */
export const VIRIDIS: ColorTable = {
  t: [0, 16 / 255, 32 / 255, 48 / 255, 64 / 255, 80 / 255, 96 / 255, 112 / 255, 128 / 255, 144 / 255, 160 / 255,
    176 / 255, 192 / 255, 208 / 255, 224 / 255, 240 / 255, 1],
  hex: ['#440154', '#48186a', '#472d7b', '#424086', '#3b528b', '#33638d', '#2c728e', '#26828e', '#21918c', '#1fa088',
    '#28ae80', '#3fbc73', '#5ec962', '#84d44b', '#addc30', '#d8e219', '#fde725'],
};

/** Small → large particles (polydisperse 'species' colouring): cream → sand → terracotta → plum. */
export const SIZES: ColorTable = {
  t: [0, 0.35, 0.7, 1],
  hex: ['#fbe6c2', '#f2a65a', '#c8553d', '#6b2d5c'],
};

export function hexToRgb(hex: string): RGB {
  const h = hex.replace('#', '');
  const n = parseInt(h.length === 3 ? h.split('').map((c) => c + c).join('') : h, 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

export function rgbToHex(c: RGB): string {
  const b = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 255).toString(16).padStart(2, '0');
  return `#${b(c[0])}${b(c[1])}${b(c[2])}`;
}

const parsed = new WeakMap<ColorTable, Float64Array>();
function table(tab: ColorTable): Float64Array {
  let a = parsed.get(tab);
  if (!a) {
    a = new Float64Array(tab.hex.length * 3);
    tab.hex.forEach((h, k) => a!.set(hexToRgb(h), 3 * k));
    parsed.set(tab, a);
  }
  return a;
}

/**
 * Colour at t ∈ [0, 1] (clamped; NaN → 0), linear interpolation between stops, written into out[o..o+2].
 * Allocation-free, for filling big buffers.
 */
export function sampleInto(tab: ColorTable, t: number, out: { [i: number]: number }, o = 0): void {
  const a = table(tab);
  const ts = tab.t;
  const n = ts.length;
  if (!(t > 0)) t = 0; // also NaN
  else if (t > 1) t = 1;
  // stops are (nearly) uniform: guess the interval, then fix it up
  let k = Math.min(n - 2, Math.floor(t * (n - 1)));
  while (k > 0 && ts[k] > t) k--;
  while (k < n - 2 && ts[k + 1] < t) k++;
  const span = ts[k + 1] - ts[k];
  const f = span > 0 ? (t - ts[k]) / span : 0;
  const i = 3 * k;
  out[o] = a[i] + f * (a[i + 3] - a[i]);
  out[o + 1] = a[i + 1] + f * (a[i + 4] - a[i + 1]);
  out[o + 2] = a[i + 2] + f * (a[i + 5] - a[i + 2]);
}

/** colormap(t) → sRGB triple in [0, 1]. */
export function colormap(t: number, tab: ColorTable = VIRIDIS): RGB {
  const c: RGB = [0, 0, 0];
  sampleInto(tab, t, c);
  return c;
}

/** CSS linear-gradient stops for a legend bar (left = t 0, right = t 1). */
export function cssGradient(tab: ColorTable = VIRIDIS, direction = 'to right'): string {
  return `linear-gradient(${direction}, ${tab.hex.map((h, k) => `${h} ${(tab.t[k] * 100).toFixed(1)}%`).join(', ')})`;
}

/** sRGB transfer function → linear light (what three.js expects in instance colours). */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}
