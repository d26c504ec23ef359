// Model, N, temperature and seed: what system the run is about.
import { getModel, MODEL_NAMES, MODELS } from '../../physics/models.ts';
import { useSpecStore } from '../../state/specStore.ts';
import { MAX_N } from '../../state/specDraft.ts';
import { Field } from './Field.tsx';

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
          {MODEL_NAMES.map((m) => <option key={m} value={m}>{MODELS[m].label}</option>)}
        </select>
        <div className="field-hint">{getModel(model).source}</div>
      </div>
      <Field field="n" label="N" testId="n" hint={`up to ${MAX_N[engineClass].toLocaleString('en')} on this engine`} />
      <Field field="temperature" label="T" testId="temperature" hint="inf: random positions" unused={sweep ? 'a sweep runs each of its temperatures' : undefined} />
      <Field field="seed" label="Seed" testId="seed" />
      {initialState ? <div className="field-hint wide" data-testid="initial-state">starts from the shipped state {initialState}</div> : null}
    </fieldset>
  );
}
