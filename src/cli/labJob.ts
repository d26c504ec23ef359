// Every glasslab command that runs physics is a thin adapter over the lab's job code (src/engine/lab/runJob.ts): it builds a
// job, runs it in this process on the engine asked for (the lab's one fallback policy, src/engine/lab/engines.ts), prints the
// job's progress on stderr and any engine note as one line, and gets the job's result back.
import { runJobInProcess } from '../engine/lab/inProcess.ts';
import type { EngineChoice, EngineName, EnsembleLabResult, Job, JobResult, LabEvent } from '../engine/lab/protocol.ts';
import { throttledProgress } from './progress.ts';

export interface JobRunOptions {
  quiet: boolean;
  /** The ensemble's summary after each sample but the last (asked for with the job's partialResults). */
  onPartial?: (partial: EnsembleLabResult) => void;
  /** Every event, after the adapter has handled it. */
  onEvent?: (event: LabEvent) => void;
}

export interface JobOutcome<R extends JobResult> {
  result: R;
  /** The engine that ran the end of the job (float64 after a fallback). */
  engine: EngineName;
  /** The GPU adapter, when the GPU ran (part of) the job. */
  adapter?: string;
  /** One line per engine note (a fallback, CG on float64), in order; each was also written to stderr. */
  notes: string[];
}

/**
 * Runs `job` of `command` (the name in messages) to its end and returns its result, which must be of `kind`. A job that ends
 * with an error throws it (one line); notes go to stderr whatever --quiet says, progress only without it.
 */
export async function runJobHere<K extends JobResult['kind']>(
  command: string, job: Job, engine: EngineChoice, kind: K, options: JobRunOptions,
): Promise<JobOutcome<Extract<JobResult, { kind: K }>>> {
  const progress = throttledProgress(options.quiet);
  let engineRan: EngineName = 'cpu';
  let adapter: string | undefined;
  const notes: string[] = [];
  const onEvent = (e: LabEvent) => {
    if (e.type === 'engine') {
      engineRan = e.engine;
      if (e.adapter) adapter = e.adapter;
      if (e.note) { notes.push(e.note); process.stderr.write(`glasslab ${command}: ${e.note}\n`); }
    } else if (e.type === 'phase') progress(`${command}: ${e.label}`);
    else if (e.type === 'progress') {
      const eta = e.secondsLeft === null ? '' : ` (about ${Math.round(e.secondsLeft)} s left)`;
      progress(`${command}: ${Math.round(100 * e.fraction)}% ${e.label}${eta}`);
    } else if (e.type === 'partial') options.onPartial?.(e.result);
    options.onEvent?.(e);
  };
  const result = await runJobInProcess(job, engine, onEvent);
  if (result.kind !== kind) throw new Error(`internal: a ${kind} job ended with a ${result.kind} result`);
  return { result: result as Extract<JobResult, { kind: K }>, engine: engineRan, ...(adapter ? { adapter } : {}), notes };
}

/** The engine fields of a command's JSON: which engine ran, its adapter, and the notes. */
export function engineFields(o: Pick<JobOutcome<JobResult>, 'engine' | 'adapter' | 'notes'>): { engine: EngineName; adapter?: string; engineNotes?: string[] } {
  return { engine: o.engine, ...(o.adapter ? { adapter: o.adapter } : {}), ...(o.notes.length ? { engineNotes: o.notes } : {}) };
}
