// @vitest-environment happy-dom
// The soft-spot study cards (issue 11): a card starts its study's job on the float64 engine in the study worker, shows
// progress with Cancel, a one-line error, and — with the real lab engine in this thread on a tiny job — the result's plot
// caption with the fraction breaking τ3² ≤ 3κ3χ3 counted from the rows themselves.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LabClient } from '../../src/engine/lab/client.ts';
import { inProcessPort } from '../../src/engine/lab/inProcess.ts';
import type { LabEvent, NonlinearStatisticsJob } from '../../src/engine/lab/protocol.ts';
import { ANNEALING_STUDY, NONLINEAR_STUDY } from '../../src/engine/studies.ts';
import { createSoftStudyController, useSoftStudyStore, type SoftStudyClient } from '../../src/state/softStudyController.ts';
import { SoftStudyCards, SoftStudyResults } from '../../src/ui/controls/SoftStudyCards.tsx';
import type { Plotly } from '../../src/ui/views/plots/loadPlotly.ts';

vi.mock('../../src/ui/views/plots/loadPlotly.ts', () => ({ loadPlotly: () => new Promise<Plotly>(() => undefined) }));

afterEach(cleanup);
beforeEach(() => useSoftStudyStore.setState({ active: null, jobId: null, status: 'idle', progress: null, error: null, annealing: null, nonlinear: null }));

function fakeClient() {
  let listener: (e: LabEvent) => void = () => undefined;
  const client = {
    start: vi.fn(() => 'job-1'), stop: vi.fn(), dispose: vi.fn(),
    onEvent: (l: (e: LabEvent) => void) => { listener = l; return () => undefined; },
  };
  return { client: client as SoftStudyClient & typeof client, emit: (e: LabEvent) => act(() => listener(e)) };
}

describe('soft-spot study cards', () => {
  it('each card starts its own job on the float64 engine; progress, Cancel and a one-line error show under the cards', () => {
    const { client, emit } = fakeClient();
    const controller = createSoftStudyController(() => client);
    render(<><SoftStudyCards controller={controller} /><SoftStudyResults controller={controller} /></>);
    expect(screen.getByTestId('study-nonlinear').textContent).toContain('320K');
    fireEvent.click(screen.getByTestId('study-annealing'));
    expect(client.start).toHaveBeenLastCalledWith(ANNEALING_STUDY.job, 'cpu');
    fireEvent.click(screen.getByTestId('study-nonlinear'));
    expect(client.start).toHaveBeenLastCalledWith(NONLINEAR_STUDY.job, 'cpu');
    expect(client.stop).toHaveBeenCalledTimes(1); // the annealing run was still going
    emit({ type: 'progress', runId: 'job-1', fraction: 0.42, secondsLeft: null, label: 'sample 5/12: π3' });
    expect(screen.getByTestId('soft-study-progress').textContent).toContain('42% — sample 5/12: π3');
    fireEvent.click(screen.getByTestId('soft-study-cancel'));
    expect(client.stop).toHaveBeenCalledTimes(2);
    emit({ type: 'stopped', runId: 'job-1' });
    expect(screen.queryByTestId('soft-study-progress')).toBeNull();
    expect(screen.getByTestId('soft-study-stopped').textContent).toBe('cancelled');
    fireEvent.click(screen.getByTestId('study-nonlinear'));
    emit({ type: 'error', runId: 'job-1', message: 'the lowest eigenvalue of the Hessian is λ = -1e-3 ≤ 0\n    at analyse (nonlinearJob.ts:50)' });
    expect(screen.getByTestId('soft-study-error').textContent).toBe('003 §V, Figs. 2, 7a, 8 nonlinear statistics: the lowest eigenvalue of the Hessian is λ = -1e-3 ≤ 0');
    // events of another run are ignored
    emit({ type: 'progress', runId: 'other', fraction: 0.9, secondsLeft: null, label: 'x' });
    expect(screen.queryByTestId('soft-study-progress')).toBeNull();
  });

  it('runs a tiny nonlinear study in the lab engine and captions its plot with the broken fraction of its own rows', async () => {
    const controller = createSoftStudyController(() => new LabClient(inProcessPort()));
    render(<SoftStudyResults controller={controller} />);
    const job: NonlinearStatisticsJob = { ...NONLINEAR_STUDY.job, spec: { ...NONLINEAR_STUDY.job.spec, n: 48, temperature: Infinity, sweeps: 0 }, samples: 3 };
    act(() => controller.run('nonlinear', job));
    await waitFor(() => expect(useSoftStudyStore.getState().status).toBe('done'), { timeout: 120_000, interval: 100 });
    const r = useSoftStudyStore.getState().nonlinear!;
    expect(r.rows).toHaveLength(3);
    const breaks = (x: (typeof r.rows)[number]) => x.tau3 * x.tau3 > 3 * x.kappa3 * x.chi3;
    const broken = r.rows.filter(breaks).length;
    // the cutoff artefacts: more than half of τ3 from pairs that break the bound alone (every row carries its share)
    const kept = r.rows.filter((x) => Math.abs(x.cutoffShare3!) <= 0.5);
    const pct = (k: number, m: number) => `${k} of ${m} (${((100 * k) / m).toFixed(1)}%)`;
    const tail = kept.length === 3 ? '' : `; without the ${3 - kept.length} cutoff-artefact modes ${kept.length ? pct(kept.filter(breaks).length, kept.length) : 'none left'}`;
    expect(r.rows.every((x) => Number.isFinite(x.cutoffShare3))).toBe(true);
    await waitFor(() => expect(screen.getByTestId('nonlinear-bound').textContent).toBe(`τ3² > 3κ3χ3 in ${pct(broken, 3)}${tail}`));
    expect(screen.getByTestId('nonlinear-statistics-plot')).toBeTruthy();
    controller.dispose();
  }, 150_000);
});
