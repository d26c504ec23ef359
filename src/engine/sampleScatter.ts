// How far one run's β lies from the ensemble's: the sample-to-sample scatter of β at N, measured (bench/betaScatter.ts:
// harmonic2d from T = ∞, SD, window [3, 100]: sd 0.055 at N = 256 and 0.040 at N = 1024 over 24 and 16 samples, while the
// regression's own standard error was 0.028 and 0.016). The regression interval of one curve (its log-spaced points are
// correlated) is 2–2.5 times too narrow, so a single run is given ± 1.96 of this scatter instead (issue 13).

/** The measured scatter at the reference size, and its decay with N (0.055 → 0.040 from 256 to 1024: ∝ N^−1/4, slower than
 * the N^−1/2 of independent regions because the window nears the finite-size cut-off). */
const REFERENCE = { n: 1024, sd: 0.04, exponent: 0.25 } as const;

/** σ_β of single samples at N. */
export function singleRunScatter(n: number): number {
  return REFERENCE.sd * Math.pow(REFERENCE.n / Math.max(n, 2), REFERENCE.exponent);
}

/** The 95% interval of one run's β: ± 1.96 of the larger of the sample scatter at N and the regression's own error. */
export function singleRunInterval(beta: number, regressionHalfWidth: number, n: number): { low: number; high: number; sd: number } {
  const sd = singleRunScatter(n);
  const half = Math.max(1.96 * sd, regressionHalfWidth);
  return { low: beta - half, high: beta + half, sd };
}
