// The lecture script (issue 13): an ordered list of presets with one talking point each, stepped through with the arrow keys.
// A default script ships; the lecturer edits it as text or opens one from a link (src/io/lectureScriptLink.ts).
import { create } from 'zustand';
import type { LectureScript } from '../io/lectureScriptLink.ts';

/** Hot liquid → β ≈ 0.92 → colder, defects thin out → cold glass, β ≈ 1, defects vanish → the same story in 3D. */
export const DEFAULT_LECTURE_SCRIPT: LectureScript = {
  title: 'From a hot liquid to a cold glass',
  steps: [
    { preset: 'soft2d-hot', note: 'A hot liquid, quenched: the mean speed decays as a power law, β ≈ 0.92, and many particles rearrange (defects).' },
    { preset: 'harmonic2d-inf', note: 'Even from T = ∞ the exponent is the same, β ≈ 0.92: it belongs to the landscape, not to the liquid.' },
    { preset: 'soft2d-tdef', note: 'Cooler, near T_def ≈ 0.25: the descent starts deeper and the defects thin out.' },
    { preset: 'soft2d-cold', note: 'A cold glass: the minimum is near, the descent is harmonic, β ≈ 1 = β_harm, and the defects vanish.' },
    { preset: 'soft3d-hot', note: 'In 3D the hot liquid gives β ≈ 0.85: the slow relaxation does not depend on the dimension\'s details.' },
  ],
};

interface LectureScriptStore {
  script: LectureScript;
  /** The step shown (0-based), or null while the script is not being stepped through. */
  index: number | null;
  /** Where the script came from, for the panel's title line. */
  source: 'default' | 'edited' | 'link';
  setScript(script: LectureScript, source: 'default' | 'edited' | 'link'): void;
  /** Moves to step `index` (clamped to the script); returns the step's index, or null when the script is empty. */
  goTo(index: number): number | null;
  close(): void;
}

export const useLectureScriptStore = create<LectureScriptStore>()((set, get) => ({
  script: DEFAULT_LECTURE_SCRIPT,
  index: null,
  source: 'default',
  setScript: (script, source) => set({ script, source, index: null }),
  goTo: (index) => {
    const n = get().script.steps.length;
    if (n === 0) return null;
    const k = Math.min(Math.max(index, 0), n - 1);
    set({ index: k });
    return k;
  },
  close: () => set({ index: null }),
}));
