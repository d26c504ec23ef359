// The landscape results of a run as files (issue 10): the W-level table of normal modes along the quench (002 §III A) as CSV
// and JSON, and normal modes as extended XYZ with per-particle vector columns mode_1 … mode_K — the same file
// `glasslab modes --out` writes, which OVITO draws as arrows and ASE reads (test/aseInterop.test.ts).
import type { ConfigurationData, LandscapeLevelRow } from '../../engine/lab/protocol.ts';
import type { RunSpec } from '../../engine/runSpec.ts';
import type { ParticleColumn } from '../extendedXyz.ts';
import { writeConfigurationText } from '../format.ts';
import { runSpecToJson } from '../shareLinkSpec.ts';
import { configurationOf } from './configurationExport.ts';
import { jsonText } from './jsonText.ts';

export const LEVELS_CSV_HEADER = 'log10_level,W,t,fu,fu_error,fu_method,lowest_eigenvalue,unstable_participation';

const num = (x: number | null): string => (x === null || Number.isNaN(x) ? 'nan' : Number.isFinite(x) ? String(x) : x > 0 ? 'inf' : '-inf');

/** One row per W level; `# glasslab landscape levels, spec = {…}` first when the spec is given. */
export function landscapeLevelsCsv(rows: readonly LandscapeLevelRow[], spec?: RunSpec): string {
  const lines: string[] = [];
  if (spec) lines.push(`# glasslab landscape levels (002 §III A), spec = ${JSON.stringify(runSpecToJson(spec))}`);
  lines.push(LEVELS_CSV_HEADER);
  for (const r of rows) {
    lines.push([num(Math.log10(r.level)), num(r.w), num(r.t), num(r.fu), num(r.fuError), r.method, num(r.lowestEigenvalue), num(r.participation)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** { format: 'glasslab-landscape-levels', version: 1, spec, levels: [...] }. */
export function landscapeLevelsJson(rows: readonly LandscapeLevelRow[], spec?: RunSpec): string {
  return jsonText({ format: 'glasslab-landscape-levels', version: 1, ...(spec ? { spec: runSpecToJson(spec) } : {}), levels: rows });
}

export interface ModesXyzOptions {
  model?: string;
  temperature?: number;
  /** The modes' eigenvalues, written to the info line as mode_eigenvalues (optional). */
  eigenvalues?: readonly number[];
}

/** The state with columns mode_1 … mode_K (D components per particle each). */
export function modesXyz(state: ConfigurationData, vectors: readonly Float64Array[], o: ModesXyzOptions = {}): string {
  const n = state.diameters.length, d = state.dim;
  const columns: Record<string, ParticleColumn> = {};
  vectors.forEach((v, k) => {
    if (v.length !== n * d) throw new Error(`mode ${k + 1} has ${v.length} components, not N·D = ${n * d}`);
    columns[`mode_${k + 1}`] = v;
  });
  const info = o.eigenvalues ? { mode_eigenvalues: o.eigenvalues.map((l) => l.toPrecision(10)).join(' ') } : undefined;
  return writeConfigurationText(configurationOf(state), 'modes.xyz', {
    ...(o.model ? { model: o.model } : {}), ...(o.temperature !== undefined && Number.isFinite(o.temperature) ? { temperature: o.temperature } : {}),
    columns, ...(info ? { info } : {}),
  });
}
