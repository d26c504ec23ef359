// The lab's nonlinear job through runJob (the same path as the worker): phases and progress, the result's fields, a refusal
// as one error event, and a stop between CG slices.
import { describe, expect, it } from 'vitest';
import { toConfigurationData } from '../../src/engine/lab/configurationData.ts';
import { RunControl } from '../../src/engine/lab/control.ts';
import type { NonlinearJob } from '../../src/engine/lab/protocol.ts';
import { runJob } from '../../src/engine/lab/runJob.ts';
import { quench } from '../../src/physics/descent/quench.ts';
import { jitteredLattice } from '../../src/physics/lattice.ts';
import { MODELS } from '../../src/physics/models.ts';
import { ofType, resultOf, runToEnd, smallSpec, startCommand } from './labHarness.ts';

const model = MODELS.soft2d;
const lattice = jitteredLattice(model, 64, 2);
const is = quench(model, lattice, { algorithm: 'fire', forceTolerance: 1e-12 }).final;
const job = (start = is, extra: Partial<NonlinearJob> = {}): NonlinearJob => ({ kind: 'nonlinear', spec: smallSpec(), start: toConfigurationData(start), ...extra });

describe('the nonlinear lab job', () => {
  it('ends with ψ, π4, π3 of unit norm and the phases of 003 App. B', async () => {
    const events = await runToEnd(startCommand(job()));
    const r = resultOf(events);
    if (r.kind !== 'nonlinear') throw new Error(r.kind);
    expect(ofType(events, 'phase').map((e) => e.label)).toEqual(['lowest harmonic mode ψ', 'quartic mode π4 = argmin κ²/χ', 'cubic mode π3 = argmin κ³/τ²']);
    for (const f of [r.fields.psi, r.fields.pi4, r.fields.pi3]) expect(f.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 12);
    expect(r.quartic.converged && r.cubic.converged).toBe(true);
    expect(r.cubic.start).toBe('π4');
  });
  it('a state that is not a minimum is one error event that says to quench it', async () => {
    const events = await runToEnd(startCommand(job(lattice)));
    const last = events[events.length - 1];
    expect(last.type).toBe('error');
    expect(last.type === 'error' && last.message).toMatch(/not an inherent structure.*quench/);
  });
  it('bad settings are refused before any work', async () => {
    const events = await runToEnd(startCommand(job(is, { tolerance: 5 })));
    expect(events.map((e) => e.type)).toEqual(['error']);
  });
  it('a stop during the minimization ends the job with one stopped event', async () => {
    const control = new RunControl();
    const events: string[] = [];
    await runJob(startCommand(job(is, { tolerance: 1e-15, maxIterations: 1e6 })), (e) => {
      events.push(e.type);
      if (e.type === 'phase' && e.label.startsWith('quartic')) control.stop();
    }, control);
    expect(events[events.length - 1]).toBe('stopped');
    expect(events).not.toContain('result');
  });
});
