// The options of a GPU quench (src/gpu/quench.ts) and what it reports while it runs: the float64 quench's options
// (src/physics/descent/quench.ts) plus the GPU's chunking, neighbor list and snapshot hooks. A file of its own so that the quench
// and its chunk loop (src/gpu/quenchLoop.ts) both import it, and not each other.
import type { QuenchOptions } from '../physics/descent/quench.ts';
import type { ChunkSizerOptions } from './chunkSizer.ts';

/** Progress after every chunk. */
export interface GpuQuenchProgress {
  step: number;
  /** SD: physical time; FIRE: fictive time. */
  t: number;
  /** Steps the quench may take at most (SD: up to t_max). */
  lastStep: number;
  /** ⟨|v|⟩ at the latest sample. */
  speed: number;
  chunkSteps: number;
  chunkMs: number;
  neighborListBuilds: number;
}

export interface GpuQuenchOptions extends QuenchOptions {
  /** Called after every chunk has been read back. */
  onChunk?: (p: GpuQuenchProgress) => void;
  chunks?: ChunkSizerOptions;
  /** Verlet skin (default as the float64 landscape: DEFAULT_SKIN × the largest s_ij, src/physics/forces.ts). */
  skin?: number;
  neighborCapacity?: number;
  /** Chunks in flight at once (default 2: the next one is encoded while the GPU runs the last one). */
  pipelineDepth?: number;
  /** Awaited before new chunks are submitted (chunks in flight still finish): a pause holds the quench here. */
  beforeChunk?: () => Promise<void>;
  /**
   * Current positions (original particle order, float64 decoded from fixed point, wrapped into the box), read back between
   * chunks at most every `positionsIntervalMs` without waiting for them; `step` is the state's step (the readback is queued
   * behind the chunks already submitted).
   */
  onPositions?: (snapshot: PositionSnapshot) => void;
  /** Least time between two position readbacks (default 100 ms). */
  positionsIntervalMs?: number;
}

export interface PositionSnapshot {
  positions: Float64Array;
  /** |f_i| per particle at the same step (the SD speed |v_i|). */
  speeds?: Float32Array;
  step: number;
  /** SD: step·Δt; FIRE: fictive time as of the last chunk read back (an estimate). */
  t: number;
}
