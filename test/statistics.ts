// Shared statistics for the tests: the χ² tail probability.

/** Upper tail Q(a, x) of the regularized incomplete gamma function (Numerical Recipes §6.2). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lanczos = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  let s = lanczos[0];
  for (let k = 1; k < 9; k++) s += lanczos[k] / (a - 1 + k);
  const t = a - 1 + 7.5;
  const logGammaA = 0.5 * Math.log(2 * Math.PI) + (a - 0.5) * Math.log(t) - t + Math.log(s);
  const prefactor = Math.exp(-x + a * Math.log(x) - logGammaA);
  if (x < a + 1) {
    let term = 1 / a, sum = term;
    for (let n = 1; n < 10000 && Math.abs(term) > 1e-16 * Math.abs(sum); n++) { term *= x / (a + n); sum += term; }
    return 1 - sum * prefactor;
  }
  let b = x + 1 - a, c = 1e300, d = 1 / b, h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b; if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c; if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    h *= d * c;
    if (Math.abs(d * c - 1) < 1e-16) break;
  }
  return prefactor * h;
}

/** P(χ²_df ≥ statistic). */
export const chiSquareSurvival = (statistic: number, df: number): number => gammaQ(df / 2, statistic / 2);
