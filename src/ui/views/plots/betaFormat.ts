// The words and numbers of the β readout and of the β annotation on the plot.
import type { BetaFit } from '../../../engine/lab/protocol.ts';

/** 000 App. B: the harmonic prediction β_harm = D/4 + 1/2 (1 in 2D, 1.25 in 3D). */
export function harmonicBeta(dim: number): number {
  return dim / 4 + 0.5;
}

export function formatBeta(beta: number, digits = 3): string {
  return Number.isFinite(beta) ? beta.toFixed(digits) : '—';
}

/** "[0.898, 0.933]", or null when the fit carries no interval. */
export function formatInterval(fit: BetaFit, digits = 3): string | null {
  if (fit.interval === 'none' || !Number.isFinite(fit.low) || !Number.isFinite(fit.high)) return null;
  return `[${formatBeta(fit.low, digits)}, ${formatBeta(fit.high, digits)}]`;
}

/** Where the interval comes from, in words. */
export function intervalSource(fit: BetaFit, samples?: number): string {
  switch (fit.interval) {
    case 'bootstrap':
      return samples !== undefined ? `bootstrap over ${samples} sample${samples === 1 ? '' : 's'}` : 'bootstrap over samples';
    case 'regression':
      return '± 1.96 s.e. of the fit';
    default:
      return 'no interval';
  }
}

/** The readout's second line: "[0.898, 0.933] · bootstrap over 20 samples". */
export function intervalLine(fit: BetaFit, samples?: number): string {
  const interval = formatInterval(fit);
  return interval ? `${interval} · ${intervalSource(fit, samples)}` : 'single fit, no interval';
}

/** The plot's annotation: "β = 0.92 [0.90, 0.93]". */
export function betaAnnotation(fit: BetaFit, provisional = false): string {
  const interval = formatInterval(fit, 2);
  return provisional ? `β ≈ ${formatBeta(fit.beta, 2)} (window filling)` : `β = ${formatBeta(fit.beta, 2)}${interval ? ` ${interval}` : ''}`;
}

/**
 * The time the curve has reached when it does not yet cover the fit window (its β is provisional: it still moves as the window
 * fills, 0.96 → 0.39 → 0.64 in 40 s on the T = 0.2 preset), or null once the window is covered.
 */
export function windowFilledTo(t: ArrayLike<number>, window: { tMax: number }): number | null {
  if (t.length === 0) return null;
  const last = t[t.length - 1];
  return last < window.tMax * (1 - 1e-9) ? last : null;
}

/** "provisional: the window is filled to t = 12 of 30" */
export function provisionalLine(filledTo: number, window: { tMax: number }): string {
  return `provisional: the window is filled to t = ${+filledTo.toPrecision(2)} of ${+window.tMax.toPrecision(3)}`;
}

/** "harmonic: 1.00" */
export function harmonicLine(dim: number): string {
  return `harmonic: ${harmonicBeta(dim).toFixed(2)}`;
}

/** Legend name of the reference line: "harmonic β = 1 (2D)", "harmonic β = 1.25 (3D)". */
export function harmonicLabel(dim: number): string {
  return `harmonic β = ${harmonicBeta(dim)} (${dim}D)`;
}

/** Why there is no β: nothing run yet, or too few points in the window (fitPowerLaw needs 3). */
export function noFitReason(pointsInWindow: number | null): string {
  if (pointsInWindow === null) return 'run a quench';
  if (pointsInWindow < 3) return `fit window holds ${pointsInWindow} point${pointsInWindow === 1 ? '' : 's'}`;
  return 'no fit yet';
}
