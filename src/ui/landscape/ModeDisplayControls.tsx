// How the picked mode is shown on the particles: on/off (off restores the run's view), arrows, play/pause and the amplitude.
import { useLandscapeStore } from '../../state/landscapeStore.ts';
import { FieldDisplayControls } from './FieldDisplayControls.tsx';

export function ModeDisplayControls() {
  const s = useLandscapeStore();
  return (
    <FieldDisplayControls prefix="landscape" enabled={s.show} value={s} onChange={s.set} arrowsLabel={<>arrows e<sub>i</sub></>}>
      <label><input type="checkbox" data-testid="landscape-show" checked={s.show} onChange={(e) => s.set({ show: e.target.checked })} /> show the mode on the particles</label>
    </FieldDisplayControls>
  );
}
