// Each preset's full float64 run in this process (no page, no worker): its SD steps, seconds and β, to compare with the lab's
// calibrated estimates (src/engine/presetEstimate.ts). Printed, never asserted.
//   npx tsx bench/presetTimes.ts [preset-id]
import { readFileSync } from 'node:fs';
import { PRESETS, presetSpec } from '../src/engine/presets.ts';
import { runJobInProcess } from '../src/engine/lab/inProcess.ts';
import { parseStartingState } from '../src/state/startingState.ts';
const only = process.argv[2];
for (const p of PRESETS) {
  if (only && p.id !== only) continue;
  const spec = presetSpec(p, 'cpu');
  const start = spec.initialState ? parseStartingState(readFileSync(`public/states/${spec.initialState}`, 'utf8'), spec, spec.initialState) : undefined;
  const t0 = performance.now();
  const phases: string[] = [];
  const r: any = await runJobInProcess({ kind: 'single', spec, ...(start ? { start } : {}) }, 'cpu', (e) => { if (e.type === 'phase') phases.push(`${e.phase}@${((performance.now() - t0)/1000).toFixed(1)}`); });
  console.log(p.id, spec.n, 'steps', r.steps, 'forceCalls', r.forceCalls, 'dt', r.dt, 's', ((performance.now() - t0) / 1000).toFixed(1), 'beta', r.fit?.beta?.toFixed(3), phases.join(' '));
}
