// Panels stacked vertically on one shared x axis: their y-axis ids and vertical domains (paper fractions, top to bottom).

export interface PanelAxes {
  /** Trace reference: 'y', 'y2', … */
  ref: string;
  /** Layout key: 'yaxis', 'yaxis2', … */
  key: string;
  /** [bottom, top] in paper fractions. */
  domain: [number, number];
}

/** One entry per weight, top to bottom; heights proportional to the weights, `gap` (paper fraction) between panels. */
export function stackPanels(weights: readonly number[], gap = 0.07): PanelAxes[] {
  const n = weights.length;
  const g = n > 1 ? gap : 0;
  const usable = 1 - g * (n - 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const out: PanelAxes[] = [];
  let top = 1;
  weights.forEach((w, i) => {
    const bottom = i === n - 1 ? 0 : top - (usable * w) / total;
    out.push({ ref: i === 0 ? 'y' : `y${i + 1}`, key: i === 0 ? 'yaxis' : `yaxis${i + 1}`, domain: [bottom, top] });
    top = bottom - g;
  });
  return out;
}
