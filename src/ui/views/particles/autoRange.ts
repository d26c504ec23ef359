// Automatic colour range: percentiles of the finite values (OVITO's "adjust range", robust to outliers).

/** Linear-interpolated percentile (p ∈ [0, 100]) of an ascending-sorted array of length n. */
export function percentileSorted(sorted: ArrayLike<number>, n: number, p: number): number {
  if (n <= 0) return NaN;
  const x = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const i = Math.floor(x);
  const f = x - i;
  return i + 1 < n ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i];
}

let scratch = new Float64Array(0);

/**
 * [lo, hi] = [p_lo-th, p_hi-th] percentiles of the finite values (only the positive ones when `positiveOnly`,
 * as a log scale needs). Null when there is no usable value. A degenerate range (lo = hi) is widened so that
 * a constant field still maps to one colour without dividing by zero.
 * Reuses one module-level scratch buffer (no allocation once it is big enough).
 */
export function autoRange(
  values: ArrayLike<number>,
  opts: { lo?: number; hi?: number; positiveOnly?: boolean; count?: number } = {},
): [number, number] | null {
  const { lo = 2, hi = 98, positiveOnly = false } = opts;
  const count = Math.min(opts.count ?? values.length, values.length);
  if (scratch.length < count) scratch = new Float64Array(Math.max(count, 2 * scratch.length));
  let n = 0;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (Number.isFinite(v) && (!positiveOnly || v > 0)) scratch[n++] = v;
  }
  if (n === 0) return null;
  const s = scratch.subarray(0, n);
  s.sort();
  let a = percentileSorted(s, n, lo);
  let b = percentileSorted(s, n, hi);
  if (!(b > a)) {
    // constant (or nearly): take the full extent, else widen around the value
    a = s[0];
    b = s[n - 1];
    if (!(b > a)) {
      const w = positiveOnly ? a * 0.5 : Math.abs(a) > 0 ? Math.abs(a) * 0.05 : 1;
      return [a - w, a + w];
    }
  }
  return [a, b];
}

/** Same range within a relative tolerance (to avoid re-reporting an auto range that barely moved). */
export function sameRange(a: readonly [number, number] | null | undefined, b: readonly [number, number] | null | undefined, rel = 1e-6): boolean {
  if (!a || !b) return a === b;
  const scale = Math.max(Math.abs(a[0]), Math.abs(a[1]), Math.abs(b[0]), Math.abs(b[1]), 1e-300);
  return Math.abs(a[0] - b[0]) <= rel * scale && Math.abs(a[1] - b[1]) <= rel * scale;
}
