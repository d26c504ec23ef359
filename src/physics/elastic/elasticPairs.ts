// The interacting pairs of a minimum with what the elastic quantities need of each: its Hessian block K_ij (hessian/pairHessian.ts)
// and its separation r_ij = r_j − r_i, with the pairs of rattlers dropped and the mode space they leave (translations out).
import type { Landscape } from '../forces.ts';
import { forEachInteractingPair } from '../interactingPairs.ts';
import { blockJacobiPreconditioner, type Preconditioner } from './blockJacobi.ts';
import { findRattlers, modeSpace, pairHessian, pairHessianOperator, withoutParticles, type HessianOperator, type ModeSpace, type PairHessian } from '../hessian/index.ts';

export interface ElasticPairs {
  /** The pair blocks without rattler pairs. */
  readonly hessian: PairHessian;
  /** r_ij = r_j − r_i for each pair of `hessian` (D per pair), the separation its block was built at. */
  readonly separations: Float64Array;
  readonly space: ModeSpace;
  readonly operator: HessianOperator;
  /** Block-Jacobi C for the solves (blockJacobi.ts). */
  readonly preconditioner: Preconditioner;
  readonly rattlers: number;
}

// The separations of the pairs pairHessian keeps, in its order (the same walk: interactingPairs.ts).
function interactingSeparations(land: Landscape, positions: Float64Array): Float64Array {
  const out: number[] = [];
  forEachInteractingPair(land, positions, (_i, _j, dr) => { for (const x of dr) out.push(x); });
  return Float64Array.from(out);
}

/** Pair blocks, separations and mode space of `positions` (a minimum), rattlers (z_i < D + 1, iteratively) left out. */
export function elasticPairs(land: Landscape, positions: Float64Array): ElasticPairs {
  const full = pairHessian(land, positions);
  const sep = interactingSeparations(land, positions);
  const d = full.dim;
  if (sep.length !== full.first.length * d) throw new Error('internal: the separations do not match the Hessian pairs');
  const rattlers = findRattlers(full);
  const keep: number[] = [];
  for (let p = 0; p < full.first.length; p++) if (!rattlers.mask[full.first[p]] && !rattlers.mask[full.second[p]]) keep.push(p);
  const separations = new Float64Array(keep.length * d);
  keep.forEach((p, k) => separations.set(sep.subarray(p * d, (p + 1) * d), k * d));
  const hessian = rattlers.count > 0 ? withoutParticles(full, rattlers.mask) : full;
  const space = modeSpace(full.n, d, rattlers.count > 0 ? rattlers.mask : null);
  return { hessian, separations, space, operator: pairHessianOperator(hessian), preconditioner: blockJacobiPreconditioner(hessian, space), rattlers: rattlers.count };
}
