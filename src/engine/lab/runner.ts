// The worker's dispatcher: one job at a time. `start` stops the running job first (it ends with `stopped`) and then runs the
// new one; pause, resume and stop address a run id, and commands for other run ids are ignored.
import { RunControl } from './control.ts';
import type { Emit } from './context.ts';
import { createGpuPool, type GpuPool } from './engines.ts';
import type { LabCommand, StartCommand } from './protocol.ts';
import { runJob, type LabEnv } from './runJob.ts';

interface Running { runId: string; control: RunControl; done: Promise<void>; single: boolean }

export class LabRunner {
  private current: Running | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly pool: GpuPool;

  constructor(private readonly emit: Emit, private readonly env: LabEnv = {}) {
    this.pool = env.gpu ?? createGpuPool(env);
  }

  handle(command: LabCommand): void {
    if (command.type === 'start') { this.start(command); return; }
    const run = this.current;
    if (!run || run.runId !== command.runId) return;
    if (command.type === 'pause') run.control.pause();
    else if (command.type === 'resume') run.control.resume();
    else if (command.analyse && run.single) run.control.finish();
    else run.control.stop();
  }

  /** Resolves when every job started so far has ended (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Stops the running job and frees the GPU device once it has ended. */
  async dispose(): Promise<void> {
    this.current?.control.stop();
    await this.queue;
    this.pool.close();
  }

  private start(command: StartCommand): void {
    this.current?.control.stop();
    const control = new RunControl();
    const previous = this.queue;
    const done = previous.then(() => runJob(command, this.emit, control, { ...this.env, gpu: this.pool })).finally(() => {
      if (this.current?.control === control) this.current = null;
    });
    this.current = { runId: command.runId, control, done, single: command.job?.kind === 'single' };
    this.queue = done;
  }
}
