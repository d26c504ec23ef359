// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BetaFit } from '../../src/engine/lab/protocol.ts';
import { BetaReadout } from '../../src/ui/views/plots/BetaReadout.tsx';
import { windowFilledTo } from '../../src/ui/views/plots/betaFormat.ts';
import { singleRunInterval, singleRunScatter } from '../../src/engine/sampleScatter.ts';
import { DistanceTable } from '../../src/ui/views/plots/DistanceTable.tsx';
import { EquilibrationPlot } from '../../src/ui/views/plots/EquilibrationPlot.tsx';
import { FitWindowInputs } from '../../src/ui/views/plots/FitWindowInputs.tsx';
import type { Plotly } from '../../src/ui/views/plots/loadPlotly.ts';
import { VelocityPlot, type PlotCurve } from '../../src/ui/views/plots/VelocityPlot.tsx';

afterEach(cleanup);

const fit: BetaFit = { beta: 0.9163, low: 0.8981, high: 0.9332, logPrefactor: 0, tMin: 1, tMax: 100, points: 30, interval: 'bootstrap', samples: 20 };

/** A stand-in for Plotly: records react/purge calls and lets a test fire plotly_* events. */
function fakePlotly() {
  const listeners = new Map<string, ((e: unknown) => void)[]>();
  const calls = { react: [] as { data: unknown[]; layout: Record<string, any> }[], purge: 0 };
  const plotly = {
    react: vi.fn((graph: HTMLElement & { on?: unknown }, data: unknown[], layout: Record<string, any>) => {
      graph.on = (name: string, fn: (e: unknown) => void) => listeners.set(name, [...(listeners.get(name) ?? []), fn]);
      calls.react.push({ data, layout });
      return Promise.resolve(graph);
    }),
    purge: vi.fn(() => { calls.purge++; }),
  };
  const emit = (name: string, event: unknown) => (listeners.get(name) ?? []).forEach((fn) => fn(event));
  return { load: () => Promise.resolve(plotly as unknown as Plotly), calls, emit, plotly };
}

