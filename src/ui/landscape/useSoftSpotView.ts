// The soft-spot field the Soft spots section picked (ψ, π4 or π3 of src/state/softSpotStore.ts) as a displacement field on the
// particles (./useFieldView.ts): arrows along z_i, coloured by |z_i| unless the run's colour mode was asked for, animatable.
import { useSoftSpotStore } from '../../state/softSpotStore.ts';
import { FIELD_NAMES, FIELD_TITLES, fieldNumbers, fieldSummary } from './softSpotFields.ts';
import { useFieldView, type FieldView } from './useFieldView.ts';

export interface SoftSpotView extends FieldView {
  /** Colour by |z_i| (else the particle view's own colour mode, e.g. the defect map). */
  colorByField: boolean;
}

export function useSoftSpotView(): SoftSpotView | null {
  const s = useSoftSpotStore();
  const r = s.nonlinear.result;
  const f = s.shownField;
  const view = useFieldView(f && r && s.source ? {
    field: r.fields[f], system: s.source.configuration, arrows: s.arrows, playing: s.playing, amplitude: s.amplitude,
    label: `|z_i|, ${FIELD_NAMES[f]}`, caption: `${FIELD_TITLES[f]}: ${fieldSummary(fieldNumbers(r, f))} · ${s.source.label}`,
  } : null);
  return view ? { ...view, colorByField: s.colorByField } : null;
}
