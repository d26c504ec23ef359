// How a displacement field (a normal mode, a soft-spot field) is shown on the particles: arrows, play/pause and the amplitude.
// `prefix` names the test ids (landscape-arrows, softspot-arrows, …); `enabled`: whether the field is shown at all.
import type { ReactNode } from 'react';

export interface FieldDisplay { arrows: boolean; playing: boolean; amplitude: number }

export function FieldDisplayControls({ prefix, enabled, value, onChange, arrowsLabel, children }: {
  prefix: string; enabled: boolean; value: FieldDisplay; onChange: (patch: Partial<FieldDisplay>) => void; arrowsLabel: ReactNode; children?: ReactNode;
}) {
  return (
    <div className="mode-display" data-testid={`${prefix}-display`}>
      {children}
      <label><input type="checkbox" data-testid={`${prefix}-arrows`} checked={value.arrows} disabled={!enabled} onChange={(e) => onChange({ arrows: e.target.checked })} /> {arrowsLabel}</label>
      <button type="button" data-testid={`${prefix}-play`} disabled={!enabled} aria-pressed={value.playing} onClick={() => onChange({ playing: !value.playing })}>
        {value.playing ? 'Pause animation' : 'Animate'}
      </button>
      <label title="the largest particle displacement of the animation, in mean diameters">
        amplitude
        <input type="range" data-testid={`${prefix}-amplitude`} min={0.05} max={0.6} step={0.05} value={value.amplitude} disabled={!enabled}
          onChange={(e) => onChange({ amplitude: Number(e.target.value) })} />
        <span className="mode-amplitude">{value.amplitude.toFixed(2)}⟨d⟩</span>
      </label>
    </div>
  );
}