const frame = () => act(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
const settle = async () => { await act(async () => { await Promise.resolve(); }); await frame(); await frame(); };

function curves(n: number, grow = 0): PlotCurve[] {
  return Array.from({ length: n }, (_, i) => {
    const t = Array.from({ length: 20 + grow }, (_, k) => Math.pow(10, -1 + k / 5));
    return { id: `c${i}`, label: `curve ${i}`, t, speed: t.map((x) => Math.pow(x, -0.9)), fit: i === 0 ? fit : null };
  });
}

describe('BetaReadout', () => {
  it('shows β, its interval and the harmonic value', () => {
    render(<BetaReadout fit={fit} dim={2} samples={20} />);
    const box = screen.getByTestId('beta');
    expect(box.textContent).toContain('β = 0.916');
    expect(box.textContent).toContain('[0.898, 0.933] · bootstrap over 20 samples');
    expect(box.textContent).toContain('harmonic: 1.00');
  });

  it('shows "β —" and the reason without a fit; large in lecture mode', () => {
    render(<BetaReadout fit={null} dim={3} reason="fit window holds 2 points" large />);
    const box = screen.getByTestId('beta');
    expect(screen.getByTestId('beta-value').textContent).toBe('β —');
    expect(box.textContent).toContain('fit window holds 2 points');
    expect(box.textContent).toContain('harmonic: 1.25');
    expect(box.className).toContain('gl-large');
  });

  it('defaults the reason to "run a quench" and names a regression interval', () => {
    const { rerender } = render(<BetaReadout fit={null} dim={2} />);
    expect(screen.getByTestId('beta').textContent).toContain('run a quench');
    rerender(<BetaReadout fit={{ ...fit, interval: 'regression', samples: 1 }} dim={2} />);
    expect(screen.getByTestId('beta').textContent).toContain('± 1.96 s.e. of the fit');
    rerender(<BetaReadout fit={{ ...fit, samples: 8 }} dim={2} />);
    expect(screen.getByTestId('beta').textContent).toContain('bootstrap over 8 samples');
  });
});

describe('β while the window fills, and one run\'s honest interval (issue 13 item 7)', () => {
  it('marks β provisional (≈, how far the window is filled) until the curve reaches the window\'s end', () => {
    const { rerender } = render(<BetaReadout fit={{ ...fit, tMax: 30 }} dim={2} filledTo={12.3} />);
    expect(screen.getByTestId('beta-value').textContent).toBe('β ≈ 0.916');
    expect(screen.getByTestId('beta').dataset.provisional).toBe('true');
    expect(screen.getByTestId('beta-interval').textContent).toBe('provisional: the window is filled to t = 12 of 30');
    rerender(<BetaReadout fit={{ ...fit, tMax: 30 }} dim={2} filledTo={null} />);
    expect(screen.getByTestId('beta-value').textContent).toBe('β = 0.916');
    expect(windowFilledTo([1, 10, 29.9], { tMax: 30 })).toBe(29.9);
    expect(windowFilledTo([1, 10, 30], { tMax: 30 })).toBeNull();
    expect(windowFilledTo([], { tMax: 30 })).toBeNull();
  });

  it('gives a single run ± 1.96 σ of the measured sample scatter at its N, wider than the regression\'s', () => {
    const narrow = { beta: 0.871, low: 0.857, high: 0.885 }; // the harmonic2d T = ∞ run at N = 4096
    const wide = singleRunInterval(narrow.beta, (narrow.high - narrow.low) / 2, 4096);
    expect(wide.sd).toBeCloseTo(0.04 / Math.SQRT2, 12); // (1024/4096)^(1/4) of the N = 1024 scatter
    expect(wide.low).toBeLessThan(0.82);
    expect(wide.high).toBeGreaterThan(0.92); // the paper's 0.92 is no longer excluded by one run
    expect(singleRunScatter(256)).toBeCloseTo(0.04 * Math.SQRT2, 12);
    expect(singleRunInterval(1, 0.5, 1024).high).toBe(1.5); // never narrower than the regression's own interval
    render(<BetaReadout fit={{ ...fit, ...narrow, low: wide.low, high: wide.high, interval: 'regression', samples: 1 }} dim={2} scatter={{ n: 4096, sd: wide.sd }} />);
    expect(screen.getByTestId('beta-interval').textContent).toContain('one run; σ = 0.028 between runs at N = 4096 (measured)');
  });
});

describe('DistanceTable', () => {
  it('shows algorithms × algorithms distances and E/N', () => {
    render(<DistanceTable algorithms={['sd', 'fire', 'cg']} distances={[[0, 0.12, 0.08], [0.12, 0, 0.00042], [0.08, 0.00042, 0]]} energyPerParticle={[-2.7, -2.71, -2.705]} />);
    const rows = screen.getByTestId('distance-table').querySelectorAll('tbody tr');
    expect(rows).toHaveLength(3);
    const cells = (r: number) => Array.from(rows[r].children).map((c) => c.textContent);
    expect(cells(0)).toEqual(['SD', '—', '0.120', '0.0800', '−2.70000']);
    expect(cells(1)).toEqual(['FIRE', '0.120', '—', '4.20 × 10⁻⁴', '−2.71000']);
    const head = Array.from(screen.getByTestId('distance-table').querySelectorAll('thead th')).map((c) => c.textContent);
    expect(head).toEqual(['', 'SD', 'FIRE', 'CG', 'E/N']);
  });
});

describe('FitWindowInputs', () => {
  it('passes only valid windows on, naming the problem beside the inputs', () => {
    const onChange = vi.fn();
    render(<FitWindowInputs window={{ tMin: 1, tMax: 100 }} onChange={onChange} />);
    const tMin = screen.getByTestId('fit-tmin') as HTMLInputElement;
    const tMax = screen.getByTestId('fit-tmax') as HTMLInputElement;
    expect(tMin.value).toBe('1');
    expect(tMax.value).toBe('100');
    fireEvent.change(tMin, { target: { value: '-2' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByTestId('fit-window-message').textContent).toContain('t min must be > 0');
    expect(tMin.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(tMin, { target: { value: '200' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByTestId('fit-window-message').textContent).toContain('t max must be larger than t min');
    fireEvent.change(tMin, { target: { value: '0.5' } });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith({ tMin: 0.5, tMax: 100 });
    expect(screen.getByTestId('fit-window-message').textContent).not.toContain('must');
  });

  it('follows a window changed elsewhere, but keeps equivalent typed text', () => {
    const onChange = vi.fn();
    const { rerender } = render(<FitWindowInputs window={{ tMin: 1, tMax: 100 }} onChange={onChange} />);
    const tMin = screen.getByTestId('fit-tmin') as HTMLInputElement;
    fireEvent.change(tMin, { target: { value: '0.50' } });
    rerender(<FitWindowInputs window={{ tMin: 0.5, tMax: 100 }} onChange={onChange} />);
    expect(tMin.value).toBe('0.50');
    rerender(<FitWindowInputs window={{ tMin: 8.21, tMax: 8210 }} onChange={onChange} />);
    expect(tMin.value).toBe('8.21');
    expect((screen.getByTestId('fit-tmax') as HTMLInputElement).value).toBe('8210');
  });
});

describe('VelocityPlot', () => {
  it('draws with Plotly.react once per frame, whatever the number of updates in between', async () => {
    const fake = fakePlotly();
    const props = { dim: 2 as const, fitWindow: { tMin: 1, tMax: 100 }, onFitWindowChange: () => {}, loadPlotly: fake.load };
    const { rerender } = render(<VelocityPlot curves={curves(3)} {...props} />);
    expect(screen.getByTestId('velocity-plot')).toBeTruthy();
    await settle();
    expect(fake.plotly.react).toHaveBeenCalledTimes(1);
    expect(fake.calls.react[0].data.filter((d: any) => String(d.uid).startsWith('speed-'))).toHaveLength(3);
    for (let k = 1; k <= 5; k++) rerender(<VelocityPlot curves={curves(3, k)} {...props} />);
    await settle();
    expect(fake.plotly.react).toHaveBeenCalledTimes(2);
    const last = fake.calls.react[1].data.find((d: any) => d.name === 'curve 0') as { x: number[] };
    expect(last.x).toHaveLength(25);
    // The same curves and a fresh fitWindow object with the same numbers: nothing to redraw.
    const same = curves(3, 5);
    rerender(<VelocityPlot curves={same} {...props} />);
    await settle();
    expect(fake.plotly.react).toHaveBeenCalledTimes(3);
    rerender(<VelocityPlot curves={same} {...props} fitWindow={{ tMin: 1, tMax: 100 }} />);
    await settle();
    expect(fake.plotly.react).toHaveBeenCalledTimes(3);
    rerender(<VelocityPlot curves={same} {...props} fitWindow={{ tMin: 2, tMax: 100 }} />);
    await settle();
    expect(fake.plotly.react).toHaveBeenCalledTimes(4);
    expect(fake.calls.react[3].layout.shapes[0]).toMatchObject({ x0: 2, x1: 100 });
  });

  it('turns a dragged band into onFitWindowChange and resets the band to the props (editrevision)', async () => {
    const fake = fakePlotly();
    const onFitWindowChange = vi.fn();
    render(<VelocityPlot curves={curves(1)} dim={3} fitWindow={{ tMin: 1, tMax: 100 }} onFitWindowChange={onFitWindowChange} loadPlotly={fake.load} />);
    await settle();
    const before = fake.calls.react.at(-1)!.layout.editrevision;
    act(() => fake.emit('plotly_relayout', { 'shapes[0].x0': 2.0004, 'shapes[0].x1': 345.67, 'shapes[0].y0': 0.2, 'shapes[0].y1': 1.2 }));
    expect(onFitWindowChange).toHaveBeenCalledWith({ tMin: 2, tMax: 346 });
    act(() => fake.emit('plotly_relayout', { 'xaxis.range[0]': 0, 'xaxis.range[1]': 2 }));
    expect(onFitWindowChange).toHaveBeenCalledTimes(1);
    await settle();
    expect(fake.calls.react.at(-1)!.layout.editrevision).toBe(before + 1);
  });

  it('waits while the pointer is down on the graph, then draws the newest figure', async () => {
    const fake = fakePlotly();
    const props = { dim: 2 as const, fitWindow: { tMin: 1, tMax: 100 }, onFitWindowChange: () => {}, loadPlotly: fake.load };
    const { rerender, container } = render(<VelocityPlot curves={curves(1)} {...props} />);
    await settle();
    const graph = container.querySelector('.gl-plot-graph')!;
    fireEvent.pointerDown(graph);
    rerender(<VelocityPlot curves={curves(1, 3)} {...props} />);
    await settle();
    expect(fake.plotly.react).toHaveBeenCalledTimes(1);
    fireEvent.pointerUp(window);
    await settle();
    expect(fake.plotly.react).toHaveBeenCalledTimes(2);
  });

  it('purges the graph when it unmounts and says so if Plotly cannot load', async () => {
    const fake = fakePlotly();
    const { unmount } = render(<VelocityPlot curves={curves(1)} dim={2} fitWindow={{ tMin: 1, tMax: 100 }} onFitWindowChange={() => {}} loadPlotly={fake.load} />);
    await settle();
    unmount();
    expect(fake.plotly.purge).toHaveBeenCalledTimes(1);
    render(<VelocityPlot curves={[]} dim={2} fitWindow={{ tMin: 1, tMax: 100 }} onFitWindowChange={() => {}} loadPlotly={() => Promise.reject(new Error('offline'))} />);
    await settle();
    expect(screen.getByTestId('velocity-plot').textContent).toContain('plot unavailable: offline');
  });
});

describe('EquilibrationPlot', () => {
  it('draws E/N and shows the acceptance rates', async () => {
    const fake = fakePlotly();
    render(<EquilibrationPlot sweeps={[0, 10]} energyPerParticle={[-2, -2.2]} acceptance={{ displacement: 0.43, swap: 0.121 }} loadPlotly={fake.load} />);
    await settle();
    expect(fake.plotly.react).toHaveBeenCalledTimes(1);
    const text = screen.getByTestId('acceptance').textContent;
    expect(text).toContain('displacement 43.0 %');
    expect(text).toContain('swap 12.1 %');
  });
});
