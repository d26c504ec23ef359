// The nonlinear-statistics study (003 §V): M inherent structures at one preparation temperature — swap MC at T_p from the
// seeds sampleSeed(spec.seed, k), FIRE to max|f_i| < 1e-10 on the float64 engine — each with ψ, π4 and π3 (nonlinearJob.ts),
// then the statistics of src/physics/nonlinear/statistics.ts: κ3/κ4, the bound τ3² ≤ 3κ3χ3, χ4 against N e4.
import { quench } from '../../physics/descent/quench.ts';
import { getModel } from '../../physics/models.ts';
import { nonlinearStatistics } from '../../physics/nonlinear/statistics.ts';
import type { JobContext } from './context.ts';
import { equilibrateOnEngine } from './equilibration.ts';
import { analyseNonlinearModes } from './nonlinearJob.ts';
import type { NonlinearSampleRow, NonlinearStatisticsJob, NonlinearStatisticsResult } from './protocol.ts';
import { sampleSeed } from './sampleStatistics.ts';

/** The force tolerance of the study's quenches: well inside the nonlinear job's 1e-6 threshold. */
export const STUDY_FORCE_TOLERANCE = 1e-10;

export async function runNonlinearStatisticsJob(ctx: JobContext, job: NonlinearStatisticsJob): Promise<NonlinearStatisticsResult> {
  const t0 = performance.now();
  const { spec } = job;
  const model = getModel(spec.model);
  const rows: NonlinearSampleRow[] = [];
  for (let k = 0; k < job.samples; k++) {
    const seed = sampleSeed(spec.seed, k);
    const label = `sample ${k + 1}/${job.samples}: `;
    const eq = await equilibrateOnEngine(ctx, model, { n: spec.n, temperature: spec.temperature, sweeps: spec.sweeps, seed }, `sample ${k + 1}`);
    await ctx.checkpoint();
    ctx.phase('quench', `${label}FIRE to max|f_i| < ${STUDY_FORCE_TOLERANCE}`);
    const is = quench(model, eq.configuration, { algorithm: 'fire', forceTolerance: STUDY_FORCE_TOLERANCE, maxSteps: 1e6 }).final;
    await ctx.checkpoint();
    const a = await analyseNonlinearModes(ctx, model, is, job, label);
    rows.push({
      seed, lambda: a.harmonic.lambda,
      kappa4: a.quartic.kappa, tau4: a.quartic.tau, chi4: a.quartic.chi, e4: a.quartic.participation, residual4: a.quartic.residual,
      kappa3: a.cubic.kappa, tau3: a.cubic.tau, chi3: a.cubic.chi, e3: a.cubic.participation, residual3: a.cubic.residual,
      overlapWithHarmonic: a.quartic.overlapWithHarmonic, overlapWithQuartic: a.cubic.overlapWithQuartic,
      converged: a.quartic.converged && a.cubic.converged,
      ...(a.cubic.cutoffShare === undefined ? {} : { cutoffShare3: a.cubic.cutoffShare }),
    });
    ctx.unitDone();
  }
  const statistics = nonlinearStatistics(rows.map((r) => ({ n: spec.n, ...r })));
  return { kind: 'nonlinearStatistics', spec, engine: 'cpu', rows, statistics, seconds: (performance.now() - t0) / 1000 };
}
