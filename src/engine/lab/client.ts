// The page's handle on the lab engine: start a job, pause, resume, stop, listen. The engine runs in a module Web Worker
// (labWorker.ts) — or, for Node tests, in this thread through inProcessPort (src/engine/lab/inProcess.ts).
import type { ElasticStudyJob, EngineChoice, HarmonicJob, LabCommand, LabEvent, LabJob, ModesJob, NonlinearStatisticsJob, ScalingJob } from './protocol.ts';

/** Where commands go and events come from: a Worker, or an in-process runner. */
export interface LabPort {
  post(command: LabCommand): void;
  listen(listener: (event: LabEvent) => void): void;
  /** The engine itself failed (an uncaught error in the worker, a message it could not read): `message` says what. */
  onCrash?(listener: (message: string) => void): void;
  close(): void;
}

/** What a Worker's `error` event says, in one line. */
export function crashMessage(e: { message?: string; filename?: string; lineno?: number } | null | undefined): string {
  const where = e?.filename ? ` (${e.filename.split('/').pop()}:${e.lineno ?? '?'})` : '';
  return `${e?.message || 'the worker failed to load or threw'}${where}`.slice(0, 200);
}

/** The lab worker behind a LabPort. */
export function workerPort(): LabPort {
  const worker = new Worker(new URL('./labWorker.ts', import.meta.url), { type: 'module' });
  return {
    post: (command) => worker.postMessage(command),
    listen: (listener) => { worker.onmessage = (m: MessageEvent<LabEvent>) => listener(m.data); },
    onCrash: (listener) => {
      worker.onerror = (e: ErrorEvent) => { e.preventDefault(); listener(crashMessage(e)); };
      worker.onmessageerror = () => listener('a message from the engine could not be read');
    },
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
  /** The run still going (not yet done, stopped or failed): the one a crash ends. */
  private active: string | null = null;
  private port: LabPort;

  /** Default: the lab worker; a factory makes a fresh engine after a crash. */
  constructor(port: LabPort | (() => LabPort) = workerPort) {
    this.makePort = typeof port === 'function' ? port : null;
    this.port = this.attach(typeof port === 'function' ? port() : port);
  }

  private readonly makePort: (() => LabPort) | null;

  private attach(port: LabPort): LabPort {
    port.listen((event) => {
      if (event.runId === this.active && (event.type === 'result' || event.type === 'stopped' || event.type === 'error')) this.active = null;
      this.emit(event);
    });
    port.onCrash?.((message) => this.crashed(port, message));
    return port;
  }

  private emit(event: LabEvent): void {
    for (const l of [...this.listeners]) l(event);
  }

  /** The engine failed: the running job ends with an error that says so, and the next start gets a fresh engine. */
  private crashed(port: LabPort, message: string): void {
    if (port !== this.port) return; // an engine already replaced
    const runId = this.active;
    this.active = null;
    if (this.makePort) {
      port.close();
      this.port = this.attach(this.makePort());
    }
    if (runId) this.emit({ type: 'error', runId, message: `the lab engine crashed: ${message}. Press Run to start again` });
  }

  /** The run id of the latest start. */
  get currentRun(): string | null {
    return this.runId;
  }

  /** Starts a job (stopping the one running, which ends with `stopped`); returns its run id, carried by all its events. */
  start(job: LabJob | ScalingJob | HarmonicJob | ModesJob | ElasticStudyJob | NonlinearStatisticsJob, engine: EngineChoice = 'auto', options: StartOptions = {}): string {
    const runId = `run-${++runCounter}-${Math.random().toString(36).slice(2, 8)}`;
    this.runId = runId;
    this.active = runId;
    this.port.post({ type: 'start', runId, job, engine, ...(options.frameIntervalMs !== undefined ? { frameIntervalMs: options.frameIntervalMs } : {}) });
    return runId;
  }

  pause(): void { this.send('pause'); }
  resume(): void { this.send('resume'); }
  /** `analyse`: a single quench ends where it is and its configuration is analysed ("stop and analyse"). */
  stop(analyse = false): void {
    if (this.runId) this.port.post({ type: 'stop', runId: this.runId, ...(analyse ? { analyse } : {}) });
  }

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

  private send(type: 'pause' | 'resume'): void {
    if (this.runId) this.port.post({ type, runId: this.runId });
  }
}
