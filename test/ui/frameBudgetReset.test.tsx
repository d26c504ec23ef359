// @vitest-environment happy-dom
// The particle view's frame budget when a new system comes (issue 13: the 2D view was misframed for ~5 s after a 3D preset):
// the store drops the old run's frame then, and the view must drop it at once, not after the old 3D view's render budget —
// the old frame's 3D positions would be drawn as 2D positions of the new system meanwhile.
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFrameBudget } from '../../src/ui/hooks/useFrameBudget.ts';

interface Frame { t: number }

describe('the frame budget across a new system', () => {
  it('throttles frames of a slow view, but drops the old frame at once when the frame is cleared', async () => {
    const a: Frame = { t: 1 }, b: Frame = { t: 2 }, c: Frame = { t: 0.01 };
    const { result, rerender } = renderHook(({ latest }: { latest: Frame | null }) => useFrameBudget(latest, false), { initialProps: { latest: a as Frame | null } });
    expect(result.current.shown).toBe(a);
    // A 3D view on a software renderer: about a second a frame, so the next frame waits ~ 1 s / 0.15.
    act(() => { for (let k = 0; k < 5; k++) result.current.onRender(1000); });
    rerender({ latest: b });
    expect(result.current.shown).toBe(a); // throttled: the budget holds b back
    // The new system: the store's frame is null. Shown at once (the view then draws the new system's own positions).
    rerender({ latest: null });
    expect(result.current.shown).toBeNull();
    // The new (cheap, 2D) view's first frame is not held back by the old view's render cost.
    rerender({ latest: c });
    await act(async () => { await new Promise((r) => setTimeout(r, 120)); });
    expect(result.current.shown).toBe(c);
  });
});
