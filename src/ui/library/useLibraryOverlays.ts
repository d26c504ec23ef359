// The library runs ticked for the velocity plot, as overlays (merged by PlotPanel with the run store's kept runs).
import { useLibraryStore } from '../../state/library/libraryStore.ts';
import type { Overlay } from '../../state/runStore.ts';

export function useLibraryOverlays(): Overlay[] {
  return useLibraryStore((s) => s.overlays);
}
