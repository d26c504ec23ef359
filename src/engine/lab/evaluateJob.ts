// The evaluate job: the energy and forces of a given configuration exactly as given (no minimization), on the job's engine —
// the GPU landscape (src/gpu/forces.ts: fixed-point positions, float32 forces) or the float64 one (src/physics/forces.ts).
import { GpuLandscape } from '../../gpu/forces.ts';
import type { Configuration } from '../../physics/configuration.ts';
import { maxParticleForce } from '../../physics/descent/state.ts';
import { isPhysicsError } from '../../physics/errors.ts';
import { createLandscape, energyAndForces } from '../../physics/forces.ts';
import { getModel, type Model } from '../../physics/models.ts';
import type { RunSpec } from '../runSpec.ts';
import { fromConfigurationData } from './configurationData.ts';
import type { JobContext } from './context.ts';
import type { ConfigurationData, EvaluateResult } from './protocol.ts';

// docs/PHYSICS.md §1: E = Σ_{i<j} U(r_ij; d_ij) and f_i = −∂E/∂r_i, in float64 on the host.
function evaluateOnCpu(model: Model, c: Configuration): { energy: number; forces: Float64Array } {
  const forces = new Float64Array(c.positions.length);
  const energy = energyAndForces(createLandscape(model, c), c.positions.slice(), forces);
  return { energy, forces };
}

async function evaluateOnGpu(ctx: JobContext, model: Model, c: Configuration): Promise<{ energy: number; forces: Float64Array }> {
  const gpu = ctx.engine.gpu;
  if (!gpu) throw new Error('internal: no GPU');
  const land = await GpuLandscape.create(model, c, { gpu });
  try {
    return await land.energyAndForces();
  } finally {
    land.destroy();
  }
}

export async function runEvaluateJob(ctx: JobContext, spec: RunSpec, startData: ConfigurationData): Promise<EvaluateResult> {
  const t0 = performance.now();
  const model = getModel(spec.model);
  const c = fromConfigurationData(startData, model, spec.n);
  ctx.phase('analyze', 'energy and forces');
  let out: { energy: number; forces: Float64Array } | null = null;
  if (ctx.engine.gpu) {
    try {
      out = await evaluateOnGpu(ctx, model, c);
    } catch (e) {
      if (isPhysicsError(e)) throw e;
      ctx.engine.fallBack('evaluation', e);
    }
  }
  out ??= evaluateOnCpu(model, c);
  ctx.unitDone();
  return {
    kind: 'evaluate', spec, engine: ctx.engine.name, energy: out.energy, forces: out.forces, maxForce: maxParticleForce(out.forces, model.dim),
    seconds: (performance.now() - t0) / 1000,
  };
}
