// How many steps the next chunk encodes: long enough that submissions and readbacks cost little, short enough that a chunk
// takes about `targetMs` (the page stays responsive, progress arrives) and that a neighbor-list halt wastes little.

export interface ChunkSizerOptions {
  /** Most steps in one chunk (default 4096). */
  maxSteps?: number;
  /** GPU time a chunk should take (default 100 ms). */
  targetMs?: number;
  /** Steps of the first chunk (default 16). */
  firstSteps?: number;
}

export interface ChunkSizer {
  /** Steps for the next chunk. */
  next(): number;
  /** A chunk of `steps` steps kept the GPU busy for `busyMs` and ran to its end. */
  completed(steps: number, busyMs: number): void;
  /** The chunk halted for a list rebuild `sinceRebuild` steps after the previous one. */
  halted(sinceRebuild: number): void;
}

export function chunkSizer(options: ChunkSizerOptions = {}): ChunkSizer {
  const maxSteps = options.maxSteps ?? 4096;
  const targetMs = options.targetMs ?? 100;
  if (!(Number.isInteger(maxSteps) && maxSteps >= 1)) throw new Error(`steps per chunk must be a positive integer, got ${maxSteps}`);
  if (!(targetMs > 0)) throw new Error(`chunk time must be positive, got ${targetMs}`);
  let steps = Math.min(maxSteps, options.firstSteps ?? 16);
  let msPerStep = 0;
  return {
    next: () => steps,
    completed(done, busyMs) {
      if (done > 0) msPerStep = busyMs / done;
      const byTime = msPerStep > 0 ? Math.floor(targetMs / msPerStep) : 2 * steps;
      steps = Math.max(1, Math.min(maxSteps, 2 * steps, byTime));
    },
    halted(sinceRebuild) {
      // Rebuilds come at roughly regular intervals while the motion is steady: aim a little past the next one.
      steps = Math.max(4, Math.min(maxSteps, Math.ceil(1.25 * sinceRebuild), 2 * steps));
    },
  };
}
