// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getPreset, presetSpec } from '../../src/engine/presets.ts';
import type { LabController } from '../../src/state/labController.ts';
import { useRunStore } from '../../src/state/runStore.ts';
import { defaultDraft } from '../../src/state/specDraft.ts';
import { useSpecStore } from '../../src/state/specStore.ts';
import { useViewStore } from '../../src/state/viewStore.ts';
import { PresetGallery } from '../../src/ui/controls/PresetGallery.tsx';
import { ProtocolControls } from '../../src/ui/controls/ProtocolControls.tsx';
import { RunButtons, timeLeft } from '../../src/ui/controls/RunButtons.tsx';
import { SystemControls } from '../../src/ui/controls/SystemControls.tsx';
import { useShortcuts } from '../../src/ui/hooks/useShortcuts.ts';

function fakeController(): LabController & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    run: vi.fn(async () => { calls.push('run'); }),
    runScaling: () => calls.push('scaling'),
    pause: () => calls.push('pause'), resume: () => calls.push('resume'),
    toggle: vi.fn(async () => { calls.push('toggle'); }),
    stop: () => calls.push('stop'), abort: () => calls.push('abort'), stopMode: () => 'analyse', reset: () => calls.push('reset'), dispose: () => undefined,
    predictHarmonic: () => false,
  };
}

beforeEach(() => {
  useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu', presetId: null });
  useSpecStore.getState().loadSpec({ model: 'soft2d', n: 1024, temperature: 0.8, seed: 1, sweeps: 2000, algorithm: 'sd', tMax: 100, forceTolerance: 0, fitWindow: { tMin: 3, tMax: 100 } });
  useSpecStore.getState().setField('job', 'single');
  useRunStore.getState().clear();
  useViewStore.getState().set({ colorMode: 'species', lectureMode: false });
});
afterEach(cleanup);

