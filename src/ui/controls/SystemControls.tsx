// Model, N, temperature and seed: what system the run is about.
import { getModel, MODEL_NAMES, MODELS } from '../../physics/models.ts';
import { useSpecStore } from '../../state/specStore.ts';
import { MAX_N } from '../../state/specDraft.ts';
import { Field } from './Field.tsx';

/**
 * A model's name short enough for the select box at 1280 px (issue 13: labels were cut off): its label before the
 * parenthesis, without "LJ"; the rest is in the hint under the box.
 */
export function shortModelLabel(label: string): string {
  return label.split(' (')[0].replace(' LJ ', ' ').replace(', force-shifted', ' (FS)');
}

/** The part of a model's label that the select leaves out, as the start of its hint: "polydisperse, r⁻¹² · ". */
function modelDetails(label: string): string {
  const k = label.indexOf(' (');
  const lj = `${label.includes(' LJ ') ? 'Lennard-Jones; ' : ''}${label.includes('force-shifted') ? 'FS: force-shifted; ' : ''}`;
  return k >= 0 ? `${lj}${label.slice(k + 2, label.endsWith(')') ? -1 : undefined)} · ` : lj ? `${lj} · ` : '';
}

export function SystemControls() {
  const model = useSpecStore((s) => s.draft.model);
  const engineClass = useSpecStore((s) => s.engineClass);
  const setField = useSpecStore((s) => s.setField);
  const initialState = useSpecStore((s) => s.draft.initialState);
  const sweep = useSpecStore((s) => s.draft.job === 'sweep');
  return (
    <fieldset>
      <legend>System</legend>
      <div className="field wide">
        <label htmlFor="field-model">Model</label>
        <select id="field-model" data-testid="model" value={model} onChange={(e) => setField('model', e.target.value)}>
          {MODEL_NAMES.map((m) => <option key={m} value={m} title={MODELS[m].label}>{shortModelLabel(MODELS[m].label)}</option>)}
        </select>
        <div className="field-hint" data-testid="model-details">{modelDetails(getModel(model).label)}{getModel(model).source}</div>
      </div>
      <Field field="n" label="N" testId="n" hint={`up to ${MAX_N[engineClass].toLocaleString('en')} on this engine`} />
      <Field field="temperature" label="T" testId="temperature" hint="inf: random positions" unused={sweep ? 'a sweep runs each of its temperatures' : undefined} />
      <Field field="seed" label="Seed" testId="seed" />
      {initialState ? <div className="field-hint wide" data-testid="initial-state">starts from the shipped state {initialState}</div> : null}
    </fieldset>
  );
}
