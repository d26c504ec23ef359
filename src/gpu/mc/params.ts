// The McParams uniform of shaders/mcbindings.wgsl, packed byte for byte.
import type { Box } from '../../physics/space.ts';
import { TWO_POW_32 } from '../fixedPoint.ts';
import type { CheckerboardGrid } from './checkerboard.ts';

export interface McParams {
  readonly box: Box;
  readonly grid: CheckerboardGrid;
  readonly particleCount: number;
  readonly capacity: number;
  readonly temperature: number;
  readonly swapProbability: number;
  readonly maxDisplacement: number;
  readonly maxSwapDiameterDifference: number;
  readonly trialsPerParticle: number;
  readonly seed: number;
  readonly stream: number;
  readonly pairCells: boolean;
}

export const MC_PARAMS_BYTES = 112;

/** struct McParams: four vec4s (m_a, M_a, L_a·2⁻³², δ_max·2³²/L_a), then twelve scalars. */
export function packMcParams(p: McParams): ArrayBuffer {
  const bytes = new ArrayBuffer(MC_PARAMS_BYTES);
  const u = new Uint32Array(bytes);
  const f = new Float32Array(bytes);
  for (let a = 0; a < 4; a++) {
    const used = a < p.box.dim;
    u[a] = used ? p.grid.cellsPerAxis[a] : 1;
    u[4 + a] = used ? p.grid.sublatticePerAxis[a] : 1;
    f[8 + a] = used ? p.box.lengths[a] / TWO_POW_32 : 0;
    f[12 + a] = used ? (p.maxDisplacement * TWO_POW_32) / p.box.lengths[a] : 0;
  }
  u[16] = p.particleCount;
  u[17] = p.grid.cellCount;
  u[18] = p.grid.sublatticeCount;
  u[19] = p.capacity;
  f[20] = 1 / p.temperature;
  f[21] = p.swapProbability;
  f[22] = p.maxSwapDiameterDifference;
  u[23] = p.trialsPerParticle;
  u[24] = p.seed >>> 0;
  u[25] = p.stream >>> 0;
  u[26] = p.pairCells ? 1 : 0;
  return bytes;
}
