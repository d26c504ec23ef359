// One Plotly graph per mounted component: created once, then updated with Plotly.react, at most once per animation frame
// (the newest figure wins; updates that arrive in between are coalesced). While the pointer is down on the graph (dragging
// the fit window, zooming) updates wait, so a live run never yanks a shape out from under the mouse.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { PlotlyHTMLElement } from 'plotly.js-dist-min';
import type { Figure } from './figure.ts';
import { loadPlotly, type Plotly } from './loadPlotly.ts';

export interface PlotlyFigureOptions {
  /** Called once the graph exists (attach plotly_* listeners here); listeners should read props through refs. */
  onReady?: (graph: PlotlyHTMLElement) => void;
  /** Milliseconds spent in each Plotly.react (diagnostics, benchmarks). */
  onRedraw?: (ms: number) => void;
  /** Test seam: where Plotly comes from (default: the lazy import). */
  load?: () => Promise<Plotly>;
}

export interface PlotlyFigureState {
  ref: RefObject<HTMLDivElement | null>;
  /** 'loading' until Plotly has arrived and drawn once; 'error' with a message if it could not load. */
  status: 'loading' | 'ready' | 'error';
  error: string | null;
}

export function usePlotlyFigure(figure: Figure, options: PlotlyFigureOptions = {}): PlotlyFigureState {
  const ref = useRef<HTMLDivElement | null>(null);
  const [status, setStatus] = useState<PlotlyFigureState['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(figure);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const engine = useRef<{ plotly: Plotly; graph: HTMLDivElement } | null>(null);
  const frame = useRef<number | null>(null);
  const pointerDown = useRef(false);
  const drawn = useRef<Figure | null>(null);

  // Never let redraws take more than about a third of the main thread: after a redraw that took c ms, the next one waits
  // at least 2c ms (a no-op at 10 Hz and a few ms per redraw; graceful on a slow machine).
  const earliest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const draw = () => {
    frame.current = null;
    const e = engine.current;
    if (!e || pointerDown.current) return;
    const fig = latest.current;
    if (fig === drawn.current) return;
    const wait = earliest.current - performance.now();
    if (wait > 0) {
      timer.current ??= setTimeout(() => { timer.current = null; scheduleRef.current(); }, wait);
      return;
    }
    drawn.current = fig;
    const start = performance.now();
    // Plotly draws SVG synchronously; the promise only settles queued work, so the synchronous time is the cost.
    void e.plotly.react(e.graph, fig.data, fig.layout, fig.config);
    const end = performance.now();
    earliest.current = end + 2 * (end - start);
    optionsRef.current.onRedraw?.(end - start);
  };
  const schedule = () => {
    if (frame.current === null) frame.current = requestAnimationFrame(draw);
  };
  const scheduleRef = useRef(schedule);
  scheduleRef.current = schedule;

  latest.current = figure;
  useEffect(() => {
    scheduleRef.current();
  }, [figure]);

  useEffect(() => {
    let cancelled = false;
    const graph = ref.current;
    if (!graph) return;
    const down = () => { pointerDown.current = true; };
    const up = () => {
      if (!pointerDown.current) return;
      pointerDown.current = false;
      scheduleRef.current();
    };
    graph.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    (optionsRef.current.load ?? loadPlotly)().then(
      async (plotly) => {
        if (cancelled) return;
        const fig = latest.current;
        drawn.current = fig;
        await plotly.react(graph, fig.data, fig.layout, fig.config);
        if (cancelled) return;
        engine.current = { plotly, graph };
        optionsRef.current.onReady?.(graph as unknown as PlotlyHTMLElement);
        setStatus('ready');
        if (latest.current !== fig) scheduleRef.current();
      },
      (err: unknown) => {
        if (cancelled) return;
        setStatus('error');
        setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      cancelled = true;
      graph.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      if (timer.current !== null) clearTimeout(timer.current);
      frame.current = null;
      timer.current = null;
      if (engine.current) engine.current.plotly.purge(graph);
      engine.current = null;
    };
  }, []);

  return { ref, status, error };
}
