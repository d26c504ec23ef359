// The sizes of a finite-size scaling run as typed ("256, 512, 1024"): at least two distinct whole N within the float64
// engine's limits, or the message that says what is wrong.
import { RUN_LIMITS } from '../engine/limits.ts';

export function parseScalingSizes(text: string): number[] | string {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const sizes = parts.map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < RUN_LIMITS.minN || n > RUN_LIMITS.maxNFloat64)) return `sizes are whole numbers from ${RUN_LIMITS.minN} to ${RUN_LIMITS.maxNFloat64}`;
  if (sizes.length < 2 || new Set(sizes).size !== sizes.length) return 'give at least two different sizes, e.g. 256, 512, 1024';
  return sizes;
}
