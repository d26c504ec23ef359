// Studies: figures of seed 000 that need several runs (src/engine/studies.ts). Fig. 1 loads a temperature sweep of the
// Mari–Kurchan model and runs it; its per-T decay test appears under the sweep plot. Fig. 2a runs from the command line.
// The soft-spot studies of 003 and 004 run in a worker of their own, with their plots under the cards (SoftStudyCards.tsx).
import { DIMENSION_STUDY, MK_STATE_FOLLOWING } from '../../engine/studies.ts';
import type { LabController } from '../../state/labController.ts';
import { useSpecStore } from '../../state/specStore.ts';
import { SoftStudyCards, SoftStudyResults } from './SoftStudyCards.tsx';

export function applyTemperatureStudy(): void {
  const s = MK_STATE_FOLLOWING;
  const { loadSpec, setField } = useSpecStore.getState();
  loadSpec(s.spec);
  setField('job', 'sweep');
  setField('samples', String(s.samples));
  setField('temperatures', s.temperatures.join(', '));
}

export function StudyGallery({ controller }: { controller: LabController }) {
  const d = DIMENSION_STUDY;
  return (
    <>
    <nav className="presets studies" aria-label="Studies">
      <button type="button" className="preset" data-testid={`study-${MK_STATE_FOLLOWING.id}`} title={MK_STATE_FOLLOWING.figure}
        onClick={() => { applyTemperatureStudy(); void controller.run(); }}>
        <span className="preset-title">{MK_STATE_FOLLOWING.figure}: {MK_STATE_FOLLOWING.title}</span>
        <span className="preset-expect">{MK_STATE_FOLLOWING.expect}</span>
        <span className="preset-needs">{MK_STATE_FOLLOWING.needs}</span>
      </button>
      <div className="preset" data-testid={`study-${d.id}`}>
        <span className="preset-title">{d.figure}: {d.title}</span>
        <span className="preset-expect">{d.expect}</span>
        <span className="preset-needs">
          paper N = {d.points.map((p) => `${p.paperN} (${p.dim}D)`).join(', ')}; here {d.points.map((p) => p.n).join(', ')} with {d.samples} samples each:
          <code> npm run study:fig2a</code>, or pick harmonic{'{2,3,4,8}'}d at T = inf as an ensemble
        </span>
      </div>
      <SoftStudyCards />
    </nav>
    <SoftStudyResults />
    </>
  );
}
