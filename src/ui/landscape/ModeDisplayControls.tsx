// How the picked mode is shown on the particles: on/off (off restores the run's view), arrows, play/pause and the amplitude.
import { useLandscapeStore } from '../../state/landscapeStore.ts';

export function ModeDisplayControls() {
  const s = useLandscapeStore();
  return (
    <div className="mode-display" data-testid="mode-display">
      <label><input type="checkbox" data-testid="landscape-show" checked={s.show} onChange={(e) => s.set({ show: e.target.checked })} /> show the mode on the particles</label>
      <label><input type="checkbox" data-testid="landscape-arrows" checked={s.arrows} disabled={!s.show} onChange={(e) => s.set({ arrows: e.target.checked })} /> arrows e<sub>i</sub></label>
      <button type="button" data-testid="landscape-play" disabled={!s.show} aria-pressed={s.playing} onClick={() => s.set({ playing: !s.playing })}>
        {s.playing ? 'Pause animation' : 'Animate'}
      </button>
      <label title="the largest particle displacement of the animation, in mean diameters">
        amplitude
        <input type="range" data-testid="landscape-amplitude" min={0.05} max={0.6} step={0.05} value={s.amplitude} disabled={!s.show}
          onChange={(e) => s.set({ amplitude: Number(e.target.value) })} />
        <span className="mode-amplitude">{s.amplitude.toFixed(2)}⟨d⟩</span>
      </label>
    </div>
  );
}
