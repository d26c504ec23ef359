// Lecture-mode keys: space runs/pauses, r resets, 1–5 pick the colour mode, l toggles lecture mode. Ignored while typing.
import { useEffect } from 'react';
import type { LabController } from '../../state/labController.ts';
import { COLOR_MODES, useViewStore } from '../../state/viewStore.ts';

export function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

export function useShortcuts(controller: LabController): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const view = useViewStore.getState();
      if (e.key === ' ') { e.preventDefault(); void controller.toggle(); }
      else if (e.key === 'r') controller.reset();
      else if (e.key === 'l') view.set({ lectureMode: !view.lectureMode });
      else if (e.key >= '1' && e.key <= String(COLOR_MODES.length)) view.set({ colorMode: COLOR_MODES[Number(e.key) - 1] });
      else return;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}
