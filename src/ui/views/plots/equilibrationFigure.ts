// Swap Monte Carlo as it runs: E/N against MC sweep (stationarity is what equilibration is judged by, docs/PHYSICS.md §2).
import type { Data, Layout } from 'plotly.js-dist-min';
import type { Figure } from './figure.ts';
import { axis, baseLayout, curveColor, MUTED, PLOT_CONFIG, plotSizes } from './theme.ts';

export interface EquilibrationFigureInput {
  sweeps: ArrayLike<number>;
  energyPerParticle: ArrayLike<number>;
  /** The temperature of each record (a sweep job equilibrates at each T, and each sample, in turn); absent: one run. */
  temperature?: ArrayLike<number | null>;
  large?: boolean;
  height?: number;
}

/** The early records left out of the y range: those in the first tenth of each MC run's sweeps (the relaxation from the start). */
export const EARLY_FRACTION = 0.1;

interface McRun { temperature: number | null; x: number[]; y: number[] }

/** The records cut into MC runs: a new run where the temperature changes or the sweep count starts again. */
function mcRuns(sweeps: ArrayLike<number>, energy: ArrayLike<number>, temperature?: ArrayLike<number | null>): McRun[] {
  const runs: McRun[] = [];
  const n = Math.min(sweeps.length, energy.length);
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(sweeps[k]) || !Number.isFinite(energy[k])) continue;
    const T = temperature?.[k] ?? null;
    const last = runs[runs.length - 1];
    if (!last || last.temperature !== T || sweeps[k] <= last.x[last.x.length - 1]) runs.push({ temperature: T, x: [], y: [] });
    runs[runs.length - 1].x.push(sweeps[k]);
    runs[runs.length - 1].y.push(energy[k]);
  }
  return runs;
}

/**
 * One trace per temperature (its samples' MC runs side by side, broken between runs), never one line through all of them;
 * the y range covers the records past the first tenth of each run, so that the relaxation from an overlapping start
 * (E/N up to ~1e6 for r⁻¹² spheres) does not flatten the stationary part that equilibration is judged by.
 */
export function buildEquilibrationFigure({ sweeps, energyPerParticle, temperature, large = false, height }: EquilibrationFigureInput): Figure {
  const s = plotSizes(large);
  const runs = mcRuns(sweeps, energyPerParticle, temperature);
  const temps: (number | null)[] = [];
  for (const r of runs) if (!temps.includes(r.temperature)) temps.push(r.temperature);
  const several = temps.length > 1;
  const data: Data[] = temps.map((T, i) => {
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    for (const r of runs.filter((q) => q.temperature === T)) {
      if (x.length) { x.push(null); y.push(null); } // a break between samples at the same T
      x.push(...r.x);
      y.push(...r.y);
    }
    const color = curveColor(i);
    const name = T === null ? 'E/N' : `T = ${T}`;
    return {
      type: 'scatter', mode: 'lines+markers', uid: T === null ? 'energy' : `energy-T${T}`, name, x, y, connectgaps: false,
      line: { color, width: s.line }, marker: { color, size: s.marker },
      hovertemplate: `${T === null ? '' : `T = ${T}<br>`}sweep %{x}<br>E/N = %{y:.5f}<extra></extra>`,
    } as Data;
  });
  const all = runs.flatMap((r) => r.y);
  const settled = runs.flatMap((r) => r.y.filter((_, k) => r.x[k] > EARLY_FRACTION * r.x[r.x.length - 1]));
  const yRange = yRangeOf(settled.length ? settled : all);
  const offTop = yRange && Math.max(...all) > yRange[1];
  const layout: Partial<Layout> = {
    ...baseLayout(large),
    showlegend: several,
    height: height ?? (large ? 420 : 300),
    xaxis: axis('MC sweep', large, { rangemode: 'tozero' }),
    yaxis: axis('E/N', large, { exponentformat: 'none', ...(yRange ? { range: yRange, autorange: false } : {}) }),
    annotations: [
      ...(runs.length === 0 ? [{ text: 'no sweeps yet', xref: 'paper' as const, yref: 'paper' as const, x: 0.5, y: 0.5, showarrow: false, font: { size: s.font, color: MUTED } }] : []),
      ...(offTop ? [{
        text: `first sweeps off the top (E/N up to ${Math.max(...all).toPrecision(2)})`, xref: 'paper' as const, yref: 'paper' as const, x: 0, y: 1,
        xanchor: 'left' as const, yanchor: 'bottom' as const, showarrow: false, font: { size: s.tickFont, color: MUTED },
      }] : []),
    ],
  };
  return { data, layout, config: PLOT_CONFIG };
}

/** [min, max] padded by 5 % of the span (or of |value| for a flat line); null without points. */
function yRangeOf(y: number[]): [number, number] | null {
  if (y.length === 0) return null;
  const lo = Math.min(...y), hi = Math.max(...y);
  const pad = 0.05 * (hi > lo ? hi - lo : Math.max(Math.abs(hi), 1e-3));
  return [lo - pad, hi + pad];
}

/** "43.2 %" */
export function formatRate(rate: number): string {
  return Number.isFinite(rate) ? `${(100 * rate).toFixed(1)} %` : '—';
}
