// Which engine runs a quench: the WebGPU engine (src/gpu/quench.ts) or the float64 reference (src/physics/descent/quench.ts).
// 'auto' takes the GPU when an adapter exists. Whenever the GPU is missing or fails (no adapter, lost device, a system it
// cannot hold, a timeout), one line says so and the float64 engine runs instead; physics errors are not retried.
import { acquireGpu, type GpuContext } from '../gpu/device.ts';
import { quenchGpu, type GpuQuenchOptions } from '../gpu/quench.ts';
import type { Configuration } from '../physics/configuration.ts';
import { quench, validateQuenchOptions, type Algorithm, type QuenchResult } from '../physics/descent/quench.ts';
import { isPhysicsError } from '../physics/errors.ts';
import type { Model } from '../physics/models.ts';

export const ENGINES = ['gpu', 'cpu', 'auto'] as const;
export type EngineChoice = (typeof ENGINES)[number];
export type EngineName = 'gpu' | 'cpu';

export interface EngineQuenchResult extends QuenchResult {
  engine: EngineName;
  /** The GPU adapter, when the GPU ran it. */
  adapter?: string;
}

export interface QuenchEngine {
  /** The engine the next quench will use ('cpu' for good after a GPU failure). */
  readonly current: EngineName;
  readonly adapter: string | null;
  /** One line per fallback that happened, in order. */
  readonly notes: readonly string[];
  quench(model: Model, c: Configuration, options: GpuQuenchOptions): Promise<EngineQuenchResult>;
  /** Frees the GPU device, if one was acquired. */
  close(): void;
}

export interface EngineOptions {
  /** Where each fallback is announced (one line); default: nowhere (they are kept in `notes`). */
  notify?: (line: string) => void;
  /** How long to wait for a GPU device before falling back (default 30 s). */
  acquireTimeoutMs?: number;
  /**
   * For tests: 'no-adapter' acts as if no adapter existed; 'lost' loses the device after the first chunk of the first GPU
   * quench. Default: the environment variable GLASSLAB_GPU_FAILURE.
   */
  simulateFailure?: string;
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
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

// The float64 reference quench (src/physics/descent/quench.ts), asynchronous only in form.
async function cpuQuench(model: Model, c: Configuration, options: GpuQuenchOptions): Promise<EngineQuenchResult> {
  return { ...quench(model, c, options), engine: 'cpu' };
}

/** An engine for quenches with `algorithm`; never throws for a missing GPU (it falls back). */
export async function openQuenchEngine(choice: EngineChoice, algorithm: Algorithm, options: EngineOptions = {}): Promise<QuenchEngine> {
  const notes: string[] = [];
  const note = (line: string) => { notes.push(line); options.notify?.(line); };
  const simulated = options.simulateFailure ?? (typeof process !== 'undefined' ? process.env.GLASSLAB_GPU_FAILURE : undefined);
  let gpu: GpuContext | null = null;
  if (choice !== 'cpu') {
    if (algorithm === 'cg') {
      if (choice === 'gpu') note('the GPU engine runs sd and fire; cg runs on the float64 engine');
    } else {
      try {
        gpu = await acquireWithin(options.acquireTimeoutMs ?? 30_000, simulated);
      } catch (e) {
        note(`GPU unavailable (${errorText(e)}): running on the float64 engine`);
      }
    }
  }
  let loseAfterFirstChunk = simulated === 'lost';
  const engine: QuenchEngine = {
    get current() { return gpu ? 'gpu' : 'cpu'; },
    get adapter() { return gpu?.adapterName ?? null; },
    notes,
    async quench(model, c, quenchOptions) {
      validateQuenchOptions(quenchOptions); // a user's mistake is not a GPU failure
      const context = gpu;
      if (!context) return cpuQuench(model, c, quenchOptions);
      const onChunk: GpuQuenchOptions['onChunk'] = loseAfterFirstChunk
        ? (p) => { loseAfterFirstChunk = false; context.destroy(); quenchOptions.onChunk?.(p); }
        : quenchOptions.onChunk;
      try {
        const r = await quenchGpu(model, c, { ...quenchOptions, onChunk }, context);
        return { ...r, engine: 'gpu', adapter: context.adapterName };
      } catch (e) {
        if (isPhysicsError(e)) throw e; // the physics: the float64 engine would say the same
        const cause = simulated === 'lost' ? `${errorText(e)}, simulated by GLASSLAB_GPU_FAILURE=lost` : errorText(e);
        note(`GPU quench failed (${cause}): running on the float64 engine`);
        context.destroy();
        gpu = null;
        return cpuQuench(model, c, quenchOptions);
      }
    },
    close() {
      gpu?.destroy();
      gpu = null;
    },
  };
  return engine;
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
