// The nonlinear-statistics study (003 §V) in three panels: (a) the histogram of κ3/κ4 with the line κ3 = κ4 (003 Fig. 7a:
// κ3 ≈ 1.3 κ4, above 1 in > 99.5%), (b) τ3² against 3κ3χ3 with the bound y = x of Eq. (32) and the fraction above it
// printed (003 Fig. 8: 6.6%, 4.6%, 0.5% as T_p falls), (c) χ4 against N e4 with the fitted power law (003 Fig. 2: χ4 ~ (N e4)⁻¹).
import type { Data, Layout } from 'plotly.js-dist-min';
import type { NonlinearSampleRow } from '../../../engine/lab/protocol.ts';
import { CUTOFF_ARTEFACT_SHARE, type NonlinearStatistics } from '../../../physics/nonlinear/statistics.ts';
import type { Figure } from './figure.ts';
import { axis, baseLayout, curveColor, MUTED, PLOT_CONFIG, plotSizes, REFERENCE } from './theme.ts';

export interface NonlinearFigureInput {
  n: number;
  rows: readonly NonlinearSampleRow[];
  statistics: NonlinearStatistics;
  large?: boolean;
}

/** The plotted numbers of each sample: κ3/κ4, τ3², 3κ3χ3, N e4, χ4. */
export function nonlinearPoints(n: number, rows: readonly NonlinearSampleRow[]) {
  return {
    stiffnessRatio: rows.map((r) => r.kappa3 / r.kappa4),
    tau3Squared: rows.map((r) => r.tau3 * r.tau3),
    boundScale: rows.map((r) => 3 * r.kappa3 * r.chi3),
    localization: rows.map((r) => n * r.e4),
    chi4: rows.map((r) => r.chi4),
    /** Whether π3 is a cutoff artefact (most of τ3 from pairs at their cutoff); false where not measured. */
    atCutoff: rows.map((r) => r.cutoffShare3 !== undefined && Math.abs(r.cutoffShare3) > CUTOFF_ARTEFACT_SHARE),
  };
}

/** "τ3² > 3κ3χ3 in 7 of 12 (58.3%)": the fraction of cubic modes breaking 003 Eq. (32). */
export function boundBrokenText(statistics: NonlinearStatistics): string {
  const broken = Math.round(statistics.boundBroken * statistics.samples);
  const all = `τ3² > 3κ3χ3 in ${broken} of ${statistics.samples} (${(100 * statistics.boundBroken).toFixed(1)}%)`;
  const a = statistics.awayFromCutoff;
  if (!a || a.cutoffModes === 0) return all;
  const kept = a.samples ? `${Math.round(a.boundBroken * a.samples)} of ${a.samples} (${(100 * a.boundBroken).toFixed(1)}%)` : 'none left';
  return `${all}; without the ${a.cutoffModes} cutoff-artefact modes ${kept}`;
}

function span(values: readonly number[]): [number, number] {
  const ok = values.filter((v) => v > 0 && Number.isFinite(v));
  if (ok.length === 0) return [1e-3, 1];
  return [Math.min(...ok) / 1.5, Math.max(...ok) * 1.5];
}

