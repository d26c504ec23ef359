// Pause, resume and stop for a lab job: the job checks in between slices of work (≤ ~30 ms on the CPU), yielding to the
// event loop so the worker can read the page's next message (docs/ARCHITECTURE.md hazard 6: the UI must stay responsive).

/** What a running job asks of its controller. */
export interface JobControl {
  paused(): boolean;
  stopped(): boolean;
  /** "Stop and analyse": end the quench where it is, then analyse that configuration (single quenches only). */
  finishing(): boolean;
  /** Resolves once the job is resumed or stopped. */
  waitWhilePaused(): Promise<void>;
}

/** Thrown inside a job when it notices a stop; runJob turns it into one `stopped` event. */
export class JobStopped extends Error {
  constructor() {
    super('stopped');
  }
}

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/**
 * A macrotask boundary: setImmediate in Node, a MessageChannel in browsers and workers (setTimeout(0) is clamped to 4 ms
 * there once nested), so pending messages (pause, stop) run before the next slice.
 */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') return new Promise((resolve) => { immediate(resolve); });
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => { waiting.push(resolve); port.postMessage(null); });
}

/** The controller the runner holds for one job. */
export class RunControl implements JobControl {
  private isPaused = false;
  private isStopped = false;
  private isFinishing = false;
  private wakers: (() => void)[] = [];

  paused(): boolean {
    return this.isPaused && !this.isStopped && !this.isFinishing;
  }

  stopped(): boolean {
    return this.isStopped;
  }

  finishing(): boolean {
    return this.isFinishing;
  }

  /** Stop and analyse: the quench ends at its next check, the analysis runs; a pause is lifted. */
  finish(): void {
    this.isFinishing = true;
    this.wake();
  }

  pause(): void {
    this.isPaused = true;
  }

  resume(): void {
    this.isPaused = false;
    this.wake();
  }

  stop(): void {
    this.isStopped = true;
    this.wake();
  }

  waitWhilePaused(): Promise<void> {
    if (!this.paused()) return Promise.resolve();
    return new Promise((resolve) => {
      this.wakers.push(resolve);
    });
  }

  private wake(): void {
    for (const w of this.wakers.splice(0)) w();
  }
}
