// The protocol: swap-MC equilibration, the quench (SD with Δt, FIRE, CG; t_max) and what kind of job (the fit window is typed
// or dragged at the plot).
import { getModel, MODEL_NAMES } from '../../physics/models.ts';
import { useSpecStore } from '../../state/specStore.ts';
import { JOB_KINDS, type JobKind } from '../../state/specDraft.ts';
import { Field } from './Field.tsx';

const JOB_LABELS: Record<JobKind, string> = {
  single: 'one quench',
  ensemble: 'ensemble of M samples',
  sweep: 'temperature sweep (⟨φ⟩, χ)',
  compare: 'compare SD, FIRE, CG',
};

export function ProtocolControls() {
  const d = useSpecStore((s) => s.draft);
  const setField = useSpecStore((s) => s.setField);
  const model = (MODEL_NAMES as readonly string[]).includes(d.model) ? getModel(d.model) : null;
  const infinite = d.temperature.trim().toLowerCase().startsWith('inf');
  return (
    <>
      <fieldset>
        <legend>Equilibration (swap MC)</legend>
        <Field field="sweeps" label="Sweeps" testId="sweeps" hint={infinite ? 'not needed at T = ∞' : d.initialState ? 'the shipped state used these' : 'N trials each'} />
      </fieldset>
      <fieldset>
        <legend>Quench</legend>
        <div className="field wide">
          <label htmlFor="field-algorithm">Algorithm</label>
          <select id="field-algorithm" data-testid="algorithm" value={d.algorithm} onChange={(e) => setField('algorithm', e.target.value)}>
            <option value="sd">steepest descent (SD)</option>
            <option value="fire">FIRE 2.0</option>
            <option value="cg">conjugate gradient</option>
          </select>
          <div className="field-hint">{d.algorithm === 'sd' ? 'SD is a dynamics: t is its time, Δt its step' : 'a minimizer: stops at the force tolerance'}</div>
        </div>
        <Field field="dt" label="Δt" testId="dt" placeholder={model ? String(d.algorithm === 'fire' ? model.fireDt : model.defaultDt) : ''} hint="blank: the model's default" />
        <Field field="tMax" label="t_max" testId="t-max" hint={d.algorithm === 'sd' ? 'SD time' : 'FIRE/CG stop at a force tolerance'} />
      </fieldset>
      <fieldset>
        <legend>Experiment</legend>
        <div className="field wide">
          <label htmlFor="field-job">Run</label>
          <select id="field-job" data-testid="job" value={d.job} onChange={(e) => setField('job', e.target.value as JobKind)}>
            {JOB_KINDS.map((k) => <option key={k} value={k}>{JOB_LABELS[k]}</option>)}
          </select>
        </div>
        {d.job === 'ensemble' || d.job === 'sweep' ? <Field field="samples" label="Samples M" testId="samples" /> : null}
        {d.job === 'sweep' ? <Field field="temperatures" label="Temperatures" testId="temperatures" wide hint="comma-separated" /> : null}
      </fieldset>
    </>
  );
}
