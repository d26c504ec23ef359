// The McParams uniform of shaders/mcbindings.wgsl, packed byte for byte (the layout helper is shared with SystemParams).
import { TWO_POW_32 } from '../fixedPoint.ts';
import { packUniform, type SystemParams } from '../systemParams.ts';
import type { CheckerboardGrid } from './checkerboard.ts';

/** The trial settings of a sampler (GpuMonteCarlo exposes them under the same names). */
export interface McTrialSettings {
  /** T > 0. */
  readonly temperature: number;
  /** The Philox key word of every random number of the run. */
  readonly seed: number;
  /** P_swap. */
  readonly swapProbability: number;
  /** δ_max: each coordinate moves uniformly in ±δ_max. */
  readonly maxDisplacement: number;
  /** An exchange is proposed when |d_i − d_j| is below this. */
  readonly maxSwapDiameterDifference: number;
  readonly trialsPerParticle: number;
  /** Swaps also between randomly paired cells of one color. */
  readonly pairCells: boolean;
}

export interface McParams extends McTrialSettings, Pick<SystemParams, 'box' | 'particleCount'> {
  readonly grid: CheckerboardGrid;
  readonly capacity: number;
  readonly stream: number;
}

export const MC_PARAMS_BYTES = 112;

/** struct McParams: four vec4s (m_a, M_a, L_a·2⁻³², δ_max·2³²/L_a; 1, 1, 0, 0 on unused axes), then twelve scalars. */
export function packMcParams(p: McParams): ArrayBuffer {
  const L = p.box.lengths;
  return packUniform(MC_PARAMS_BYTES, p.box.dim, [
    { u: (a) => p.grid.cellsPerAxis[a], unused: 1 }, { u: (a) => p.grid.sublatticePerAxis[a], unused: 1 },
    { f: (a) => L[a] / TWO_POW_32, unused: 0 }, { f: (a) => (p.maxDisplacement * TWO_POW_32) / L[a], unused: 0 },
  ], [
    { u: p.particleCount }, { u: p.grid.cellCount }, { u: p.grid.sublatticeCount }, { u: p.capacity },
    { f: 1 / p.temperature }, { f: p.swapProbability }, { f: p.maxSwapDiameterDifference }, { u: p.trialsPerParticle },
    { u: p.seed >>> 0 }, { u: p.stream >>> 0 }, { u: p.pairCells ? 1 : 0 },
  ]);
}
