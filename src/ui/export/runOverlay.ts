// The curve of an imported run file as a kept overlay on the plot: its main curve (SD's for a comparison, else the first).
import type { RunFile } from '../../io/exports/runFileTypes.ts';
import { getModel } from '../../physics/models.ts';
import type { Overlay } from '../../state/runStore.ts';

export function runFileLabel(run: RunFile): string {
  if (run.name) return run.name;
  const s = run.spec;
  return `${s.model}, T = ${Number.isFinite(s.temperature) ? s.temperature : '∞'}, N = ${s.n}, ${s.algorithm}, seed ${s.seed} (file)`;
}

/** The overlay, or null when the run has no curve of two or more points. */
export function overlayOfRunFile(run: RunFile): Overlay | null {
  const c = run.curves.find((x) => x.name === 'main') ?? run.curves.find((x) => x.name === 'sd') ?? run.curves[0];
  if (!c || c.t.length < 2) return null;
  return { id: `file-${run.createdAt}-${c.name}`, label: runFileLabel(run), dim: getModel(run.spec.model).dim, t: c.t, speed: c.speed, energyPerParticle: c.energyPerParticle };
}
