// The steps at which the quench records a sample, decided on the host before the steps are encoded: the same log-spaced
// absolute grid 10^(k/m) as the float64 quench (src/physics/descent/logSampler.ts, asked in the same order with the same
// clock values), so CPU and GPU series share their sample times exactly.
import { logSampler, type LogSampler } from '../physics/descent/logSampler.ts';

export class SampleSchedule {
  private readonly sampler: LogSampler;
  private askedUpTo = 0;
  private readonly steps: number[] = [];

  /** `clock(step)` is the sampler's variable after `step` steps: step·Δt for steepest descent, the step count for FIRE. */
  constructor(first: number, perDecade: number, private readonly clock: (step: number) => number) {
    this.sampler = logSampler(first, perDecade);
  }

  private askUpTo(step: number): void {
    // quench.ts asks sampler.due(clock()) after every step, in order; so do we, once per step, whatever is re-planned later.
    while (this.askedUpTo < step) {
      this.askedUpTo++;
      if (this.sampler.due(this.clock(this.askedUpTo))) this.steps.push(this.askedUpTo);
    }
  }

  /** The sample steps in [from, to], increasing. */
  between(from: number, to: number): number[] {
    this.askUpTo(to);
    return this.steps.filter((s) => s >= from && s <= to);
  }

  isSampleStep(step: number): boolean {
    this.askUpTo(step);
    return this.steps.includes(step);
  }
}
