// The picked normal mode as the particle view shows it (a displacement field: ./useFieldView.ts), unless a soft-spot field is
// shown instead (./useSoftSpotView.ts).
import { useLandscapeStore } from '../../state/landscapeStore.ts';
import { useSoftSpotStore } from '../../state/softSpotStore.ts';
import { useFieldView, type FieldView } from './useFieldView.ts';

export type ModeView = FieldView;

export function useModeView(): ModeView | null {
  const s = useLandscapeStore();
  const softShown = useSoftSpotStore((x) => x.shownField !== null && x.nonlinear.result !== null && x.source !== null);
  const mode = !softShown && s.show && s.result && s.source && s.picked !== null ? s.result.vectors[s.picked] : null;
  const k = s.picked ?? 0;
  return useFieldView(mode && s.result && s.source ? {
    field: mode, system: s.source.configuration, arrows: s.arrows, playing: s.playing, amplitude: s.amplitude, label: `|e_i|, mode ${k + 1}`,
    caption: `mode ${k + 1} of ${s.result.eigenvalues.length}: λ = ${s.result.eigenvalues[k].toPrecision(4)}, P = ${s.result.participation[k].toPrecision(3)} · ${s.source.label}`,
  } : null);
}
