// The curves of a run as CSV (curve,t,speed,energy_per_particle; a first comment line holds the spec) and as JSON.
import type { RunSpec } from '../../engine/runSpec.ts';
import { runSpecToJson } from '../shareLinkSpec.ts';
import { jsonText } from './jsonText.ts';

export interface NamedCurve {
  name: string;
  t: readonly number[];
  speed: readonly number[];
  energyPerParticle: readonly number[];
}

export const CURVES_CSV_HEADER = 'curve,t,speed,energy_per_particle';

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Shortest round-trip decimal; NaN and ±Infinity as nan, inf, -inf (numpy and pandas read them). */
function csvNumber(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return String(x);
}

/** One row per sample of every curve; `# glasslab curves, spec = {…}` first when the spec is given. */
export function curvesCsv(curves: readonly NamedCurve[], spec?: RunSpec): string {
  const lines: string[] = [];
  if (spec) lines.push(`# glasslab curves, spec = ${JSON.stringify(runSpecToJson(spec))}`);
  lines.push(CURVES_CSV_HEADER);
  for (const c of curves) {
    const name = csvField(c.name);
    for (let k = 0; k < c.t.length; k++) lines.push(`${name},${csvNumber(c.t[k])},${csvNumber(c.speed[k])},${csvNumber(c.energyPerParticle[k])}`);
  }
  return `${lines.join('\n')}\n`;
}

/** { format: 'glasslab-curves', version: 1, spec, curves: [{ name, t, speed, energyPerParticle }] } (non-finite values as null). */
export function curvesJson(curves: readonly NamedCurve[], spec?: RunSpec): string {
  return jsonText({
    format: 'glasslab-curves', version: 1,
    spec: spec ? runSpecToJson(spec) : null,
    curves: curves.map((c) => ({ name: c.name, t: [...c.t], speed: [...c.speed], energyPerParticle: [...c.energyPerParticle] })),
  }, { nonFinite: 'null' });
}
