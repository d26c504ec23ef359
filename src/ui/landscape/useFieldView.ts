// A displacement field to show on the particles — a normal mode e (useModeView.ts) or a soft-spot field ψ, π4, π3
// (useSoftSpotView.ts): the field's configuration at rest, coloured by |z_i| (with its legend), arrows along z_i, and — while
// playing — the particles moving as x + A·sin(2πt/T)·ẑ. A is set so the largest particle displacement is `amplitude`·⟨d⟩;
// T is a fixed 1.6 s for the eye (no time scale of the field is meant). Frames are capped at 15 per second, drawn only while
// playing, and spaced by at least 5× what the last one cost to draw (render to GPU fence, reported by the view): on a
// software renderer the animation slows down instead of taking the page.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConfigurationData } from '../../engine/lab/protocol.ts';
import { displaceAlongMode, largestAmplitude, meanDiameter, modeArrowTips, particleAmplitudes } from './modeDisplay.ts';

const PERIOD_S = 1.6;
const FRAME_MS = 1000 / 15;
/** The longest arrow, in mean diameters. */
const ARROW_LENGTH = 1.5;

/** What to show: a unit field on a configuration, how, and the words for the legend and caption. */
export interface FieldToShow {
  field: Float64Array;
  system: ConfigurationData;
  arrows: boolean;
  playing: boolean;
  /** Largest particle displacement of the animation, in mean diameters. */
  amplitude: number;
  /** The legend's name of |z_i| (e.g. '|e_i|, mode 3'). */
  label: string;
  /** The caption's description of the field (what it is and its numbers). */
  caption: string;
}

export interface FieldView {
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
  /** The current largest particle displacement (for tests: it changes while the field plays). */
  offset: number;
  /** The view reports what each frame cost to draw (ms): the animation keeps its frames at most ~20% of the time. */
  onRender(ms: number): void;
}

export function useFieldView(input: FieldToShow | null): FieldView | null {
  const field = input?.field ?? null;
  const system = input?.system ?? null;
  const playing = !!input?.playing;
  const still = useMemo(() => {
    if (!field || !system) return null;
    const amplitudes = particleAmplitudes(field, system.dim);
    const largest = largestAmplitude(amplitudes);
    const d = meanDiameter(system.diameters);
    return { amplitudes, largest, d, rest: Float64Array.from(system.positions), tips: modeArrowTips(system.positions, field, largest, ARROW_LENGTH * d) };
  }, [field, system]);
  const positions = useMemo(() => (still ? still.rest.slice() : null), [still]);
  const [revision, setRevision] = useState(0);
  const offset = useRef(0);
  const drawMs = useRef(0);
  const onRender = useRef((ms: number) => { drawMs.current = ms; }).current;
  const scale = still && still.largest > 0 && input ? (input.amplitude * still.d) / still.largest : 0;

  useEffect(() => {
    if (!still || !positions || !field) return;
    if (!playing || scale === 0) {
      displaceAlongMode(positions, still.rest, field, 0);
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
      displaceAlongMode(positions, still.rest, field, scale * phase);
      offset.current = scale * phase * still.largest;
      setRevision((r) => r + 1);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [still, positions, field, playing, scale]);

  if (!still || !positions || !system || !input) return null;
  return {
    system, positions, revision, rest: still.rest, amplitudes: still.amplitudes, range: [0, still.largest], label: input.label,
    arrows: input.arrows, tips: still.tips, offset: offset.current, onRender,
    caption: input.caption + (playing ? ` · animated, largest displacement ${input.amplitude}⟨d⟩ (period not to scale)` : ''),
  };
}
