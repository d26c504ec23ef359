// Which engine runs a lab job, with src/engine/quenchEngine.ts's policy: 'auto' (and 'gpu') take the WebGPU engine when an
// adapter exists and fall back to float64 with one line that says why; CG always runs on float64; a GPU that fails mid-job
// hands the rest of the job to float64 with a note. The device is kept in a pool between jobs (acquiring one takes time).
import { acquireWithin } from '../quenchEngine.ts';
import type { GpuContext } from '../../gpu/device.ts';
import type { Algorithm } from '../../physics/descent/quench.ts';
import type { EngineName, EnginePreference, LabEvent } from './protocol.ts';

export interface GpuPool {
  /** The pooled device, acquired on first use (or again after a loss); throws a clear Error when there is none. */
  get(): Promise<GpuContext>;
  /** Drops the pooled device (after a failure): the next get() acquires a new one. */
  discard(): void;
  /** Frees the device for good. */
  close(): void;
}

export interface GpuPoolOptions {
  /** 'no-adapter' acts as if no adapter existed (tests); default: GLASSLAB_GPU_FAILURE in Node. */
  simulateFailure?: string;
  /** How long to wait for a device before falling back (default 30 s). */
  acquireTimeoutMs?: number;
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

export function createGpuPool(options: GpuPoolOptions = {}): GpuPool {
  const simulated = options.simulateFailure ?? (typeof process !== 'undefined' ? process.env?.GLASSLAB_GPU_FAILURE : undefined);
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
  private constructor(
    private context: GpuContext | null,
    private readonly pool: GpuPool,
    private readonly announce: (event: Omit<Extract<LabEvent, { type: 'engine' }>, 'runId'>) => void,
  ) {}

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
    preference: EnginePreference, algorithms: readonly Algorithm[], pool: GpuPool, announce: LabEngine['announce'],
  ): Promise<LabEngine> {
    const gpuAlgorithms = algorithms.filter((a) => a !== 'cg');
    const notes: string[] = [];
    let context: GpuContext | null = null;
    if (preference !== 'cpu') {
      if (gpuAlgorithms.length === 0) notes.push('conjugate gradient runs on the float64 engine only');
      else {
        try {
          context = await pool.get();
        } catch (e) {
          notes.push(`GPU unavailable (${errorText(e)}): running on the float64 engine`);
        }
        if (context && gpuAlgorithms.length < algorithms.length) notes.push('cg runs on the float64 engine; sd and fire on the GPU');
      }
    }
    const engine = new LabEngine(context, pool, announce);
    announce({ type: 'engine', engine: engine.name, ...(context ? { adapter: context.adapterName } : {}), ...(notes.length ? { note: notes.join('; ') } : {}) });
    return engine;
  }

  /** After a GPU failure that is not physics: the rest of the job runs on float64, and the page is told why. */
  fallBack(what: string, error: unknown): void {
    if (!this.context) return;
    this.context = null;
    this.pool.discard();
    this.announce({ type: 'engine', engine: 'cpu', note: `GPU ${what} failed (${errorText(error)}): running on the float64 engine` });
  }
}
