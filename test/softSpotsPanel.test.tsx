// @vitest-environment happy-dom
// The export panel's soft-spot buttons (issue 11): absent until the lab holds soft spots, then "Soft spots XYZ" with the
// nonlinear modes, and "κ_ij pairs CSV" too once the elastic result is there; each downloads its file.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toConfigurationData } from '../src/engine/lab/configurationData.ts';
import type { ElasticResult, NonlinearResult } from '../src/engine/lab/protocol.ts';
import { DEFAULT_SPEC } from '../src/engine/runSpec.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';
import { useSoftSpotStore } from '../src/state/softSpotStore.ts';
import { ExportPanel } from '../src/ui/export/ExportPanel.tsx';

const N = 8;
const spec = { ...DEFAULT_SPEC, model: 'soft2d' as const, n: N, temperature: 0.2 };
const field = (k: number) => Float64Array.from({ length: 2 * N }, (_, i) => Math.sin(i + k) / 3);
const nonlinear = { kind: 'nonlinear', spec, fields: { psi: field(0), pi4: field(1), pi3: field(2) } } as unknown as NonlinearResult;
const elastic = { kind: 'elastic', spec, pairFirst: Int32Array.of(0, 2), pairSecond: Int32Array.of(1, 5), pairKappa: Float64Array.of(3.5, 0.25), localKappa: new Float64Array(N).fill(1.5) } as unknown as ElasticResult;

let downloads: { name: string; text: string }[];
beforeEach(() => {
  downloads = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = vi.fn((b: Blob) => { const url = `blob:test/${blobs.size}`; blobs.set(url, b); return url; });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    void blobs.get(this.getAttribute('href') ?? '')!.text().then((text) => downloads.push({ name: this.download, text }));
  });
  useSoftSpotStore.getState().clear();
});
afterEach(() => { cleanup(); vi.restoreAllMocks(); useSoftSpotStore.getState().clear(); });

const source = { label: 'final', runId: 'r', configuration: toConfigurationData(randomConfiguration(MODELS.soft2d, N, 1)) };
const settle = () => act(async () => { for (let k = 0; k < 5; k++) await new Promise((r) => setTimeout(r, 0)); });

describe('soft-spot export buttons', () => {
  it('appear only with their data and download the XYZ and the CSV', async () => {
    render(<ExportPanel />);
    expect(screen.queryByTestId('export-soft-spots-xyz')).toBeNull();
    expect(screen.queryByTestId('export-kappa-pairs')).toBeNull();
    act(() => useSoftSpotStore.getState().set({ source, nonlinear: { status: 'done', jobId: null, progress: null, error: null, result: nonlinear } }));
    expect(screen.getByTestId('export-soft-spots-xyz')).toBeTruthy();
    expect(screen.queryByTestId('export-kappa-pairs')).toBeNull();
    act(() => useSoftSpotStore.getState().setElastic({ status: 'done', result: elastic }));
    fireEvent.click(screen.getByTestId('export-soft-spots-xyz'));
    fireEvent.click(screen.getByTestId('export-kappa-pairs'));
    await settle();
    expect(downloads.map((d) => d.name).sort()).toEqual([expect.stringMatching(/^glasslab-soft2d.*-kappa-pairs\.csv$/), expect.stringMatching(/^glasslab-soft2d.*-soft-spots\.xyz$/)]);
    const xyz = downloads.find((d) => d.name.endsWith('.xyz'))!.text;
    expect(xyz.split('\n')[1]).toMatch(/psi:R:2:pi4:R:2:pi3:R:2:kappa_local:R:1/);
    expect(downloads.find((d) => d.name.endsWith('.csv'))!.text).toBe('i,j,kappa_ij\n0,1,3.5\n2,5,0.25\n');
    act(() => useSoftSpotStore.getState().clear());
    expect(screen.queryByTestId('export-soft-spots-xyz')).toBeNull();
  });
});
