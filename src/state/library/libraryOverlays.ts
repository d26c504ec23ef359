// A library run as curves on the velocity plot: its samples grouped and averaged as the plot groups a live run
// ('main', the ensemble's mean, one curve per temperature of a sweep, SD/FIRE/CG of a comparison).
import { getModel } from '../../physics/models.ts';
import { curveGroups } from '../curveGroups.ts';
import type { Curve } from '../runReducer.ts';
import type { Overlay } from '../runStore.ts';
import type { RunRecord } from './runRecord.ts';
import { keyedEntries, ownValue } from '../userKeys.ts';

function groupName(key: string, members: number): string {
  if (key === '') return `mean of ${members}`;
  return members > 1 ? `${key}, mean of ${members}` : key;
}

export function overlaysOfRecord(r: RunRecord): Overlay[] {
  const order = r.curveOrder.filter((name) => (ownValue(r.curves, name)?.t.length ?? 0) > 0);
  if (order.length === 0) return [];
  const curves = keyedEntries<Curve>(order.map((name) => [name, { name, ...r.curves[name] }]));
  // Fits are drawn by the plot itself; few resamples keep the grouping quick.
  const groups = curveGroups(curves, order, r.spec.fitWindow, false, 20);
  const dim = getModel(r.spec.model).dim;
  return groups.map((g) => ({
    id: `library-${r.id}-${g.key || 'mean'}`,
    label: groups.length === 1 && g.members === 1 ? r.name : `${r.name} (${groupName(g.key, g.members)})`,
    dim, t: g.t, speed: g.speed, energyPerParticle: g.energyPerParticle,
  }));
}
