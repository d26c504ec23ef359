// The per-sample rows of the soft-spot studies as CSV (issue 11): one inherent structure per row for the nonlinear
// statistics (003 §V: κ, τ, χ, e of π4 and π3, the bound ratio τ3²/(3κ3χ3)), one state per row for the annealing
// study (004 Fig. 3: T_p, G, mean κ_ij, energy per particle). A `# glasslab …, spec = {…}` comment line comes first.
import type { ElasticStudyResult, NonlinearStatisticsResult } from '../../engine/lab/protocol.ts';
import { runSpecToJson } from '../shareLinkSpec.ts';

const num = (x: number): string => (Number.isNaN(x) ? 'nan' : Number.isFinite(x) ? String(x) : x > 0 ? 'inf' : '-inf');

export const NONLINEAR_ROWS_HEADER = 'seed,lambda,kappa4,tau4,chi4,e4,residual4,kappa3,tau3,chi3,e3,residual3,overlap_pi4_psi,overlap_pi3_pi4,converged,bound_ratio,cutoff_share3';

export function nonlinearRowsCsv(r: NonlinearStatisticsResult): string {
  const lines = [`# glasslab nonlinear statistics (003 §V), spec = ${JSON.stringify(runSpecToJson(r.spec))}`, NONLINEAR_ROWS_HEADER];
  for (const s of r.rows) {
    lines.push([
      String(s.seed), num(s.lambda), num(s.kappa4), num(s.tau4), num(s.chi4), num(s.e4), num(s.residual4),
      num(s.kappa3), num(s.tau3), num(s.chi3), num(s.e3), num(s.residual3), num(s.overlapWithHarmonic), num(s.overlapWithQuartic),
      s.converged ? '1' : '0', num((s.tau3 * s.tau3) / (3 * s.kappa3 * s.chi3)), s.cutoffShare3 === undefined ? '' : num(s.cutoffShare3),
    ].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export const ANNEALING_ROWS_HEADER = 'T_p,sample,shear_modulus,mean_kappa,energy_per_particle';

export function annealingRowsCsv(r: ElasticStudyResult): string {
  const lines = [`# glasslab annealing study (004 Fig. 3), spec = ${JSON.stringify(runSpecToJson(r.spec))}`, ANNEALING_ROWS_HEADER];
  for (const p of r.points) {
    const { shearModulus: g, kappa: k, energyPerParticle: e } = p.perSample;
    for (let i = 0; i < g.length; i++) lines.push([num(p.temperature), String(i), num(g[i]), num(k[i]), num(e[i] ?? NaN)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
