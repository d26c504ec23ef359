// Log-spaced observation times on the absolute grid t_k = 10^(k/m), m per decade (docs/PHYSICS.md §3).
// The grid does not depend on Δt, so runs with different steps (and every sample of an ensemble) share sample times.

export interface LogSampler {
  /** True if x has reached the next grid point; then the sampler moves past x. */
  due(x: number): boolean;
}

export function logSampler(first: number, perDecade: number): LogSampler {
  if (!(first > 0)) throw new Error(`first sample time must be positive, got ${first}`);
  if (!Number.isInteger(perDecade) || perDecade < 1) throw new Error(`samples per decade must be a positive integer, got ${perDecade}`);
  const grid = (j: number) => Math.pow(10, j / perDecade);
  let k = Math.ceil(perDecade * Math.log10(first) - 1e-9);
  return {
    due(x: number) {
      if (x < grid(k) * (1 - 1e-12)) return false;
      while (grid(k) <= x * (1 + 1e-12)) k++;
      return true;
    },
  };
}
