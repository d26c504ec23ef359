// The plots' look: Okabe–Ito colours (safe for the common colour-vision deficiencies), sized for a projector, on the page's
// dark background; `large` is lecture mode (bigger type, thicker lines). Shared by every plot so they read as one family.
import type { Config, Layout, LayoutAxis } from 'plotly.js-dist-min';

/** Okabe & Ito (2008), ordered for contrast on a dark background (the darker blue and vermillion last). */
export const PALETTE = ['#56B4E9', '#E69F00', '#009E73', '#CC79A7', '#F0E442', '#D55E00', '#0072B2'] as const;

export const INK = '#e2e8f0';
export const MUTED = '#94a3b8';
export const GRID = 'rgba(148, 163, 184, 0.18)';
export const PLOT_BG = '#0f172a';
/** The fit window band. */
export const BAND = 'rgba(226, 232, 240, 0.10)';
export const BAND_EDGE = 'rgba(226, 232, 240, 0.45)';
/** Reference lines (harmonic prediction, precision floor). */
export const REFERENCE = '#cbd5e1';

export function curveColor(index: number, explicit?: string): string {
  return explicit ?? PALETTE[index % PALETTE.length];
}

export interface PlotSizes {
  font: number;
  tickFont: number;
  line: number;
  marker: number;
  fitLine: number;
  annotation: number;
}

export function plotSizes(large = false): PlotSizes {
  return large
    ? { font: 22, tickFont: 20, line: 3.5, marker: 8, fitLine: 5, annotation: 28 }
    : { font: 15, tickFont: 13, line: 2, marker: 5, fitLine: 3, annotation: 18 };
}

/** The layout every plot starts from: transparent paper, dark plot area, one font, a legend without a box. */
export function baseLayout(large = false): Partial<Layout> {
  const s = plotSizes(large);
  return {
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: PLOT_BG,
    font: { family: "system-ui, -apple-system, 'Segoe UI', sans-serif", size: s.font, color: INK },
    // The top margin holds Plotly's mode bar (shown on hover) so it never covers the plot's own labels.
    margin: large ? { l: 100, r: 24, t: 40, b: 80 } : { l: 72, r: 16, t: 32, b: 56 },
    showlegend: true,
    legend: { bgcolor: 'rgba(15, 23, 42, 0.75)', borderwidth: 0, font: { size: s.tickFont } },
    hovermode: 'closest',
    // Keep the user's zoom across live updates (Plotly.react with the same uirevision).
    uirevision: 'glasslab',
  };
}

/** An axis in the house style; `log` for the power-law plots. */
export function axis(title: string, large = false, extra: Partial<LayoutAxis> = {}): Partial<LayoutAxis> {
  const s = plotSizes(large);
  return {
    title: { text: title, font: { size: s.font }, standoff: large ? 14 : 8 },
    tickfont: { size: s.tickFont, color: INK },
    gridcolor: GRID,
    zeroline: false,
    showline: true,
    linecolor: MUTED,
    ticks: 'outside',
    tickcolor: MUTED,
    automargin: true,
    ...extra,
  };
}

export const PLOT_CONFIG: Partial<Config> = {
  displaylogo: false,
  responsive: true,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines', 'hoverClosestCartesian', 'hoverCompareCartesian'],
};
