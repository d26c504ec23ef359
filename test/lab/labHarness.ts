// Shared by the lab tests: small run specs, and a job run to its end with every event recorded.
import { RunControl } from '../../src/engine/lab/control.ts';
import type { EngineChoice, Job, JobResult, LabEvent, StartCommand } from '../../src/engine/lab/protocol.ts';
import { runJob, type LabEnv } from '../../src/engine/lab/runJob.ts';
import type { RunSpec } from '../../src/engine/runSpec.ts';
import type { Configuration } from '../../src/physics/configuration.ts';
import { overlapFreeConfiguration } from '../../src/physics/initialState.ts';
import { runMonteCarlo } from '../../src/physics/mc/runMonteCarlo.ts';
import { getModel, randomConfiguration, type ModelName } from '../../src/physics/models.ts';

/** soft2d, N = 64: equilibrated by 200 swap-MC sweeps, SD to t = 2. */
export function smallSpec(overrides: Partial<RunSpec> = {}): RunSpec {
  return {
    model: 'soft2d', n: 64, temperature: 0.5, seed: 3, sweeps: 200, algorithm: 'sd', tMax: 2, forceTolerance: 0,
    fitWindow: { tMin: 0.05, tMax: 2 }, ...overrides,
  };
}

export function startCommand(job: Job, engine: EngineChoice = 'cpu', runId = 'r1', frameIntervalMs = 0): StartCommand {
  return { type: 'start', runId, job, engine, frameIntervalMs };
}

/** Runs the command to its end; returns its events in order. */
export async function runToEnd(command: StartCommand, env: LabEnv = {}, control = new RunControl()): Promise<LabEvent[]> {
  const events: LabEvent[] = [];
  await runJob(command, (e) => events.push(e), control, env);
  return events;
}

export function resultOf(events: LabEvent[]): JobResult {
  const last = events[events.length - 1];
  if (last.type !== 'result') throw new Error(`the job did not end with a result: ${JSON.stringify(last).slice(0, 300)}`);
  return last.result;
}

export function ofType<T extends LabEvent['type']>(events: LabEvent[], type: T): Extract<LabEvent, { type: T }>[] {
  return events.filter((e): e is Extract<LabEvent, { type: T }> => e.type === type);
}

/**
 * The equilibrium state the lab should reach, computed here by the physics alone (an independent reference for the job code):
 * uniform random at T = ∞ (or 0 sweeps), else swap MC from the overlap-free start of the same seed (not Mari–Kurchan).
 */
export function equilibriumState(modelName: ModelName, n: number, temperature: number, sweeps: number, seed: number): Configuration {
  const model = getModel(modelName);
  if (temperature === Infinity || sweeps === 0) return randomConfiguration(model, n, seed);
  const start = overlapFreeConfiguration(model, n, seed).configuration; // docs/PHYSICS.md §2: MC starts without overlaps
  return runMonteCarlo(start, model, { temperature, seed, sweeps, recordEvery: Math.max(1, Math.floor(sweeps / 200)) }).configuration;
}