describe('the controls', () => {
  it('an invalid N shows its message as typed and disables Run; fixing it enables Run', () => {
    const c = fakeController();
    render(<><SystemControls /><RunButtons controller={c} /></>);
    const run = screen.getByTestId('run') as HTMLButtonElement;
    expect(run.disabled).toBe(false);
    fireEvent.change(screen.getByTestId('n'), { target: { value: '-5' } });
    expect(screen.getByTestId('n-error').textContent).toContain('N must lie between 2');
    expect(run.disabled).toBe(true);
    expect(screen.getByTestId('invalid-summary').textContent).toContain('1 field to fix');
    fireEvent.change(screen.getByTestId('n'), { target: { value: '512' } });
    expect(screen.queryByTestId('n-error')).toBeNull();
    expect(run.disabled).toBe(false);
    fireEvent.click(run);
    expect(c.calls).toEqual(['run']);
  });

  it('the model select, temperature and algorithm reach the spec', () => {
    render(<><SystemControls /><ProtocolControls /></>);
    fireEvent.change(screen.getByTestId('model'), { target: { value: 'ka3d' } });
    fireEvent.change(screen.getByTestId('temperature'), { target: { value: 'inf' } });
    expect(screen.getByTestId('temperature-error').textContent).toContain('cannot start from T = ∞'); // LJ from random positions diverges
    fireEvent.change(screen.getByTestId('temperature'), { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('algorithm'), { target: { value: 'fire' } });
    expect(useSpecStore.getState().spec).toMatchObject({ model: 'ka3d', temperature: 2, algorithm: 'fire' });
    expect((screen.getByTestId('dt') as HTMLInputElement).placeholder).toBe('0.005'); // FIRE's default for KA
  });

  it('a model change after a preset resets its window; a typed t_max is kept and marked as kept', () => {
    render(<><SystemControls /><ProtocolControls /></>);
    act(() => useSpecStore.getState().loadSpec(presetSpec(getPreset('ka3d-hot'), 'cpu'), 'ka3d-hot'));
    fireEvent.change(screen.getByTestId('t-max'), { target: { value: '40' } });
    fireEvent.change(screen.getByTestId('model'), { target: { value: 'harmonic2d' } });
    expect(useSpecStore.getState().spec?.fitWindow).toEqual({ tMin: 3, tMax: 100 });
    expect((screen.getByTestId('sweeps') as HTMLInputElement).value).toBe('2000');
    expect((screen.getByTestId('t-max') as HTMLInputElement).value).toBe('40');
    expect(screen.getByTestId('t-max-kept').textContent).toContain('harmonic2d default 100');
  });

  it('pause, stop and reset follow the run status', () => {
    const c = fakeController();
    render(<RunButtons controller={c} />);
    expect((screen.getByTestId('pause') as HTMLButtonElement).disabled).toBe(true);
    act(() => useRunStore.getState().begin('r'));
    fireEvent.click(screen.getByTestId('pause'));
    act(() => useRunStore.getState().apply({ type: 'paused', runId: 'r', paused: true }));
    expect(screen.getByTestId('pause').textContent).toBe('Resume');
    fireEvent.click(screen.getByTestId('pause'));
    expect(screen.getByTestId('stop').textContent).toBe('Stop & analyse');
    fireEvent.click(screen.getByTestId('stop'));
    fireEvent.click(screen.getByTestId('abort'));
    fireEvent.click(screen.getByTestId('reset'));
    expect(c.calls).toEqual(['pause', 'resume', 'stop', 'abort', 'reset']);
  });

  it('a preset loads its spec and colour mode and runs at once', () => {
    const c = fakeController();
    render(<PresetGallery controller={c} />);
    fireEvent.click(screen.getByTestId('preset-soft2d-cold'));
    expect(useSpecStore.getState().spec).toEqual(presetSpec(getPreset('soft2d-cold'), 'cpu'));
    expect(useSpecStore.getState().presetId).toBe('soft2d-cold');
    expect(useViewStore.getState().colorMode).toBe('defects');
    expect(c.calls).toEqual(['run']);
    expect(screen.getByTestId('preset-soft2d-cold').className).toContain('active');
  });

  it('keys: space toggles the run, r resets, 1–6 pick colour modes, l lecture mode; not while typing', () => {
    const c = fakeController();
    function Keys() { useShortcuts(c); return <input data-testid="typing" />; }
    render(<Keys />);
    fireEvent.keyDown(window, { key: ' ' });
    fireEvent.keyDown(window, { key: 'r' });
    fireEvent.keyDown(window, { key: '3' });
    expect(useViewStore.getState().colorMode).toBe('d2min');
    fireEvent.keyDown(window, { key: 'l' });
    expect(useViewStore.getState().lectureMode).toBe(true);
    fireEvent.keyDown(screen.getByTestId('typing'), { key: 'r' });
    expect(c.calls).toEqual(['toggle', 'reset']);
  });

  it('a new colour mode forgets the last mode\'s automatic and typed range (no stale D²min range)', () => {
    const v = useViewStore.getState();
    v.set({ colorMode: 'speed' });
    useViewStore.getState().setAutoRange([0.01, 3]);
    useViewStore.getState().set({ range: [0, 1] });
    useViewStore.getState().set({ colorMode: 'd2min' });
    expect(useViewStore.getState().autoRange).toBeNull();
    expect(useViewStore.getState().range).toBeNull();
    useViewStore.getState().setAutoRange([0, 2]);
    useViewStore.getState().set({ arrows: true });
    expect(useViewStore.getState().autoRange).toEqual([0, 2]); // other settings keep it
  });

  it('the time left never reads "8 min 60 s"', () => {
    expect(timeLeft(539.7)).toBe('9 min 0 s left');
    expect(timeLeft(485)).toBe('8 min 5 s left');
    expect(timeLeft(59.2)).toBe('60 s left');
  });

  it('the default N follows the engine: larger with WebGPU', () => {
    useSpecStore.getState().setEngine('auto', 'gpu');
    expect(useSpecStore.getState().draft.n).toBe(defaultDraft('gpu').n);
    useSpecStore.getState().setEngine('cpu', 'cpu');
    expect(useSpecStore.getState().draft.n).toBe(defaultDraft('cpu').n);
  });
});
