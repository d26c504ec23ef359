// Per-particle results of one quench (001 SM III defects φ_i; Falk–Langer D²min, 000 ref. 62), in float64 in the worker.
import { d2min } from '../../physics/analysis/d2min.ts';
import { defectFlags } from '../../physics/analysis/defects.ts';
import type { Configuration } from '../../physics/configuration.ts';
import type { Model } from '../../physics/models.ts';
import { defectCutoff } from '../defectCutoff.ts';
import type { ParticleResults } from './protocol.ts';

/**
 * 001 SM III (φ_i with x_cut^EQ from g(x) of the initial state, src/engine/defectCutoff.ts) and 000 ref. 62 (D²min, cutoff
 * 1.5 d_ij). `between` runs between the three parts (each ~0.2–0.8 s at N = 64000), so a worker can take messages.
 */
export async function particleResults(
  model: Model, initial: Configuration, final: Configuration, between: () => Promise<void> = async () => undefined,
): Promise<ParticleResults> {
  const { xCutEq, source } = defectCutoff(initial, model);
  await between();
  const defects = defectFlags(initial, final, model, { xCutEq });
  await between();
  const displacements = d2min(initial, final, model);
  return { defectFlags: defects.flags, d2min: displacements, xCutEq, xCutSource: source, defectConcentration: defects.concentration };
}
