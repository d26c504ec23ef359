// The imported starting state, whether the next run uses it (model, N, T and seed unchanged; a single run or a comparison),
// and a button to forget it.
import { importedStartFits, useImportedStart } from '../../state/importedStart.ts';
import { useSpecStore } from '../../state/specStore.ts';

export function ImportedStartNote() {
  const start = useImportedStart((s) => s.start);
  const spec = useSpecStore((s) => s.spec);
  const job = useSpecStore((s) => s.draft.job);
  const clear = useImportedStart((s) => s.clear);
  if (!start) return null;
  const fits = spec !== null && importedStartFits(start, spec);
  const used = !fits ? 'not used: the model, N, T or seed changed since' : job === 'single' || job === 'compare' ? 'the next run quenches it' : 'used by single runs and comparisons only';
  return (
    <p className="imported-start" data-testid="imported-start">
      starting state from {start.file} ({start.model}, N = {start.n.toLocaleString('en')}): {used}{' '}
      <button type="button" data-testid="clear-imported-start" onClick={clear}>forget it</button>
    </p>
  );
}
