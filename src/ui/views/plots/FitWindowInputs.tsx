// The fit window typed: two inputs, validated on every keystroke (0 < t min < t max); only a valid window reaches onChange,
// and a problem is named right beside the inputs. A window changed elsewhere (the band dragged) replaces the typed text.
import { useEffect, useId, useState } from 'react';
import { formatTime, sameWindow, validateFitWindow, type TimeWindow } from './fitWindow.ts';
import './plots.css';

export interface FitWindowInputsProps {
  window: TimeWindow;
  onChange: (window: TimeWindow) => void;
  large?: boolean;
}

export function FitWindowInputs({ window, onChange, large = false }: FitWindowInputsProps) {
  const id = useId();
  const [tMinText, setTMinText] = useState(() => formatTime(window.tMin));
  const [tMaxText, setTMaxText] = useState(() => formatTime(window.tMax));

  // Follow the window when it changes from outside, unless the text already says the same numbers ("0.10" vs 0.1).
  useEffect(() => {
    const typed = validateFitWindow(tMinText, tMaxText);
    if (typed.ok && sameWindow(typed.window, window)) return;
    setTMinText(formatTime(window.tMin));
    setTMaxText(formatTime(window.tMax));
    // Only the window's numbers matter here, not each keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [window.tMin, window.tMax]);

  const validation = validateFitWindow(tMinText, tMaxText);
  const edit = (minText: string, maxText: string) => {
    setTMinText(minText);
    setTMaxText(maxText);
    const v = validateFitWindow(minText, maxText);
    if (v.ok && !sameWindow(v.window, window)) onChange(v.window);
  };
  const invalid = (field: 'tMin' | 'tMax') => !validation.ok && validation.field === field;

  return (
    <div className={`gl-fit-window${large ? ' gl-large' : ''}`} data-testid="fit-window">
      <span>fit window</span>
      <label>
        t<sub>min</sub>
        <input
          data-testid="fit-tmin" type="text" inputMode="decimal" spellCheck={false} autoComplete="off"
          value={tMinText} aria-invalid={invalid('tMin')} aria-describedby={`${id}-msg`}
          onChange={(e) => edit(e.target.value, tMaxText)}
        />
      </label>
      <label>
        t<sub>max</sub>
        <input
          data-testid="fit-tmax" type="text" inputMode="decimal" spellCheck={false} autoComplete="off"
          value={tMaxText} aria-invalid={invalid('tMax')} aria-describedby={`${id}-msg`}
          onChange={(e) => edit(tMinText, e.target.value)}
        />
      </label>
      <span id={`${id}-msg`} className={validation.ok ? 'gl-fit-window-hint' : 'gl-fit-window-message'} data-testid="fit-window-message" role="status">
        {validation.ok ? 'or drag the band: its middle moves it, its sides resize it' : validation.message}
      </span>
    </div>
  );
}
