// The picked normal mode as the particle view shows it: the modes' configuration at rest, coloured by |e_i| (with its legend),
// arrows along e_i, and — while playing — the particles moving as x + A·sin(2πt/T)·e. A is set so the largest particle
// displacement is `amplitude`·⟨d⟩; T is a fixed 1.6 s for the eye (the mode's ω = √λ sets no time scale in a quench).
// Frames are capped at 15 per second, drawn only while playing, and spaced by at least 4× what the last one cost to draw
// (render to GPU fence, reported by the view): on a software renderer the animation slows down instead of taking the page.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConfigurationData } from '../../engine/lab/protocol.ts';
import { useLandscapeStore } from '../../state/landscapeStore.ts';
import { displaceAlongMode, largestAmplitude, meanDiameter, modeArrowTips, particleAmplitudes } from './modeDisplay.ts';

const PERIOD_S = 1.6;
const FRAME_MS = 1000 / 15;
/** The longest arrow, in mean diameters. */
const ARROW_LENGTH = 1.5;

export interface ModeView {
  system: ConfigurationData;
  positions: Float64Array;
  /** Bumped each animation frame (positions change in place). */
  revision: number;
  rest: Float64Array;
  amplitudes: Float64Array;
  range: [number, number];
  label: string;
  arrows: boolean;
  tips: Float64Array;
  caption: string;
  /** The current largest particle displacement (for tests: it changes while the mode plays). */
  offset: number;
  /** The view reports what each frame cost to draw (ms): the animation keeps its frames at most ~20% of the time. */
  onRender(ms: number): void;
}

export function useModeView(): ModeView | null {
  const s = useLandscapeStore();
  const mode = s.show && s.result && s.source && s.picked !== null ? s.result.vectors[s.picked] : null;
  const system = s.source?.configuration ?? null;
  const still = useMemo(() => {
    if (!mode || !system) return null;
    const amplitudes = particleAmplitudes(mode, system.dim);
    const largest = largestAmplitude(amplitudes);
    const d = meanDiameter(system.diameters);
    return { amplitudes, largest, d, rest: Float64Array.from(system.positions), tips: modeArrowTips(system.positions, mode, largest, ARROW_LENGTH * d) };
  }, [mode, system]);
  const positions = useMemo(() => (still ? still.rest.slice() : null), [still]);
  const [revision, setRevision] = useState(0);
  const offset = useRef(0);
  const drawMs = useRef(0);
  const onRender = useRef((ms: number) => { drawMs.current = ms; }).current;
  const scale = still && still.largest > 0 ? (s.amplitude * still.d) / still.largest : 0;

  useEffect(() => {
    if (!still || !positions || !mode) return;
    if (!s.playing || scale === 0) {
      displaceAlongMode(positions, still.rest, mode, 0);
      offset.current = 0;
      setRevision((r) => r + 1);
      return;
    }
    let handle = 0, last = -Infinity;
    const start = performance.now();
    const tick = (now: number) => {
      handle = requestAnimationFrame(tick);
      if (now - last < Math.max(FRAME_MS, 5 * drawMs.current)) return;
      last = now;
      const phase = Math.sin((2 * Math.PI * (now - start)) / (1000 * PERIOD_S));
      displaceAlongMode(positions, still.rest, mode, scale * phase);
      offset.current = scale * phase * still.largest;
      setRevision((r) => r + 1);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [still, positions, mode, s.playing, scale]);

  if (!still || !positions || !system || !s.result || s.picked === null) return null;
  const k = s.picked;
  const lambda = s.result.eigenvalues[k], p = s.result.participation[k];
  return {
    system, positions, revision, rest: still.rest, amplitudes: still.amplitudes, range: [0, still.largest], label: `|e_i|, mode ${k + 1}`,
    arrows: s.arrows, tips: still.tips, offset: offset.current, onRender,
    caption: `mode ${k + 1} of ${s.result.eigenvalues.length}: λ = ${lambda.toPrecision(4)}, P = ${p.toPrecision(3)} · ${s.source!.label}`
      + (s.playing ? ` · animated, largest displacement ${s.amplitude}⟨d⟩ (period not to scale)` : ''),
  };
}
