// The lab engine in this thread (Node tests, scripts): a LabPort around a LabRunner, no Worker. Events are delivered as the
// runner emits them; typed arrays are handed over as they are (nothing is transferred).
import type { LabPort } from './client.ts';
import type { LabEvent } from './protocol.ts';
import { LabRunner } from './runner.ts';
import type { LabEnv } from './runJob.ts';

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
