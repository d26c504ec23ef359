// The equilibrate job: only the equilibrium state of a run spec (000 App. A.1) — uniform random positions at T = ∞, else
// spec.sweeps of swap Monte Carlo from spec.seed on the job's engine — with its record of E/N and acceptance rates.
import { getModel } from '../../physics/models.ts';
import type { RunSpec } from '../runSpec.ts';
import { toConfigurationData } from './configurationData.ts';
import type { JobContext } from './context.ts';
import { equilibrateOnEngine } from './equilibration.ts';
import type { EquilibrateResult } from './protocol.ts';

export async function runEquilibrateJob(ctx: JobContext, spec: RunSpec): Promise<EquilibrateResult> {
  const t0 = performance.now();
  const eq = await equilibrateOnEngine(ctx, getModel(spec.model), spec, 'equilibrium state');
  ctx.unitDone();
  const ran = Number.isFinite(spec.temperature) ? spec.sweeps : 0;
  return {
    kind: 'equilibrate', spec, engine: ctx.engine.name, final: toConfigurationData(eq.configuration), sweeps: ran,
    energyPerParticle: eq.energyPerParticle, acceptance: eq.acceptance ? { ...eq.acceptance } : null, record: eq.record,
    seconds: (performance.now() - t0) / 1000,
  };
}
