// Rattlers: particles with fewer than D + 1 contacts at a minimum carry zero (or spurious soft) modes. They are found
// iteratively: drop every particle with z_i < D + 1, recount the contacts among the others, repeat until none is dropped.
import { contactCounts, type PairHessian } from './pairHessian.ts';

export interface Rattlers {
  /** 1 for a rattler. */
  readonly mask: Uint8Array;
  readonly count: number;
}

// docs/PHYSICS.md §5 (000 §II A: rattlers are particles with fewer than D + 1 contacts).
export function findRattlers(h: PairHessian): Rattlers {
  const need = h.dim + 1;
  const mask = new Uint8Array(h.n);
  const z = contactCounts(h);
  // Partner lists in CSR form, to update the counts of a dropped particle's partners.
  const start = new Int32Array(h.n + 1);
  for (let i = 0; i < h.n; i++) start[i + 1] = start[i] + z[i];
  const fill = start.slice(0, h.n);
  const partner = new Int32Array(start[h.n]);
  for (let p = 0; p < h.first.length; p++) { partner[fill[h.first[p]]++] = h.second[p]; partner[fill[h.second[p]]++] = h.first[p]; }
  const stack: number[] = [];
  for (let i = 0; i < h.n; i++) if (z[i] < need) { mask[i] = 1; stack.push(i); }
  while (stack.length > 0) {
    const i = stack.pop() as number;
    for (let k = start[i]; k < start[i + 1]; k++) {
      const j = partner[k];
      if (mask[j]) continue;
      if (--z[j] < need) { mask[j] = 1; stack.push(j); }
    }
  }
  let count = 0;
  for (const m of mask) count += m;
  return { mask, count };
}
