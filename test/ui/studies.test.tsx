// @vitest-environment happy-dom
// The studies (000 Figs. 1, 2a): the Fig. 1 card loads a valid Mari–Kurchan temperature sweep and runs it; under a sweep the
// decay table gives each T's form and the T_SF bracket; the Fig. 2a card names the paper's N.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SweepPoint } from '../../src/engine/lab/protocol.ts';
import { DIMENSION_STUDY, MK_STATE_FOLLOWING } from '../../src/engine/studies.ts';
import type { LabController } from '../../src/state/labController.ts';
import { useSpecStore } from '../../src/state/specStore.ts';
import { StudyGallery } from '../../src/ui/controls/StudyGallery.tsx';
import { DecayFormTable } from '../../src/ui/views/plots/DecayFormTable.tsx';

afterEach(cleanup);

describe('studies', () => {
  it('the Fig. 1 card loads a valid mk3d sweep over T = 0.015 … 1e-4 and runs it', () => {
    useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
    const run = vi.fn(async () => undefined);
    render(<StudyGallery controller={{ run } as unknown as LabController} />);
    fireEvent.click(screen.getByTestId(`study-${MK_STATE_FOLLOWING.id}`));
    const { job } = useSpecStore.getState();
    expect(job?.kind).toBe('sweep');
    if (job?.kind !== 'sweep') return;
    expect(job.spec.model).toBe('mk3d');
    expect(job.temperatures).toEqual([0.015, 0.006, 0.002, 0.0006, 0.0001]);
    expect(job.samples).toBe(MK_STATE_FOLLOWING.samples);
    expect(run).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId(`study-${DIMENSION_STUDY.id}`).textContent).toContain('16384 (8D)');
  });

  it('the decay table calls each temperature and brackets T_SF', () => {
    const t = Array.from({ length: 41 }, (_, k) => 10 ** (k / 20));
    const point = (temperature: number, v: (x: number) => number): SweepPoint => ({ temperature, samples: 1, meanDefects: 0, susceptibility: 0, fit: null, t, meanSpeed: t.map(v) });
    render(<DecayFormTable points={[point(0.0001, (x) => Math.exp(-x / 5)), point(0.015, (x) => x ** -0.75), point(0.002, (x) => Math.exp(-x / 9))]} window={{ tMin: 1, tMax: 100 }} />);
    const rows = screen.getAllByTestId('decay-form-row').map((r) => r.textContent);
    expect(rows[0]).toContain('power law');
    expect(rows[1]).toContain('exponential');
    expect(screen.getByTestId('tsf-bracket').textContent).toBe('T_SF between 0.002 and 0.015');
  });
});
