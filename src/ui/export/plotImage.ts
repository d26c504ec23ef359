// The velocity plot as PNG or SVG, through Plotly's own image export of the plot on the page.
import { loadPlotly, type Plotly } from '../views/plots/loadPlotly.ts';

export const VELOCITY_PLOT_SELECTOR = '[data-testid="velocity-plot"] .js-plotly-plot';

/** Downloads the velocity plot as `<filename>.<format>`; throws a clear Error when no plot is on the page. */
export async function downloadVelocityPlot(format: 'png' | 'svg', filename: string, load: () => Promise<Plotly> = loadPlotly): Promise<void> {
  const graph = document.querySelector<HTMLElement>(VELOCITY_PLOT_SELECTOR);
  if (!graph) throw new Error('the velocity plot is not on the page (show the plot, then export it)');
  const plotly = await load();
  await plotly.downloadImage(graph, { format, filename, width: null, height: null });
}
