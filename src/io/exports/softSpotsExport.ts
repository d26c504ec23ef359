// Soft spots as files (seeds 003, 004): the nonlinear fields ψ, π4, π3 and the local stiffness κ_i as per-particle columns of
// extended XYZ (psi, pi4, pi3 as vectors, kappa_local as a scalar: the columns of `glasslab nonlinear/elastic --out`), and the
// dipole stiffness of every measured pair as CSV (i, j, kappa_ij; particle indices from 0, as in the XYZ file's order).
import type { ConfigurationData, ElasticResult, NonlinearResult } from '../../engine/lab/protocol.ts';
import type { ParticleColumn } from '../extendedXyz.ts';
import { formatReal } from '../text.ts';
import { configurationOf } from './configurationExport.ts';
import { assertFiniteColumn } from './finiteColumn.ts';
import { writeConfigurationText } from '../format.ts';

/** The nonlinear result's columns: psi, pi4, pi3 (unit fields, N·D). */
export function nonlinearColumns(fields: NonlinearResult['fields']): Record<string, ParticleColumn> {
  return { psi: fields.psi, pi4: fields.pi4, pi3: fields.pi3 };
}

/** The elastic result's column: kappa_local (κ_i, the mean κ_ij over i's measured pairs). */
export function elasticColumns(r: Pick<ElasticResult, 'localKappa'>): Record<string, ParticleColumn> {
  return { kappa_local: r.localKappa };
}

export interface SoftSpotsExport {
  nonlinear?: Pick<NonlinearResult, 'fields'> | null;
  elastic?: Pick<ElasticResult, 'localKappa'> | null;
}

/** Extended XYZ of the state the soft spots belong to, with whichever of psi, pi4, pi3 and kappa_local exist. */
export function softSpotsXyz(state: ConfigurationData, spots: SoftSpotsExport, o: { model?: string; temperature?: number } = {}): string {
  if (!spots.nonlinear && !spots.elastic) throw new Error('there are no soft spots to export (run the nonlinear modes or the elastic job first)');
  const columns = { ...(spots.nonlinear ? nonlinearColumns(spots.nonlinear.fields) : {}), ...(spots.elastic ? elasticColumns(spots.elastic) : {}) };
  for (const [name, values] of Object.entries(columns)) assertFiniteColumn(values, name);
  const T = o.temperature !== undefined && Number.isFinite(o.temperature) ? { temperature: o.temperature } : {};
  return writeConfigurationText(configurationOf(state), 'soft-spots.xyz', { model: o.model, ...T, columns });
}

/** CSV of the measured pairs: i,j,kappa_ij (every float64 written exactly). */
export function kappaPairsCsv(r: Pick<ElasticResult, 'pairFirst' | 'pairSecond' | 'pairKappa'>): string {
  const n = r.pairKappa.length;
  if (r.pairFirst.length !== n || r.pairSecond.length !== n) throw new Error(`the pair lists disagree: ${r.pairFirst.length}, ${r.pairSecond.length} and ${n} entries`);
  const lines = ['i,j,kappa_ij'];
  for (let p = 0; p < n; p++) lines.push(`${r.pairFirst[p]},${r.pairSecond[p]},${formatReal(r.pairKappa[p])}`);
  return lines.join('\n') + '\n';
}
