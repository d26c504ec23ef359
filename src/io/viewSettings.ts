// How a run is shown (colour mode and range, arrows, plot panels, lecture mode): plain data that the share link (src/io)
// carries and the view store (src/state/viewStore.ts) holds. It lives here, below both, so imports point down.

import { COLOR_MODES, type ColorMode } from '../engine/colorModes.ts';

export { COLOR_MODES, type ColorMode };

export interface ViewSettings {
  colorMode: ColorMode;
  /** Colour range of the continuous modes; null = automatic. */
  range: [number, number] | null;
  logScale: boolean;
  arrows: boolean;
  magnification: number;
  showEnergy: boolean;
  showLocalSlope: boolean;
  lectureMode: boolean;
  /** Draw frames while the engine runs (off: the view keeps its last frame and costs the simulation nothing). */
  liveView: boolean;
}
