// The space the modes live in: all D·N coordinates minus the D global translations, and minus every coordinate of the
// particles left out (rattlers), whose pairs are dropped from H so that H stays translation invariant on the rest.
// P v: zero the left-out particles, then subtract the mean displacement of the kept ones along each axis.
import type { HessianOperator } from './pairHessian.ts';

export interface ModeSpace {
  readonly n: number;
  readonly dim: number;
  /** 1 for a particle left out of the modes (its components stay 0), or null when every particle takes part. */
  readonly excluded: Uint8Array | null;
  /** Particles that take part. */
  readonly kept: number;
  /** Dimension of the space: D·(kept − 1). */
  readonly size: number;
}

export function modeSpace(n: number, dim: number, excluded: Uint8Array | null = null): ModeSpace {
  let kept = n;
  if (excluded) for (const e of excluded) kept -= e;
  if (kept < 2) throw new Error(`only ${kept} particle(s) left once rattlers are left out: no modes to compute`);
  return { n, dim, excluded, kept, size: dim * (kept - 1) };
}

// 002 §II: the D modes of global translation are excluded; P is the orthogonal projector onto their complement.
export function projectModeSpace(space: ModeSpace, v: Float64Array): Float64Array {
  const { n, dim: d, excluded } = space;
  // One sweep for the D sums of the kept particles' components (zeroing the left-out ones), one to subtract their means.
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    if (excluded && excluded[i]) { for (let a = 0; a < d; a++) v[i * d + a] = 0; continue; }
    for (let a = 0; a < d; a++) mean[a] += v[i * d + a];
  }
  for (let a = 0; a < d; a++) mean[a] /= space.kept;
  for (let i = 0; i < n; i++) {
    if (excluded && excluded[i]) continue;
    for (let a = 0; a < d; a++) v[i * d + a] -= mean[a];
  }
  return v;
}

/** P H P as an operator on vectors already in the space (H leaves the space invariant; P removes round-off drift). */
export function projectedOperator(space: ModeSpace, op: HessianOperator): HessianOperator {
  return (v, out) => { op(v, out); projectModeSpace(space, out); };
}
