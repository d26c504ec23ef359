// What every part of a lab job shares: its run id, the event sink, the pause/stop checkpoint, the engine, progress.
import type { LabEngine } from './engines.ts';
import { JobStopped, yieldToEventLoop, type JobControl } from './control.ts';
import type { LabEvent, Phase } from './protocol.ts';

export type Emit = (event: LabEvent, transfer?: Transferable[]) => void;

/** Least time between two progress events. */
const PROGRESS_INTERVAL_MS = 250;
/** A CPU slice: the engine runs this long between two checks for messages. */
export const SLICE_MS = 25;

export class JobContext {
  /** Units of work (samples) done, and the mean wall time of one, for the time left. */
  private unitsDone = 0;
  private unitSeconds = 0;
  private unitStartedAt: number;
  private phaseStartedAt: number;
  private lastProgressAt = -Infinity;
  /** Set once the job has a quench under way that "stop and analyse" can end and analyse; before it, that request stops. */
  analysable = false;

  constructor(
    readonly runId: string,
    private readonly sink: Emit,
    readonly control: JobControl,
    readonly engine: LabEngine,
    /** Least time between frames; 0: no frames. */
    readonly frameIntervalMs: number,
    /** Units (samples, quenches) the job runs in all. */
    readonly units: number,
  ) {
    this.unitStartedAt = performance.now();
    this.phaseStartedAt = this.unitStartedAt;
  }

  emit(event: LabEvent, transfer?: Transferable[]): void {
    this.sink(event, transfer);
  }

  /** Between slices: let messages in, hold while paused (announcing it), end the job if stopped. */
  async checkpoint(): Promise<void> {
    await yieldToEventLoop();
    await this.holdWhilePaused();
    if (this.control.stopped() || (this.control.finishing() && !this.analysable)) throw new JobStopped();
  }

  /** checkpoint without the throw: for the GPU loop, which stops through its shouldStop. */
  async pausePoint(): Promise<void> {
    await yieldToEventLoop();
    await this.holdWhilePaused();
  }

  /** The pause part of checkpoint. */
  async holdWhilePaused(): Promise<void> {
    if (!this.control.paused()) return;
    this.emit({ type: 'paused', runId: this.runId, paused: true });
    while (this.control.paused()) await this.control.waitWhilePaused();
    if (!this.control.stopped()) this.emit({ type: 'paused', runId: this.runId, paused: false });
  }

  phase(phase: Phase, label: string): void {
    this.phaseStartedAt = performance.now();
    this.lastProgressAt = -Infinity;
    this.emit({ type: 'phase', runId: this.runId, phase, label });
  }

  /** Marks the end of one unit (a sample's equilibration, quench and analysis). */
  unitDone(): void {
    const now = performance.now();
    this.unitsDone++;
    this.unitSeconds += ((now - this.unitStartedAt) / 1000 - this.unitSeconds) / this.unitsDone;
    this.unitStartedAt = now;
    this.phaseStartedAt = now;
  }

  /**
   * Progress within the current phase (fraction in [0, 1], null when the phase's end is unknown), throttled. The time left is
   * the phase's own extrapolation plus the units still to come at the mean time of those done.
   */
  progress(phaseFraction: number | null, label: string, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastProgressAt < PROGRESS_INTERVAL_MS) return;
    this.lastProgressAt = now;
    const within = phaseFraction === null ? 0 : Math.min(1, Math.max(0, phaseFraction));
    const fraction = Math.min(1, (this.unitsDone + within) / this.units);
    const elapsed = (now - this.phaseStartedAt) / 1000;
    const phaseLeft = phaseFraction !== null && within > 0.01 && elapsed > 0.2 ? (elapsed * (1 - within)) / within : null;
    const later = this.units - this.unitsDone - 1;
    let secondsLeft: number | null = phaseLeft;
    if (later > 0) secondsLeft = this.unitsDone > 0 && phaseLeft !== null ? phaseLeft + later * this.unitSeconds : null;
    this.emit({ type: 'progress', runId: this.runId, fraction, secondsLeft, label });
  }
}
