// File names of exports: glasslab-<model>-N<n>-T<T>-<algorithm>-seed<seed>[-<what>].<ext>, safe on every file system.
import type { RunSpec } from '../../engine/runSpec.ts';

/** The common base of a run's export names. */
export function exportBaseName(spec: RunSpec): string {
  const T = Number.isFinite(spec.temperature) ? String(spec.temperature) : 'inf';
  return `glasslab-${spec.model}-N${spec.n}-T${T}-${spec.algorithm}-seed${spec.seed}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function exportFileName(spec: RunSpec, what: string | null, ext: string): string {
  return `${exportBaseName(spec)}${what ? `-${what}` : ''}.${ext}`;
}
