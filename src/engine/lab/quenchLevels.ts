// Normal modes along the lab's quench (002 §III A): watching W = (1/N) Σ|f_i|² after every SD step, the first time W ≤ W_k
// the configuration is analysed — f_u (exact by dense diagonalization for small D·N, stochastic Lanczos quadrature with an
// error bar above) and the most unstable mode's λ and participation ratio P (002 Eq. 11) — and streamed as one row. Levels
// crossed in one step share that step's configuration. The same levels and observables as `glasslab inm`
// (src/physics/analysis/modes/fixedWSampling.ts, landscapeLevel.ts), recorded on the one quench the page runs.
import type { Configuration } from '../../physics/configuration.ts';
import type { QuenchStep } from '../../physics/descent/quench.ts';
import { levelObservables, type LevelOptions } from '../../physics/analysis/modes/landscapeLevel.ts';
import type { Model } from '../../physics/models.ts';
import type { LandscapeLevelRow } from './protocol.ts';
export type { LandscapeLevelRow } from './protocol.ts';

export interface LevelRecorder {
  readonly rows: LandscapeLevelRow[];
  onStep(step: QuenchStep): void;
}

/**
 * log10 W_k = 0, −0.5, …, −9: 002's levels (from −1.5) and three above them, where a small system of the lab still has
 * several unstable modes (f_u·D·N ≥ 1) to show.
 */
export const LAB_W_LEVELS: readonly number[] = Array.from({ length: 19 }, (_, k) => Math.pow(10, -0.5 * k));

/** Observables per level: the lowest 4 modes when f_u is stochastic (the most unstable one is what the row keeps). */
export const LAB_LEVEL_OPTIONS: LevelOptions = { exactLimit: 600, count: 4 };

// 002 §III A.
export function quenchLevelRecorder(
  model: Model, start: Configuration, onRow: (row: LandscapeLevelRow) => void,
  levels: readonly number[] = LAB_W_LEVELS, options: LevelOptions = LAB_LEVEL_OPTIONS, onAnalyse?: (level: number, t: number) => void,
): LevelRecorder {
  const rows: LandscapeLevelRow[] = [];
  let k = 0;
  return {
    rows,
    onStep(step) {
      const w = step.meanSquaredForce;
      if (k >= levels.length || !(w <= levels[k])) return;
      onAnalyse?.(levels[k], step.t);
      const obs = levelObservables(model, start, step.positions(), options);
      while (k < levels.length && w <= levels[k]) {
        const row: LandscapeLevelRow = {
          level: levels[k++], w, t: step.t, fu: obs.fu, fuError: obs.fuError, method: obs.method,
          lowestEigenvalue: obs.eigenvalues[0], participation: obs.mostUnstable ? obs.mostUnstable.participation : null,
        };
        rows.push(row);
        onRow(row);
      }
    },
  };
}
