// Which engine runs a job — the one policy of the page and every CLI command (docs/ARCHITECTURE.md, "One engine policy"):
// 'auto' (and 'gpu') take the WebGPU engine when an adapter exists and fall back to float64 with one line that says why; CG
// always runs on float64; a GPU that fails mid-job (not physics) hands the rest of the job to float64 with a note. The device
// is kept in a pool between jobs (acquiring one takes time).
import { acquireGpu, type GpuContext } from '../../gpu/device.ts';
import type { Algorithm } from '../../physics/descent/quench.ts';
import type { EngineName, EngineChoice, LabEvent } from './protocol.ts';

export interface GpuPool {
  /** The pooled device, acquired on first use (or again after a loss); throws a clear Error when there is none. */
  get(): Promise<GpuContext>;
  /** Drops the pooled device (after a failure): the next get() acquires a new one. */
  discard(): void;
  /** Frees the device for good. */
  close(): void;
}

export interface GpuPoolOptions {
  /**
   * For tests: 'no-adapter' acts as if no adapter existed; 'lost' loses the device after the first chunk of the job's first GPU
   * quench. Default: the environment variable GLASSLAB_GPU_FAILURE in Node.
   */
  simulateFailure?: string;
  /** How long to wait for a device before falling back (default 30 s). */
  acquireTimeoutMs?: number;
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

function simulatedFailure(options: GpuPoolOptions): string | undefined {
  return options.simulateFailure ?? (typeof process !== 'undefined' ? process.env?.GLASSLAB_GPU_FAILURE : undefined);
}

/** A GPU device within `ms`, or a clear error; a device that arrives late is freed. 'no-adapter' simulates having none. */
export async function acquireWithin(ms: number, simulated: string | undefined): Promise<GpuContext> {
  if (simulated === 'no-adapter') throw new Error('no WebGPU adapter (simulated by GLASSLAB_GPU_FAILURE=no-adapter)');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const acquiring = acquireGpu();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no GPU device after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([acquiring, timeout]);
  } catch (e) {
    acquiring.then((late) => late.destroy(), () => undefined); // a device that arrives after the timeout is freed
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Node only: a process that held a Dawn device may be kept alive by it after its work is done. Call at the very end of a
 * command: if the process has not exited `graceMs` later, it exits with its exit code. The timer itself holds nothing.
 */
export function exitIfHeldOpen(graceMs = 2000): void {
  if (typeof process === 'undefined' || typeof setTimeout === 'undefined') return;
  const timer = setTimeout(() => process.exit(), graceMs);
  (timer as { unref?: () => void }).unref?.();
}

export function createGpuPool(options: GpuPoolOptions = {}): GpuPool {
  const simulated = simulatedFailure(options);
  const timeoutMs = options.acquireTimeoutMs ?? 30_000;
  let current: Promise<GpuContext> | null = null;
  const acquire = (): Promise<GpuContext> => acquireWithin(timeoutMs, simulated);
  const drop = () => {
    const held = current;
    current = null;
    held?.then((g) => g.destroy(), () => undefined);
  };
  return {
    async get() {
      if (current) {
        try {
          (await current).assertAlive();
          return await current;
        } catch {
          drop();
        }
      }
      current = acquire();
      try {
        return await current;
      } catch (e) {
        current = null;
        throw e;
      }
    },
    discard: drop,
    close: drop,
  };
}

/** The engine of one job: the GPU while it works, float64 after a fallback. */
export class LabEngine {
  /** GLASSLAB_GPU_FAILURE=lost: the device is lost after the first GPU chunk (once). */
  private loseAfterFirstChunk: boolean;
  private simulatedLoss = false;

  private constructor(
    private context: GpuContext | null,
    private readonly pool: GpuPool,
    private readonly announce: (event: Omit<Extract<LabEvent, { type: 'engine' }>, 'runId'>) => void,
    simulated: string | undefined,
  ) {
    this.loseAfterFirstChunk = simulated === 'lost';
  }

  get name(): EngineName {
    return this.context ? 'gpu' : 'cpu';
  }

  /** The device while the GPU engine runs the job. */
  get gpu(): GpuContext | null {
    return this.context;
  }

  /**
   * Picks the engine for a job whose quenches use `algorithms`, and announces it (one `engine` event, with a note whenever the
   * choice differs from the preference or part of the job runs elsewhere).
   */
  static async open(
    preference: EngineChoice, algorithms: readonly Algorithm[], pool: GpuPool, announce: LabEngine['announce'], options: GpuPoolOptions = {},
  ): Promise<LabEngine> {
    const gpuAlgorithms = algorithms.filter((a) => a !== 'cg');
    const notes: string[] = [];
    let context: GpuContext | null = null;
    if (preference !== 'cpu') {
      if (algorithms.length > 0 && gpuAlgorithms.length === 0) notes.push('conjugate gradient runs on the float64 engine only');
      else {
        try {
          context = await pool.get();
        } catch (e) {
          notes.push(`GPU unavailable (${errorText(e)}): running on the float64 engine`);
        }
        if (context && gpuAlgorithms.length < algorithms.length) notes.push('cg runs on the float64 engine; sd and fire on the GPU');
      }
    }
    const engine = new LabEngine(context, pool, announce, simulatedFailure(options));
    announce({ type: 'engine', engine: engine.name, ...(context ? { adapter: context.adapterName } : {}), ...(notes.length ? { note: notes.join('; ') } : {}) });
    return engine;
  }

  /** Called after each GPU chunk: with GLASSLAB_GPU_FAILURE=lost, the first one loses the device (tests of the fallback). */
  afterGpuChunk(): void {
    if (!this.loseAfterFirstChunk || !this.context) return;
    this.loseAfterFirstChunk = false;
    this.simulatedLoss = true;
    this.context.destroy();
  }

  /** After a GPU failure that is not physics: the rest of the job runs on float64, and the page is told why. */
  fallBack(what: string, error: unknown): void {
    if (!this.context) return;
    this.context = null;
    this.pool.discard();
    const cause = this.simulatedLoss ? `${errorText(error)}, simulated by GLASSLAB_GPU_FAILURE=lost` : errorText(error);
    this.announce({ type: 'engine', engine: 'cpu', note: `GPU ${what} failed (${cause}): running on the float64 engine` });
  }
}
