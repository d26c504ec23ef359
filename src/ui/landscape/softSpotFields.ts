// The soft-spot fields as the lab names and describes them (003): ψ the lowest harmonic mode, π4 the quartic mode
// (argmin κ²/χ), π3 the cubic mode (argmin κ³/τ²), with κ, τ, χ, e and the overlaps of each.
import type { NonlinearResult } from '../../engine/lab/protocol.ts';
import type { SoftSpotField } from '../../state/softSpotStore.ts';

export const FIELD_NAMES: Record<SoftSpotField, string> = { psi: 'ψ', pi4: 'π4', pi3: 'π3' };
export const FIELD_TITLES: Record<SoftSpotField, string> = {
  psi: 'ψ, the lowest harmonic mode', pi4: 'π4, the quartic mode (min κ²/χ)', pi3: 'π3, the cubic mode (min κ³/τ²)',
};

export interface FieldNumbers { kappa: number; tau: number; chi: number; participation: number; overlap: string | null }

/** κ, τ, χ, e of a field, and its overlap with the field it was found from (|π4·ψ|, |π3·π4|). */
export function fieldNumbers(r: NonlinearResult, f: SoftSpotField): FieldNumbers {
  if (f === 'psi') return { ...r.harmonic, overlap: null };
  if (f === 'pi4') return { ...r.quartic, overlap: `|π4·ψ| = ${r.quartic.overlapWithHarmonic.toFixed(3)}` };
  return { ...r.cubic, overlap: `|π3·π4| = ${r.cubic.overlapWithQuartic.toFixed(3)}` };
}

/** One line: κ, τ, χ and e of a field. */
export function fieldSummary(n: FieldNumbers): string {
  return `κ = ${n.kappa.toPrecision(4)}, τ = ${n.tau.toPrecision(3)}, χ = ${n.chi.toPrecision(3)}, e = ${n.participation.toPrecision(3)}`;
}
