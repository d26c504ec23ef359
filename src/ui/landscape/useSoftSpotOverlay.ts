// What the elastic analysis adds to the particle view of the run it belongs to: κ_i for the "local stiffness κ_i" colour
// mode (004 Eq. A4; particles with no measured pair — rattlers — are grey), and the κ_ij bonds when asked for.
import { useMemo } from 'react';
import { useRunStore } from '../../state/runStore.ts';
import { useSoftSpotStore } from '../../state/softSpotStore.ts';
import type { BondSet } from '../views/particles/bonds.ts';

/** κ_i with the unmeasured particles (κ_i = 0: no measured pair) as NaN, which the view draws grey. */
export function measuredLocalKappa(localKappa: Float64Array, pairFirst: Int32Array, pairSecond: Int32Array): Float64Array {
  const measured = new Uint8Array(localKappa.length);
  for (let q = 0; q < pairFirst.length; q++) { measured[pairFirst[q]] = 1; measured[pairSecond[q]] = 1; }
  return Float64Array.from(localKappa, (k, i) => (measured[i] ? k : NaN));
}

export function useSoftSpotOverlay(): { kappa: Float64Array | null; bonds: BondSet | null } {
  const runId = useRunStore((r) => r.runId);
  const elastic = useSoftSpotStore((s) => (s.source && (s.source.runId === null || s.source.runId === runId) ? s.elastic.result : null));
  const showBonds = useSoftSpotStore((s) => s.bonds);
  const kappa = useMemo(() => (elastic ? measuredLocalKappa(elastic.localKappa, elastic.pairFirst, elastic.pairSecond) : null), [elastic]);
  const bonds = useMemo(() => (elastic && showBonds ? { first: elastic.pairFirst, second: elastic.pairSecond, values: elastic.pairKappa } : null), [elastic, showBonds]);
  return { kappa, bonds };
}
