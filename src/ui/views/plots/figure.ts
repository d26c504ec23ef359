// What the figure builders return and the plot hook draws.
import type { Config, Data, Layout } from 'plotly.js-dist-min';

export interface Figure {
  data: Data[];
  layout: Partial<Layout>;
  config?: Partial<Config>;
}
