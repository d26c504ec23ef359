// What the particle view draws of a normal mode e (unit N·D vector): |e_i| per particle for the colours, arrows along e_i
// scaled so the longest is `length`, and the displaced positions x + s·e of the animation.
import { particleAmplitudes } from '../../physics/analysis/modes/participation.ts';

export { particleAmplitudes };

/** max_i |e_i| (0 for a zero vector). */
export function largestAmplitude(amplitudes: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < amplitudes.length; i++) if (amplitudes[i] > m) m = amplitudes[i];
  return m;
}

/** The mean particle diameter ⟨d⟩: the view's length unit for arrows and amplitudes. */
export function meanDiameter(diameters: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < diameters.length; i++) s += diameters[i];
  return diameters.length ? s / diameters.length : 1;
}

/** Arrow tips x_i + (length / max|e_i|)·e_i: the particle with the largest |e_i| gets an arrow `length` long. */
export function modeArrowTips(rest: ArrayLike<number>, mode: ArrayLike<number>, largest: number, length: number): Float64Array {
  const scale = largest > 0 ? length / largest : 0;
  return Float64Array.from(rest, (x, k) => x + scale * mode[k]);
}

/** out = x + s·e (the mode's displacement at amplitude s along the unit vector e). */
export function displaceAlongMode(out: Float64Array, rest: ArrayLike<number>, mode: ArrayLike<number>, s: number): Float64Array {
  for (let k = 0; k < out.length; k++) out[k] = rest[k] + s * mode[k];
  return out;
}
