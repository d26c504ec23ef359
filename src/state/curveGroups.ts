// The curves the plot shows, derived from the run store: samples of one experiment grouped by name ('#3' → the ensemble,
// 'T=0.2 #3' → T = 0.2, 'main', 'sd', …), each group averaged point by point over its finished samples (000 Eq. 2) and
// fitted over the window (000 Eq. 3): one curve by regression, several by bootstrap over samples.
import { curveBetaFit, ensembleBetaFit, type BetaFit } from '../physics/analysis/betaFit.ts';
import { meanCurve } from '../physics/analysis/powerLaw.ts';
import type { Curve } from './runReducer.ts';
import { ownValue } from './userKeys.ts';

export interface CurveGroup {
  /** '' for an unnamed ensemble, else the name before '#'. */
  key: string;
  label: string;
  t: number[];
  speed: number[];
  energyPerParticle: number[];
  /** Samples averaged into it (finished ones; the running sample only when it is the only one). */
  samples: number;
  /** Samples in the group, finished or not. */
  members: number;
  fit: BetaFit | null;
}

/** 'T=0.2 #3' → 'T=0.2'; '#3' → ''; 'main' → 'main'. */
export function groupKey(name: string): string {
  const k = name.indexOf('#');
  return k < 0 ? name : name.slice(0, k).trim();
}

function groupLabel(key: string, members: number): string {
  if (key === 'main') return 'this run';
  if (key === '') return `mean of ${members} samples`;
  return members > 1 ? `${key} (mean of ${members})` : key;
}

/**
 * Groups `order` (curve names in order of first sample) into averaged, fitted curves. While `running`, the last sample of a
 * group with others is still growing and stays out of its mean.
 */
export function curveGroups(curves: Record<string, Curve>, order: string[], window: { tMin: number; tMax: number }, running: boolean, resamples = 300): CurveGroup[] {
  const byKey = new Map<string, Curve[]>();
  for (const name of order) {
    const curve = ownValue(curves, name);
    if (!curve) continue; // a name without its curve (never an inherited property such as "constructor")
    const key = groupKey(name);
    const list = byKey.get(key) ?? [];
    list.push(curve);
    byKey.set(key, list);
  }
  const lastName = order[order.length - 1];
  const groups: CurveGroup[] = [];
  for (const [key, members] of byKey) {
    const growing = running && members.length > 1 && members[members.length - 1].name === lastName;
    const used = growing ? members.slice(0, -1) : members;
    const length = Math.min(...used.map((c) => c.t.length));
    const t = used[0].t.slice(0, length);
    const speeds = used.map((c) => c.speed.slice(0, length));
    const speed = used.length === 1 ? speeds[0] : Array.from(meanCurve(speeds));
    const energyPerParticle = used.length === 1 ? used[0].energyPerParticle.slice(0, length) : Array.from(meanCurve(used.map((c) => c.energyPerParticle.slice(0, length))));
    let fit: BetaFit | null = null;
    try {
      fit = used.length === 1 ? curveBetaFit(t, speed, window) : ensembleBetaFit(t, speeds, window, resamples);
    } catch {
      fit = null; // e.g. all points of the window at one time: the readout says there is no fit
    }
    groups.push({ key, label: groupLabel(key, members.length), t, speed, energyPerParticle, samples: used.length, members: members.length, fit });
  }
  return groups;
}
