// @vitest-environment happy-dom
// The component's wiring, with the Three.js scene replaced by a recorder (happy-dom has no WebGL; the real
// rendering is checked in Chromium).
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const rec = vi.hoisted(() => ({
  calls: [] as string[],
  throwOnCreate: false,
  last: null as null | { arrows: unknown; colors: Float32Array; disposed: boolean; canvas: HTMLCanvasElement },
}));

vi.mock('../../src/ui/views/particles/scene.ts', () => {
  class FakeScene {
    arrows: unknown = undefined;
    colors = new Float32Array(0);
    disposed = false;
    onRender: ((ms: number) => void) | null = null;
    constructor(public canvas: HTMLCanvasElement, public dim: 2 | 3) {
      if (rec.throwOnCreate) throw new Error('Error creating WebGL context.');
      rec.calls.push(`create${dim}`);
      rec.last = this;
    }
    resize() { rec.calls.push('resize'); }
    setStyle(s: { large: boolean }) { rec.calls.push(`style:${s.large}`); }
    setBox(b: number[]) { rec.calls.push(`box:${b.join('x')}`); }
    setParticles() { rec.calls.push('particles'); }
    colorBuffer(N: number) { rec.calls.push('colors'); if (this.colors.length !== 3 * N) this.colors = new Float32Array(3 * N); return this.colors; }
    commitColors() { rec.calls.push('commit'); }
    setArrows(a: unknown) { rec.calls.push(a ? `arrows:${(a as { magnification: number }).magnification}` : 'arrows:none'); this.arrows = a; }
    dispose() { rec.calls.push('dispose'); this.disposed = true; }
  }
  return { ParticleScene: FakeScene, DEFAULT_STYLE: { background: '#0f172a' } };
});

import { ParticleView, type ParticleViewProps } from '../../src/ui/views/particles/index.ts';

const N = 100;
const base = (): ParticleViewProps => ({
  dim: 2,
  box: [10, 10],
  diameters: new Float64Array(N).fill(1),
  species: new Uint8Array(N),
  positions: Float64Array.from({ length: 2 * N }, (_, i) => (i * 0.37) % 10),
  colorMode: 'species',
});
const count = (what: string) => rec.calls.filter((c) => c === what).length;

beforeEach(() => {
  rec.calls = [];
  rec.throwOnCreate = false;
  rec.last = null;
});
afterEach(() => cleanup());

describe('ParticleView', () => {
  it('mounts a canvas, sets box, particles and colours, and shows a continuous legend with the auto range', () => {
    const values = Float64Array.from({ length: N }, (_, i) => i);
    const onAutoRange = vi.fn();
    const p = { ...base(), colorMode: 'd2min' as const, values, onAutoRange };
    const { rerender } = render(<ParticleView {...p} />);
    expect(screen.getByTestId('particles').tagName).toBe('CANVAS');
    expect(rec.calls).toContain('create2');
    expect(rec.calls).toContain('box:10x10');
    expect(count('particles')).toBe(1);
    expect(count('commit')).toBe(1);
    expect(screen.getByTestId('particles-legend').textContent).toContain('D²min');
    expect(screen.getByTestId('particles-legend-min').textContent).toBe('1.98');
    expect(screen.getByTestId('particles-legend-max').textContent).toBe('97');
    expect(onAutoRange).toHaveBeenCalledTimes(1);
    expect(onAutoRange.mock.calls[0][0][0]).toBeCloseTo(1.98, 10);
    // the colours are viridis: the smallest value is dark purple, in linear RGB
    const c = rec.last!.colors;
    expect(c[2]).toBeGreaterThan(c[1]);

    // same props → no work; new positions → matrices only; new values → colours only (range unchanged: not re-reported)
    rerender(<ParticleView {...p} />);
    expect(count('particles')).toBe(1);
    expect(count('commit')).toBe(1);
    rerender(<ParticleView {...p} positions={new Float64Array(p.positions)} />);
    expect(count('particles')).toBe(2);
    expect(count('commit')).toBe(1);
    rerender(<ParticleView {...p} values={new Float64Array(values)} />);
    expect(count('commit')).toBe(2);
    expect(onAutoRange).toHaveBeenCalledTimes(1);
    // a fixed range is used as given and not reported
    rerender(<ParticleView {...p} range={[0, 50]} />);
    expect(screen.getByTestId('particles-legend-max').textContent).toBe('50');
    expect(onAutoRange).toHaveBeenCalledTimes(1);
  });

  it('shows grey particles and a notice when a mode has no data yet', () => {
    render(<ParticleView {...base()} colorMode="defects" />);
    expect(screen.getByTestId('particles-notice').textContent).toBe('defects appear when the quench ends');
    expect(screen.queryByTestId('particles-legend')).toBeNull();
    const c = rec.last!.colors;
    expect(c[0]).toBeCloseTo(c[1], 1); // grey
    cleanup();
    render(<ParticleView {...base()} colorMode="displacement" />);
    expect(screen.getByTestId('particles-notice').textContent).toContain('r(0)');
  });

  it('defects get a categorical legend; displacement follows the positions', () => {
    const p = base();
    const { rerender } = render(<ParticleView {...p} colorMode="defects" values={new Float64Array(N).map((_, i) => i % 2)} />);
    expect(screen.getByTestId('particles-legend').textContent).toContain('defect');
    const reference = new Float64Array(p.positions);
    rerender(<ParticleView {...p} colorMode="displacement" reference={reference} />);
    const commits = count('commit');
    rerender(<ParticleView {...p} colorMode="displacement" reference={reference} positions={p.positions.map((x) => x + 0.1)} />);
    expect(count('commit')).toBe(commits + 1);
    expect(screen.getByTestId('particles-legend').textContent).toContain('|r(0) − r(t)|');
  });

  it('draws arrows only with a reference, with the magnification', () => {
    const p = base();
    const { rerender } = render(<ParticleView {...p} arrows={{ show: true, magnification: 3 }} />);
    expect(rec.calls).toContain('arrows:none');
    expect(screen.getByTestId('particles-notice').textContent).toContain('arrows need');
    rerender(<ParticleView {...p} reference={new Float64Array(p.positions)} arrows={{ show: true, magnification: 3 }} />);
    expect(rec.calls).toContain('arrows:3');
    rerender(<ParticleView {...p} reference={new Float64Array(p.positions)} arrows={{ show: false, magnification: 3 }} />);
    expect(rec.calls.at(-1)).toBe('arrows:none');
  });

  it('lecture mode restyles; switching dimension rebuilds; unmount disposes and removes the canvas', () => {
    const p = base();
    const { rerender, unmount } = render(<ParticleView {...p} />);
    expect(rec.calls).toContain('style:false');
    rerender(<ParticleView {...p} large />);
    expect(rec.calls).toContain('style:true');
    const first = rec.last!;
    rerender(<ParticleView {...p} dim={3} box={[5, 5, 5]} positions={new Float64Array(3 * N)} />);
    expect(first.disposed).toBe(true);
    expect(rec.calls).toContain('create3');
    expect(rec.calls).toContain('box:5x5x5');
    const second = rec.last!;
    unmount();
    expect(second.disposed).toBe(true);
    expect(second.canvas.isConnected).toBe(false);
  });

  it('without WebGL it says so instead of crashing', () => {
    rec.throwOnCreate = true;
    act(() => {
      render(<ParticleView {...base()} />);
    });
    expect(screen.getByTestId('particles-notice').textContent).toContain('WebGL is not available');
    expect(screen.getByTestId('particles')).toBeTruthy();
  });
});
