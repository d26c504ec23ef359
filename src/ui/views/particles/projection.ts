// The particle view of a D > 3 state (harmonic4d, harmonic8d): a projection of the D-dimensional configuration onto two or
// three axes the user picks, with the other coordinates hidden (one of them can colour the particles). Drawing spheres at
// their true diameter would cover the projected box many times over (N = 1000 spheres of d = 1 in 4D at φ = 0.5 have
// L ≈ 5), so they are drawn shrunk to a projected packing fraction of about one half; the note says so.
import { wrap } from './displacement.ts';

/** The axes shown (2 or 3 distinct indices in [0, D)) and the hidden axis that colours the particles. */
export interface ProjectionAxes {
  shown: number[];
  hidden: number;
}

export interface Projection {
  dim: 2 | 3;
  box: number[];
  positions: Float64Array;
  reference: Float64Array | undefined;
  diameters: Float64Array;
  /** The hidden coordinate x_hidden of each particle, wrapped into [0, L). */
  hiddenCoordinate: Float64Array;
  /** Drawn diameter / true diameter (≤ 1). */
  shrink: number;
  note: string;
}

const AXIS_NAMES = ['x', 'y', 'z', 'w'];
/** x, y, z, w, then x₅ … x₈ (1-based beyond four). */
export function axisName(a: number): string {
  return AXIS_NAMES[a] ?? `x${String(a + 1).replace(/\d/g, (c) => '₀₁₂₃₄₅₆₇₈₉'[Number(c)])}`;
}

/** Default axes for a D-dimensional state: the first two shown, the third hidden. */
export function defaultAxes(dim: number): ProjectionAxes {
  return { shown: [0, 1], hidden: Math.min(2, dim - 1) };
}

/** The axes made valid for dim: distinct, in range, 2 or 3 of them; the hidden one not shown (falls back to defaults). */
export function validAxes(axes: ProjectionAxes, dim: number): ProjectionAxes {
  const shown = axes.shown.filter((a, k) => Number.isInteger(a) && a >= 0 && a < dim && axes.shown.indexOf(a) === k);
  if (shown.length < 2 || shown.length > 3) return validAxes(defaultAxes(dim), dim);
  const free = [...Array(dim).keys()].filter((a) => !shown.includes(a));
  const hidden = free.includes(axes.hidden) ? axes.hidden : free[0] ?? shown[0];
  return { shown, hidden };
}

/** Volume of a k-ball of radius r for k = 2, 3. */
function ballVolume(k: 2 | 3, r: number): number {
  return k === 2 ? Math.PI * r * r : (4 / 3) * Math.PI * r * r * r;
}

/**
 * Projects N·D positions onto the chosen axes (wrapped into the box), with the box, the reference r(0) and the diameters to
 * draw. Throws on axes that are not valid for dim.
 */
export function projectState(
  positions: ArrayLike<number>, reference: ArrayLike<number> | undefined, diameters: ArrayLike<number>, box: readonly number[], dim: number, axes: ProjectionAxes,
): Projection {
  const { shown, hidden } = axes;
  if (shown.length < 2 || shown.length > 3 || shown.some((a) => !(a >= 0 && a < dim)) || new Set(shown).size !== shown.length) {
    throw new Error(`projection axes ${shown.join(', ')} are not 2 or 3 distinct axes of a ${dim}-dimensional state`);
  }
  const k = shown.length as 2 | 3;
  const n = diameters.length;
  const out = new Float64Array(n * k);
  const ref = reference && reference.length >= n * dim ? new Float64Array(n * k) : undefined;
  const hiddenCoordinate = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      out[i * k + c] = wrap(positions[i * dim + shown[c]], box[shown[c]]);
      if (ref) ref[i * k + c] = reference![i * dim + shown[c]];
    }
    hiddenCoordinate[i] = wrap(positions[i * dim + hidden], box[hidden]);
  }
  const pbox = shown.map((a) => box[a]);
  let covered = 0;
  for (let i = 0; i < n; i++) covered += ballVolume(k, diameters[i] / 2);
  const area = pbox.reduce((p, l) => p * l, 1);
  const shrink = covered > 0 ? Math.min(1, Math.pow((0.5 * area) / covered, 1 / k)) : 1;
  const drawn = new Float64Array(n);
  for (let i = 0; i < n; i++) drawn[i] = diameters[i] * shrink;
  const names = shown.map(axisName).join(', ');
  const size = shrink < 1 ? ` · drawn at ${Math.round(shrink * 100)}% of their diameter` : '';
  return { dim: k, box: pbox, positions: out, reference: ref, diameters: drawn, hiddenCoordinate, shrink, note: `projection of a ${dim}-dimensional state onto axes ${names}${size}` };
}
