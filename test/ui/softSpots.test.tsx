// @vitest-environment happy-dom
// The Soft spots section as a user meets it (no workers: results put into the store): the table of ψ, π4, π3 with κ, τ, χ, e
// and overlaps; picking a field and the bonds writes the store and the share-link settings; G and κ reach the run facts only
// for the run they belong to.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ElasticResult, NonlinearResult } from '../../src/engine/lab/protocol.ts';
import { DEFAULT_LANDSCAPE } from '../../src/io/landscapeSettings.ts';
import { useLandscapeSettingsStore } from '../../src/state/landscapeSettingsStore.ts';
import { IDLE_SOFT_SPOTS, useSoftSpotStore } from '../../src/state/softSpotStore.ts';
import { ElasticRunFacts } from '../../src/ui/landscape/ElasticFacts.tsx';
import { SoftSpotsSection } from '../../src/ui/landscape/SoftSpotsSection.tsx';

afterEach(cleanup);

const configuration = { dim: 2, box: [2, 2], positions: Float64Array.of(0.5, 0.5, 1.5, 1.5), diameters: Float64Array.of(1, 1), species: Uint8Array.of(0, 0) };
const field = Float64Array.of(1, 0, 0, 0);
const nonlinear = {
  kind: 'nonlinear', harmonic: { kappa: 0.15, tau: -0.17, chi: 1.8, participation: 0.29, lambda: 0.15, residual: 1e-8 },
  quartic: { kappa: 0.24, tau: -1.7, chi: 25, participation: 0.064, cost: 0, residual: 1e-9, iterations: 450, converged: true, overlapWithHarmonic: 0.815 },
  cubic: { kappa: 0.32, tau: -5.7, chi: 30, participation: 0.054, cost: 0, residual: 1e-9, iterations: 379, converged: true, overlapWithQuartic: 0.985, start: 'π4', starts: 1 },
  fields: { psi: field, pi4: field, pi3: field }, maxForce: 1e-11, rattlers: { count: 2, excluded: true }, pairs: 10, tolerance: 1e-8, seconds: 9,
} as unknown as NonlinearResult;
const elastic = {
  kind: 'elastic', shearModulus: 5.841, born: 13.73, nonaffine: 7.889, planes: [], dipole: { mean: 15.69, median: 13.11, count: 355, iterations: 0 },
  rattlers: 0, maxForce: 3e-8, pairFirst: Int32Array.of(0), pairSecond: Int32Array.of(1), pairKappa: Float64Array.of(15.69), localKappa: Float64Array.of(15.69, 15.69), seconds: 6,
} as unknown as ElasticResult;

function withResults(runId: string | null): void {
  useSoftSpotStore.setState({
    ...IDLE_SOFT_SPOTS, source: { label: 'the quench', configuration, runId },
    nonlinear: { status: 'done', jobId: null, progress: { fraction: 1, label: 'done' }, error: null, result: nonlinear },
    elastic: { status: 'done', jobId: null, progress: { fraction: 1, label: 'done' }, error: null, result: elastic },
  });
  useLandscapeSettingsStore.getState().set({ ...DEFAULT_LANDSCAPE });
}

describe('the Soft spots section', () => {
  it('lists κ, τ, χ, e and the overlaps of ψ, π4, π3 and the elastic facts', () => {
    withResults('q1');
    render(<SoftSpotsSection />);
    const rows = screen.getByTestId('softspot-fields').querySelectorAll('tbody tr');
    expect(rows.length).toBe(3);
    expect(rows[1].textContent).toContain('|π4·ψ| = 0.815');
    expect(rows[2].textContent).toContain('0.3200');
    expect(rows[2].textContent).toContain('|π3·π4| = 0.985');
    expect(screen.getByTestId('softspot-g').textContent).toBe('5.841 = 13.73 (Born) − 7.889 (non-affine)');
    expect(screen.getByTestId('softspot-kappa').textContent).toBe('mean 15.69, median 13.11 over 355 pairs');
  });

  it('picking π3 and the bonds writes the store and the link settings', () => {
    withResults('q1');
    render(<SoftSpotsSection />);
    fireEvent.click(screen.getByTestId('softspot-show-pi3'));
    expect(useSoftSpotStore.getState().shownField).toBe('pi3');
    expect(useLandscapeSettingsStore.getState().softSpotField).toBe('pi3');
    fireEvent.click(screen.getByTestId('softspot-bonds'));
    expect(useSoftSpotStore.getState().bonds).toBe(true);
    expect(useLandscapeSettingsStore.getState().softSpotBonds).toBe(true);
    fireEvent.click(screen.getByTestId('softspot-after-quench'));
    expect(useLandscapeSettingsStore.getState().softSpots).toBe(true);
    fireEvent.click(screen.getByTestId('softspot-show-none'));
    expect(useSoftSpotStore.getState().shownField).toBeNull();
    expect(useLandscapeSettingsStore.getState().softSpotField).toBeNull();
  });

  it('the run facts show G and κ for their own run only', () => {
    withResults('q1');
    const { rerender } = render(<dl><ElasticRunFacts runId="q1" /></dl>);
    expect(screen.getByTestId('run-facts-g').textContent).toBe('5.841 (Born 13.73 − non-affine 7.889)');
    expect(screen.getByTestId('run-facts-kappa').textContent).toBe('mean 15.69, median 13.11 (355 pairs)');
    rerender(<dl><ElasticRunFacts runId="q2" /></dl>);
    expect(screen.queryByTestId('run-facts-g')).toBeNull();
  });
});
