// How particles and curves are shown: colour mode and range, arrows and their magnification, extra plot panels.
import { useSoftSpotStore } from '../../state/softSpotStore.ts';
import { useState } from 'react';
import { COLOR_MODES, COLOR_MODE_LABELS, useViewStore, type ColorMode } from '../../state/viewStore.ts';

function RangeInput({ index }: { index: 0 | 1 }) {
  const range = useViewStore((s) => s.range);
  const auto = useViewStore((s) => s.autoRange);
  const set = useViewStore((s) => s.set);
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (range ? String(range[index]) : '');
  const invalid = text !== null && text.trim() !== '' && !Number.isFinite(Number(text));
  return (
    <input
      className="range-input" data-testid={index === 0 ? 'range-min' : 'range-max'} value={shown} aria-invalid={invalid || undefined}
      placeholder={auto ? auto[index].toPrecision(3) : 'auto'}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        if (t.trim() === '') { set({ range: null }); return; }
        const x = Number(t);
        if (!Number.isFinite(x)) return;
        const base: [number, number] = range ?? auto ?? [0, 1];
        const next: [number, number] = index === 0 ? [x, base[1]] : [base[0], x];
        if (next[0] < next[1]) set({ range: next });
      }}
      onBlur={() => setText(null)}
    />
  );
}

export function ViewControls() {
  const v = useViewStore();
  const continuous = v.colorMode === 'd2min' || v.colorMode === 'displacement' || v.colorMode === 'speed' || v.colorMode === 'kappa';
  const hasKappa = useSoftSpotStore((s) => s.elastic.result !== null); // κ_i: once the Soft spots' elastic analysis is done
  return (
    <div className="view-controls">
      <label>
        Colour
        <select data-testid="color-mode" value={v.colorMode} onChange={(e) => v.set({ colorMode: e.target.value as ColorMode })}>
          {COLOR_MODES.map((m, k) => <option key={m} value={m} disabled={m === 'kappa' && !hasKappa && v.colorMode !== 'kappa'}>{k + 1} · {COLOR_MODE_LABELS[m]}</option>)}
        </select>
      </label>
      {continuous ? (
        <span className="range" title="colour range (blank: automatic)">
          range <RangeInput index={0} /> – <RangeInput index={1} />
          <label><input type="checkbox" checked={v.logScale} onChange={(e) => v.set({ logScale: e.target.checked })} /> log</label>
        </span>
      ) : null}
      <label title="Off: the view keeps its frame while the engine runs (fastest)"><input type="checkbox" data-testid="live-view" checked={v.liveView} onChange={(e) => v.set({ liveView: e.target.checked })} /> live</label>
      <label><input type="checkbox" data-testid="arrows" checked={v.arrows} onChange={(e) => v.set({ arrows: e.target.checked })} /> arrows</label>
      {v.arrows ? (
        <label>
          ×<input type="number" className="range-input" data-testid="magnification" min={0.1} max={1000} step={1} value={v.magnification}
            onChange={(e) => { const m = Number(e.target.value); if (m > 0 && m <= 1000) v.set({ magnification: m }); }} />
        </label>
      ) : null}
    </div>
  );
}

export function PlotToggles() {
  const v = useViewStore();
  return (
    <div className="view-controls">
      <label><input type="checkbox" data-testid="show-energy" checked={v.showEnergy} onChange={(e) => v.set({ showEnergy: e.target.checked })} /> E(t) − E_final</label>
      <label><input type="checkbox" data-testid="show-slope" checked={v.showLocalSlope} onChange={(e) => v.set({ showLocalSlope: e.target.checked })} /> local slope</label>
    </div>
  );
}
