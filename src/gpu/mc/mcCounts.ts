// The acceptance counters of the GPU Monte Carlo: the tally words of shaders/mcbindings.wgsl (TALLY_*), read back once per batch
// and added up on the host.
import type { AcceptanceRates, MonteCarloCounts } from '../../physics/mc/swapMonteCarlo.ts';

/** The serial engine's counts, plus what only the checkerboard has. */
export interface GpuMonteCarloCounts extends MonteCarloCounts {
  /** Displacement trials rejected because the trial position left the particle's cell (included in displacementAttempted). */
  displacementLeftCell: number;
  /** Swap trials in a cell pair holding a single particle (no exchange possible; not in the serial engine's counts). */
  swapNoPartner: number;
  /** Batches replayed from their start because a cell outgrew its slots (the results are those of a large enough capacity). */
  replays: number;
}

/** Words of counters at the start of the tallies buffer (TALLY_WORDS), then the per-particle energies. */
export const TALLY_WORDS = 8;
/** TALLY_LARGEST_OVERFLOW: the largest cell count beyond the capacity, 0 when no cell overflowed. */
export const LARGEST_OVERFLOW = 6;

/** The counter each tally word adds to, by TALLY_* index (none for LARGEST_OVERFLOW). */
const COUNTER_OF_TALLY = [
  'displacementAttempted', 'displacementAccepted', 'displacementLeftCell', 'swapAttempted', 'swapAccepted', 'swapNotAttempted',
  null, 'swapNoPartner',
] as const;

export function zeroCounts(): GpuMonteCarloCounts {
  return {
    displacementAttempted: 0, displacementAccepted: 0, swapAttempted: 0, swapAccepted: 0, swapNotAttempted: 0,
    displacementLeftCell: 0, swapNoPartner: 0, replays: 0,
  };
}

/** Add one batch's tally words to the counts. */
export function addTallies(counts: GpuMonteCarloCounts, tally: Uint32Array): void {
  COUNTER_OF_TALLY.forEach((name, k) => { if (name !== null) counts[name] += tally[k]; });
}

/** Accepted / attempted (mirrors acceptanceRates of src/physics/mc; displacements include those that left their cell). */
export function acceptanceRatesOf(c: MonteCarloCounts): AcceptanceRates {
  return {
    displacement: c.displacementAttempted > 0 ? c.displacementAccepted / c.displacementAttempted : 0,
    swap: c.swapAttempted > 0 ? c.swapAccepted / c.swapAttempted : 0,
  };
}
