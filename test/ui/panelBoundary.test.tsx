// @vitest-environment happy-dom
// Error boundaries around the lab's panels: a panel that throws while rendering shows which panel failed and why, with a Retry;
// the rest of the page keeps working, and Retry brings the panel back once its cause is gone.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLibraryStore } from '../../src/state/library/libraryStore.ts';
import { MemoryRunStorage } from '../../src/state/library/memoryRunStorage.ts';
import type { RunSummary } from '../../src/state/library/runRecord.ts';
import { LibraryPanel } from '../../src/ui/library/LibraryPanel.tsx';
import { PanelBoundary } from '../../src/ui/PanelBoundary.tsx';

let broken = true;
function Fragile() {
  if (broken) throw new Error('the plot could not read its curves');
  return <p data-testid="fragile">fine</p>;
}

function Counter() {
  const [k, setK] = useState(0);
  return <button type="button" data-testid="counter" onClick={() => setK(k + 1)}>{k}</button>;
}

beforeEach(() => { vi.spyOn(console, 'error').mockImplementation(() => undefined); });
afterEach(() => { cleanup(); vi.restoreAllMocks(); });

describe('a panel that throws', () => {
  it('shows a message and a retry, and the rest of the app lives', () => {
    broken = true;
    render(<><PanelBoundary name="the plot"><Fragile /></PanelBoundary><Counter /></>);
    expect(screen.getByTestId('panel-failed').textContent).toContain('The plot stopped working: the plot could not read its curves');
    fireEvent.click(screen.getByTestId('counter'));
    expect(screen.getByTestId('counter').textContent).toBe('1');
    broken = false;
    fireEvent.click(screen.getByTestId('panel-retry'));
    expect(screen.getByTestId('fragile').textContent).toBe('fine');
    expect(screen.queryByTestId('panel-failed')).toBeNull();
  });

  it('a library row that cannot be drawn takes down the library panel only', async () => {
    await useLibraryStore.getState().attach(new MemoryRunStorage());
    render(<><PanelBoundary name="the library"><LibraryPanel controller={{ run: async () => undefined }} autosave={false} /></PanelBoundary><Counter /></>);
    await act(async () => { useLibraryStore.setState({ records: [{ id: 'x', name: 'broken' } as unknown as RunSummary] }); });
    expect(screen.getByTestId('panel-failed').textContent).toContain('The library stopped working');
    fireEvent.click(screen.getByTestId('counter'));
    expect(screen.getByTestId('counter').textContent).toBe('1');
    await act(async () => { useLibraryStore.setState({ records: [] }); });
    fireEvent.click(screen.getByTestId('panel-retry'));
    expect(screen.getByTestId('library')).toBeTruthy();
  });
});
