// The colour legend: a DOM overlay over the canvas (gradient bar with min/max ticks, or swatches),
// and the small notice shown while a mode has no data.
import type { CSSProperties } from 'react';
import { cssGradient } from './colormap.ts';
import type { ColorInfo } from './coloring.ts';
import { BOND_COLORS } from './bonds.ts';

/** Compact tick label: 3 significant digits, exponent form for very small or large magnitudes. */
export function formatTick(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-2) {
    const [m, e] = v.toExponential(2).split('e');
    return `${+m}e${+e}`;
  }
  return String(+v.toPrecision(3));
}

const panel = (large: boolean): CSSProperties => ({
  position: 'absolute',
  left: large ? 16 : 10,
  bottom: large ? 16 : 10,
  padding: large ? '10px 14px' : '6px 9px',
  background: 'rgba(15, 23, 42, 0.8)',
  color: '#e2e8f0',
  border: '1px solid rgba(148, 163, 184, 0.35)',
  borderRadius: large ? 10 : 6,
  font: `${large ? 22 : 12}px/1.25 system-ui, -apple-system, 'Segoe UI', sans-serif`,
  pointerEvents: 'none',
  userSelect: 'none',
});

export interface LegendProps {
  info: ColorInfo | null;
  large?: boolean;
  /** One more line under a continuous scale (e.g. how D²min is defined where a neighbourhood is degenerate). */
  note?: string;
}

export function Legend({ info, large = false, note }: LegendProps) {
  if (!info || info.kind === 'missing') return null;
  if (info.kind === 'categorical') {
    const sw = large ? 20 : 11;
    return (
      <div data-testid="particles-legend" style={panel(large)}>
        {info.categories.map((c) => (
          <div key={c.label} style={{ display: 'flex', alignItems: 'center', gap: large ? 10 : 6 }}>
            <span style={{ width: sw, height: sw, borderRadius: '50%', background: c.color, border: '1px solid rgba(0,0,0,0.45)', flex: 'none' }} />
            <span>{c.label}</span>
          </div>
        ))}
      </div>
    );
  }
  const [lo, hi] = info.range;
  const barW = large ? 260 : 150;
  const barH = large ? 18 : 10;
  return (
    <div data-testid="particles-legend" style={panel(large)}>
      <div style={{ fontWeight: 600, marginBottom: large ? 6 : 3 }}>
        {info.label}
        {info.log ? <span style={{ fontWeight: 400, opacity: 0.75 }}> (log)</span> : null}
      </div>
      <div style={{ width: barW, height: barH, background: cssGradient(info.table), borderRadius: 2, border: '1px solid rgba(0,0,0,0.4)' }} />
      <div style={{ display: 'flex', justifyContent: 'space-between', width: barW, marginTop: 2, fontVariantNumeric: 'tabular-nums' }}>
        <span data-testid="particles-legend-min">{formatTick(lo)}</span>
        <span data-testid="particles-legend-max">{formatTick(hi)}</span>
      </div>
      {note ? <div data-testid="particles-legend-note" style={{ maxWidth: barW, opacity: 0.85, marginTop: 2 }}>{note}</div> : null}
    </div>
  );
}

export function MissingNotice({ message, large = false }: { message: string; large?: boolean }) {
  return (
    <div
      data-testid="particles-notice"
      style={{
        ...panel(large),
        left: '50%',
        bottom: 'auto',
        top: large ? 16 : 10,
        transform: 'translateX(-50%)',
        whiteSpace: 'nowrap',
        fontStyle: 'italic',
      }}
    >
      {message}
    </div>
  );
}

/** The bonds' scale (./bonds.ts), top right (the colour legend sits bottom left): κ_ij from soft to stiff over its 2nd–98th percentile. */
export function BondLegend({ range, large = false, label = 'bonds: κ_ij (004 Fig. 2)' }: { range: readonly [number, number]; large?: boolean; label?: string }) {
  const barW = large ? 220 : 130;
  return (
    <div data-testid="particles-bond-legend" style={{ ...panel(large), left: 'auto', bottom: 'auto', top: large ? 16 : 10, right: large ? 16 : 10 }}>
      <div style={{ fontWeight: 600, marginBottom: large ? 6 : 3 }}>{label}</div>
      <div style={{ width: barW, height: large ? 18 : 10, background: cssGradient(BOND_COLORS), borderRadius: 2, border: '1px solid rgba(0,0,0,0.4)' }} />
      <div style={{ display: 'flex', justifyContent: 'space-between', width: barW, marginTop: 2, fontVariantNumeric: 'tabular-nums' }}>
        <span>{formatTick(range[0])} soft</span>
        <span>stiff {formatTick(range[1])}</span>
      </div>
    </div>
  );
}
