// The page's handle on the lab engine: start a job, pause, resume, stop, listen. The engine runs in a module Web Worker
// (labWorker.ts) — or, for Node tests, in this thread through inProcessPort (src/engine/lab/inProcess.ts).
import type { EngineChoice, LabCommand, LabEvent, LabJob } from './protocol.ts';

/** Where commands go and events come from: a Worker, or an in-process runner. */
export interface LabPort {
  post(command: LabCommand): void;
  listen(listener: (event: LabEvent) => void): void;
  close(): void;
}

/** The lab worker behind a LabPort. */
export function workerPort(): LabPort {
  const worker = new Worker(new URL('./labWorker.ts', import.meta.url), { type: 'module' });
  return {
    post: (command) => worker.postMessage(command),
    listen: (listener) => { worker.onmessage = (m: MessageEvent<LabEvent>) => listener(m.data); },
    close: () => worker.terminate(),
  };
}

export interface StartOptions {
  /** Least time between two frames (default 100 ms); 0: no frames. */
  frameIntervalMs?: number;
}

let runCounter = 0;

export class LabClient {
  private readonly listeners = new Set<(event: LabEvent) => void>();
  private runId: string | null = null;

  /** Default: the lab worker. */
  constructor(private readonly port: LabPort = workerPort()) {
    port.listen((event) => { for (const l of [...this.listeners]) l(event); });
  }

  /** The run id of the latest start. */
  get currentRun(): string | null {
    return this.runId;
  }

  /** Starts a job (stopping the one running, which ends with `stopped`); returns its run id, carried by all its events. */
  start(job: LabJob, engine: EngineChoice = 'auto', options: StartOptions = {}): string {
    const runId = `run-${++runCounter}-${Math.random().toString(36).slice(2, 8)}`;
    this.runId = runId;
    this.port.post({ type: 'start', runId, job, engine, ...(options.frameIntervalMs !== undefined ? { frameIntervalMs: options.frameIntervalMs } : {}) });
    return runId;
  }

  pause(): void { this.send('pause'); }
  resume(): void { this.send('resume'); }
  stop(): void { this.send('stop'); }

  /** Every event of every run; returns the unsubscribe function. */
  onEvent(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Stops the run and ends the worker. */
  dispose(): void {
    this.stop();
    this.listeners.clear();
    this.port.close();
  }

  private send(type: 'pause' | 'resume' | 'stop'): void {
    if (this.runId) this.port.post({ type, runId: this.runId });
  }
}
