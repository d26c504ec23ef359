// The lab engine in this thread (Node tests, scripts, the CLI): a LabPort around a LabRunner, no Worker, or one job run to its end. Events are delivered as the
// runner emits them; typed arrays are handed over as they are (nothing is transferred).
import type { LabPort } from './client.ts';
import { RunControl } from './control.ts';
import type { EngineChoice, Job, JobResult, LabEvent } from './protocol.ts';
import { LabRunner } from './runner.ts';
import { runJob, type LabEnv } from './runJob.ts';

export interface InProcessPort extends LabPort {
  /** Resolves when every job started so far has ended. */
  idle(): Promise<void>;
}

export function inProcessPort(env: LabEnv = {}): InProcessPort {
  let listener: (event: LabEvent) => void = () => undefined;
  const runner = new LabRunner((event) => listener(event), env);
  return {
    post: (command) => runner.handle(command),
    listen: (l) => { listener = l; },
    close: () => { void runner.dispose(); },
    idle: () => runner.idle(),
  };
}

/**
 * One job run to its end in this thread (scripts, the CLI): its result, or its error thrown. `onEvent` sees every event; the
 * GPU device, if one was acquired, is freed at the end.
 */
export async function runJobInProcess(job: Job, engine: EngineChoice, onEvent: (event: LabEvent) => void = () => undefined, env: LabEnv = {}): Promise<JobResult> {
  let result: JobResult | undefined;
  let failure: string | undefined;
  await runJob({ type: 'start', runId: 'in-process', job, engine, frameIntervalMs: 0 }, (e) => {
    if (e.type === 'result') result = e.result;
    else if (e.type === 'error') failure = e.message;
    else if (e.type === 'stopped') failure = 'the run was stopped';
    onEvent(e);
  }, new RunControl(), env);
  if (!result) throw new Error(failure ?? 'the run ended without a result');
  return result;
}
