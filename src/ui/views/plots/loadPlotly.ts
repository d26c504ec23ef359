// Plotly (4.8 MB minified) is loaded on demand, once, so the lab page's main bundle stays small: the first plot to mount
// pays for it and every later plot reuses the same module.
import type * as PlotlyModule from 'plotly.js-dist-min';

export type Plotly = typeof PlotlyModule;

let loading: Promise<Plotly> | null = null;

export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-dist-min').then((m) => ((m as unknown as { default?: Plotly }).default ?? (m as unknown as Plotly)));
  return loading;
}
