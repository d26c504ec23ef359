// The preset gallery: one click loads a figure's run spec (and its shipped equilibrated state) and runs it.
import { PRESETS, presetSpec, type Preset } from '../../engine/presets.ts';
import type { LabController } from '../../state/labController.ts';
import { useSpecStore } from '../../state/specStore.ts';
import { useViewStore } from '../../state/viewStore.ts';
import { useLandscapeStore } from '../../state/landscapeStore.ts';

export function applyPreset(p: Preset): void {
  const { engineClass, loadSpec, setField } = useSpecStore.getState();
  loadSpec(presetSpec(p, engineClass), p.id);
  setField('job', 'single');
  useSpecStore.setState({ presetId: p.id });
  useViewStore.getState().set({ colorMode: p.colorMode, range: null });
  // A landscape preset computes normal modes when its quench is done (src/state/landscapeController.ts).
  useLandscapeStore.getState().set(p.landscape
    ? { computeWhenDone: true, countText: String(p.landscape.count), autoPick: p.landscape.pick, show: true, playing: true }
    : { computeWhenDone: false, autoPick: 'lowest' });
}

export function PresetGallery({ controller }: { controller: LabController }) {
  const active = useSpecStore((s) => s.presetId);
  const engineClass = useSpecStore((s) => s.engineClass);
  return (
    <nav className="presets" aria-label="Presets">
      {PRESETS.map((p) => (
        <button key={p.id} type="button" data-testid={`preset-${p.id}`} className={active === p.id ? 'preset active' : 'preset'}
          title={`${p.figure} · N = ${engineClass === 'gpu' ? p.nGpu : p.nCpu}`}
          onClick={() => { applyPreset(p); void controller.run(); }}>
          <span className="preset-title">{p.title}</span>
          <span className="preset-expect">{p.expect}</span>
          <span className="preset-needs" data-testid={`preset-needs-${p.id}`}>{p.needs}</span>
        </button>
      ))}
    </nav>
  );
}
