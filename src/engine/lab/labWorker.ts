// The lab's Web Worker (a module worker, bundled by Vite): page commands in, lab events out, typed arrays transferred.
/// <reference lib="webworker" />
import type { LabCommand } from './protocol.ts';
import { LabRunner } from './runner.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const runner = new LabRunner((event, transfer) => scope.postMessage(event, transfer ?? []));
scope.onmessage = (message: MessageEvent<LabCommand>) => runner.handle(message.data);
