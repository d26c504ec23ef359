// glasslab analyze: defects φ_i (001 SM III), D²min and the distance between an initial and a final configuration.
import { d2min } from '../../physics/analysis/d2min.ts';
import { defectFlags } from '../../physics/analysis/defects.ts';
import { inherentStructureDistance } from '../../physics/analysis/distance.ts';
import { defectCutoff } from '../../engine/defectCutoff.ts';
import { numberOption, parseOptions, requireString, UsageError } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';

export const analyzeHelp = `glasslab analyze --initial A --final B [--model M] [--x-cut-eq X] [--d2min-cutoff C] --json
  Per-particle φ_i and D²min, ⟨φ⟩, and the distance sqrt((1/N) Σ|r_i^A − r_i^B|²).`;

export async function analyzeCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    initial: { type: 'string' }, final: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' },
    'x-cut-eq': { type: 'string' }, 'd2min-cutoff': { type: 'string' }, json: { type: 'boolean' },
  });
  const pa = requireString(v, 'initial');
  const pb = requireString(v, 'final');
  const a = await loadConfiguration(pa, v.format as string | undefined);
  const b = await loadConfiguration(pb, v.format as string | undefined);
  const model = resolveModel((v.model as string | undefined) ?? a.model ?? b.model, a, pa);
  const ca = a.configuration, cb = b.configuration;
  if (ca.diameters.length !== cb.diameters.length) throw new UsageError(`${pa} has ${ca.diameters.length} particles but ${pb} has ${cb.diameters.length}`);
  let xCutEq: number;
  let cutoffSource: string;
  if (v['x-cut-eq'] !== undefined) {
    xCutEq = numberOption(v, 'x-cut-eq');
    cutoffSource = 'given';
  } else {
    ({ xCutEq, source: cutoffSource } = defectCutoff(ca, model));
  }
  const cutoff = numberOption(v, 'd2min-cutoff', 1.5);
  const defects = defectFlags(ca, cb, model, { xCutEq });
  const d2 = d2min(ca, cb, model, { cutoff });
  return {
    model: model.name, n: ca.diameters.length, xCutEq, cutoffSource, d2minCutoff: cutoff,
    concentration: defects.concentration, distance: inherentStructureDistance(ca, cb),
    phi: Array.from(defects.flags), breakings: Array.from(defects.breakings), insertions: Array.from(defects.insertions),
    d2min: Array.from(d2, (x) => (Number.isFinite(x) ? x : null)),
  };
}