export function buildNonlinearStatisticsFigure({ n, rows, statistics, large = false }: NonlinearFigureInput): Figure {
  const s = plotSizes(large);
  const p = nonlinearPoints(n, rows);
  const marker = (k: number) => ({ color: curveColor(k), size: s.marker + 2, opacity: 0.8 });
  const [lo, hi] = span([...p.tau3Squared, ...p.boundScale]);
  const [nlo, nhi] = span(p.localization);
  const data: Data[] = [
    { type: 'histogram', uid: 'stiffness-ratio', name: 'κ3/κ4', x: p.stiffnessRatio, xaxis: 'x', yaxis: 'y', marker: { color: curveColor(0) }, showlegend: false,
      hovertemplate: 'κ3/κ4 %{x}<br>%{y} samples<extra></extra>' } as Data,
    { type: 'scatter', mode: 'markers', uid: 'bound-scatter', name: 'cubic modes', x: p.boundScale.filter((_, k) => !p.atCutoff[k]), y: p.tau3Squared.filter((_, k) => !p.atCutoff[k]),
      xaxis: 'x2', yaxis: 'y2', marker: marker(1), showlegend: false, hovertemplate: '3κ3χ3 = %{x:.3g}<br>τ3² = %{y:.3g}<extra></extra>' } as Data,
    { type: 'scatter', mode: 'markers', uid: 'bound-cutoff', name: 'π3 on a pair at its cutoff', x: p.boundScale.filter((_, k) => p.atCutoff[k]), y: p.tau3Squared.filter((_, k) => p.atCutoff[k]),
      xaxis: 'x2', yaxis: 'y2', marker: { ...marker(5), symbol: 'x' }, showlegend: p.atCutoff.some(Boolean), hovertemplate: 'cutoff artefact<br>3κ3χ3 = %{x:.3g}<br>τ3² = %{y:.3g}<extra></extra>' } as Data,
    { type: 'scatter', mode: 'lines', uid: 'bound-line', name: 'τ² = 3κχ (003 Eq. 32)', x: [lo, hi], y: [lo, hi], xaxis: 'x2', yaxis: 'y2', line: { color: REFERENCE, width: s.line, dash: 'dash' }, hoverinfo: 'skip' } as Data,
    { type: 'scatter', mode: 'markers', uid: 'chi4', name: 'quartic modes', x: p.localization, y: p.chi4, xaxis: 'x3', yaxis: 'y3', marker: marker(2), showlegend: false,
      hovertemplate: 'N e4 = %{x:.3g}<br>χ4 = %{y:.3g}<extra></extra>' } as Data,
  ];
  const fit = statistics.chi4VsNe4;
  if (fit && Number.isFinite(fit.slope)) {
    data.push({ type: 'scatter', mode: 'lines', uid: 'chi4-fit', name: `χ4 ~ (N e4)^${fit.slope.toFixed(2)}`, x: [nlo, nhi], y: [nlo, nhi].map((x) => Math.exp(fit.intercept + fit.slope * Math.log(x))),
      xaxis: 'x3', yaxis: 'y3', line: { color: curveColor(2), width: s.line }, hoverinfo: 'skip' } as Data);
  }
  const base = baseLayout(large);
  const note = (x: number, text: string) => ({ text, xref: 'paper' as const, yref: 'paper' as const, x, y: 1.0, xanchor: 'center' as const, yanchor: 'bottom' as const, showarrow: false, font: { size: s.tickFont, color: MUTED } });
  const layout: Partial<Layout> = {
    ...base,
    height: Math.round(360 * (large ? 1.35 : 1)),
    legend: { ...base.legend, orientation: 'h', x: 0.5, xanchor: 'center', y: -0.25, yanchor: 'top' },
    xaxis: axis('κ3 / κ4', large, { domain: [0, 0.28], anchor: 'y' }),
    yaxis: axis('samples', large, { anchor: 'x' }),
    xaxis2: axis('3 κ3 χ3', large, { type: 'log', domain: [0.36, 0.64], anchor: 'y2' }),
    yaxis2: axis('τ3²', large, { type: 'log', anchor: 'x2' }),
    xaxis3: axis('N e4', large, { type: 'log', domain: [0.72, 1], anchor: 'y3' }),
    yaxis3: axis('χ4', large, { type: 'log', anchor: 'x3' }),
    shapes: [{ type: 'line', xref: 'x', yref: 'paper', x0: 1, x1: 1, y0: 0, y1: 1, line: { color: REFERENCE, width: s.line, dash: 'dash' } }],
    annotations: [
      note(0.14, `κ3 > κ4 in ${(100 * statistics.stiffnessRatio.fractionAbove1).toFixed(1)}%`),
      note(0.5, boundBrokenText(statistics)),
      note(0.86, fit ? `slope ${fit.slope.toFixed(2)} (003: −1)` : 'fit needs ≥ 3 samples'),
    ],
  };
  return { data, layout, config: PLOT_CONFIG };
}
