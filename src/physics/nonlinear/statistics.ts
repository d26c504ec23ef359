// Statistics of nonlinear modes over inherent structures (003 §V, Figs. 2, 7, 8): the ratio κ3/κ4 of cubic to quartic
// stiffness (003: κ3 ≈ 1.3 κ4, κ3 > κ4 in more than 99.5% of cases), the soft-potential bound τ² ≤ 3κχ on cubic modes
// (Eq. 32; broken by 6.6%, 4.6%, 0.5% of cubic modes as T_p falls), and χ4 against N e4 (Fig. 2: χ4 ~ (N e4)⁻¹).

/** What one inherent structure contributes. */
export interface NonlinearSample {
  n: number;
  kappa4: number;
  chi4: number;
  /** e of π4 (003 Eq. 14). */
  e4: number;
  kappa3: number;
  tau3: number;
  chi3: number;
  /** The share of τ3 from pairs at their cutoff (cutoffShare.ts), when measured. */
  cutoffShare3?: number;
}

export interface NonlinearStatistics {
  samples: number;
  /** κ3/κ4: quantiles 10%, 50%, 90%, the mean, and the fraction above 1. */
  stiffnessRatio: { q10: number; median: number; q90: number; mean: number; fractionAbove1: number };
  /** Fraction of cubic modes with τ3² > 3κ3χ3 (003 Eq. 32 broken). */
  boundBroken: number;
  /** τ3²/(3κ3χ3) quantiles: below 1 the second well of the quartic expansion lies above the inherent structure. */
  boundRatio: { q10: number; median: number; q90: number };
  /** Least-squares fit log χ4 = a + b log(N e4) (003 Fig. 2: b ≈ −1), with the correlation of the logs; null under 3 samples. */
  chi4VsNe4: { slope: number; intercept: number; correlation: number } | null;
  /**
   * The bound over the cubic modes whose τ3 is not mostly (≤ ½) from pairs at their cutoff, and how many were left out as
   * cutoff artefacts (cutoffShare.ts); null unless every sample carries its cutoff share.
   */
  awayFromCutoff: { samples: number; cutoffModes: number; boundBroken: number } | null;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const x = q * (sorted.length - 1), lo = Math.floor(x), hi = Math.ceil(x);
  return sorted[lo] + (x - lo) * (sorted[hi] - sorted[lo]);
}

// 003 Eq. (32) and Figs. 2, 7(a), 8.
export function nonlinearStatistics(samples: readonly NonlinearSample[]): NonlinearStatistics {
  if (samples.length === 0) throw new Error('no samples: the nonlinear statistics need at least one inherent structure');
  const ratios = samples.map((s) => s.kappa3 / s.kappa4).sort((a, b) => a - b);
  const bound = samples.map((s) => (s.tau3 * s.tau3) / (3 * s.kappa3 * s.chi3)).sort((a, b) => a - b);
  let fit: NonlinearStatistics['chi4VsNe4'] = null;
  if (samples.length >= 3) {
    const xs = samples.map((s) => Math.log(s.n * s.e4)), ys = samples.map((s) => Math.log(s.chi4));
    const m = xs.length, mx = xs.reduce((a, b) => a + b) / m, my = ys.reduce((a, b) => a + b) / m;
    let sxx = 0, sxy = 0, syy = 0;
    for (let k = 0; k < m; k++) { sxx += (xs[k] - mx) ** 2; sxy += (xs[k] - mx) * (ys[k] - my); syy += (ys[k] - my) ** 2; }
    const slope = sxx > 0 ? sxy / sxx : NaN;
    fit = { slope, intercept: my - slope * mx, correlation: sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN };
  }
  return {
    samples: samples.length,
    stiffnessRatio: {
      q10: quantile(ratios, 0.1), median: quantile(ratios, 0.5), q90: quantile(ratios, 0.9),
      mean: ratios.reduce((a, b) => a + b) / ratios.length, fractionAbove1: ratios.filter((r) => r > 1).length / ratios.length,
    },
    boundBroken: bound.filter((b) => b > 1).length / bound.length,
    boundRatio: { q10: quantile(bound, 0.1), median: quantile(bound, 0.5), q90: quantile(bound, 0.9) },
    chi4VsNe4: fit,
    awayFromCutoff: awayFromCutoff(samples),
  };
}

/** Above this share of τ3 from pairs at their cutoff a cubic mode counts as a cutoff artefact. */
export const CUTOFF_ARTEFACT_SHARE = 0.5;

// 003 Eq. (32) over the cubic modes that are not cutoff artefacts.
function awayFromCutoff(samples: readonly NonlinearSample[]): NonlinearStatistics['awayFromCutoff'] {
  if (samples.some((s) => s.cutoffShare3 === undefined)) return null;
  const kept = samples.filter((s) => Math.abs(s.cutoffShare3!) <= CUTOFF_ARTEFACT_SHARE);
  const broken = kept.filter((s) => s.tau3 * s.tau3 > 3 * s.kappa3 * s.chi3).length;
  return { samples: kept.length, cutoffModes: samples.length - kept.length, boundBroken: kept.length ? broken / kept.length : NaN };
}
