// The big number: β of ⟨|v|⟩ ~ t^−β with its interval and where it comes from, and the harmonic prediction to compare with;
// "β —" and the reason when there is no fit.
import type { BetaFit } from '../../../engine/lab/protocol.ts';
import { formatBeta, formatInterval, harmonicLine, intervalLine, provisionalLine } from './betaFormat.ts';
import './plots.css';

export interface BetaReadoutProps {
  fit: BetaFit | null;
  /** For the harmonic prediction β_harm = D/4 + 1/2. */
  dim: 2 | 3;
  /** Samples behind a bootstrap interval ("bootstrap over 20 samples"); default fit.samples. */
  samples?: number;
  /** Why there is no fit (e.g. noFitReason(points): "fit window holds 2 points"); default "run a quench". */
  reason?: string;
  /** Lecture mode: a very large number. */
  large?: boolean;
  /** While the curve has not reached the window's end: how far it got (β is provisional, shown as ≈ and dimmed). */
  filledTo?: number | null;
  /** A single run whose interval is the sample-to-sample scatter at this N (src/engine/sampleScatter.ts), with that σ. */
  scatter?: { n: number; sd: number } | null;
  /** Where a fit not made on this page comes from (a shared link's result): replaces the interval's source. */
  source?: string;
}

export function BetaReadout({ fit, dim, samples, reason, large = false, filledTo = null, scatter = null, source }: BetaReadoutProps) {
  const provisional = filledTo !== null;
  return (
    <div className={`gl-beta${large ? ' gl-large' : ''}${fit && provisional ? ' gl-beta-provisional' : ''}`} data-testid="beta" data-provisional={fit && provisional ? 'true' : undefined}>
      {fit ? (
        <>
          <div className="gl-beta-value" data-testid="beta-value"><span className="gl-beta-symbol">β</span> {provisional ? '≈' : '='} {formatBeta(fit.beta)}</div>
          <div className="gl-beta-interval" data-testid="beta-interval">
            {source ? `${formatInterval(fit) ?? ''} · ${source}`
              : provisional ? provisionalLine(filledTo, { tMax: fit.tMax })
              : scatter ? `${formatInterval(fit)} · one run; σ = ${scatter.sd.toFixed(3)} between runs at N = ${scatter.n} (measured)`
              : intervalLine(fit, samples ?? fit.samples)}
          </div>
        </>
      ) : (
        <>
          <div className="gl-beta-value gl-beta-none" data-testid="beta-value"><span className="gl-beta-symbol">β</span> —</div>
          <div className="gl-beta-interval" data-testid="beta-reason">{reason ?? 'run a quench'}</div>
        </>
      )}
      <div className="gl-beta-harmonic">{harmonicLine(dim)}</div>
    </div>
  );
}
