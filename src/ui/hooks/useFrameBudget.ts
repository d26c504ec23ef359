// Keeps the particle view from slowing the simulation: a new frame is shown only when the view has spent at most `share`
// of the wall time rendering (the GPU time of the last frame / share between two frames, never more often than every minMs). The
// latest frame always ends up shown: one pending timer catches it up. A cleared frame (a new system) is shown at once.
import { useEffect, useRef, useState } from 'react';

export interface FrameBudget<T> {
  shown: T;
  /** Pass to the view's onRender: how long its last frame took. */
  onRender: (ms: number) => void;
}

export function nextFrameDelay(lastShownAt: number, now: number, renderMs: number, share: number, minMs: number): number {
  const interval = Math.max(minMs, renderMs / share);
  return Math.max(0, lastShownAt + interval - now);
}

/** `immediate`: show `latest` now (e.g. the run ended: its last frame must not wait for the budget). */
export function useFrameBudget<T>(latest: T, immediate = false, share = 0.15, minMs = 50): FrameBudget<T> {
  const [shown, setShown] = useState(latest);
  const renderMs = useRef(0);
  const shownAt = useRef(0);
  const latestRef = useRef(latest);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  latestRef.current = latest;
  useEffect(() => {
    const show = () => { timer.current = null; shownAt.current = performance.now(); setShown(latestRef.current); };
    // No frame: a new system has come (the store drops the old run's frame then). The old frame must go at once, or the view
    // would draw it over the new system (a 3D frame read as 2D positions, misframed for seconds, issue 13), and the old view's
    // render cost must not hold back the new one's frames.
    const reset = latest === null || latest === undefined;
    if (reset) renderMs.current = 0;
    if (immediate || reset) {
      if (timer.current) clearTimeout(timer.current);
      show();
      return;
    }
    if (timer.current) return; // a catch-up is already due; it takes the newest frame
    const delay = nextFrameDelay(shownAt.current, performance.now(), renderMs.current, share, minMs);
    if (delay === 0) show();
    else timer.current = setTimeout(show, delay);
  }, [latest, immediate, share, minMs]);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  return { shown, onRender: (ms) => { renderMs.current = 0.7 * renderMs.current + 0.3 * ms; } };
}
