// One typed control of the run spec: its label, the text as typed, and its message when the text is not valid.
import { useSpecStore } from '../../state/specStore.ts';
import { modelDefaults, type ModelField } from '../../state/modelDefaults.ts';
import type { DraftField } from '../../state/specDraft.ts';

interface FieldProps {
  field: DraftField;
  label: string;
  testId: string;
  hint?: string;
  placeholder?: string;
  wide?: boolean;
  /** Why the field does not apply to this job (a sweep's T): shown blank and disabled, with this as its hint. */
  unused?: string;
}

export function Field({ field, label, testId, hint, placeholder, wide, unused }: FieldProps) {
  const value = useSpecStore((s) => s.draft[field]);
  const error = useSpecStore((s) => s.errors[field]);
  const setField = useSpecStore((s) => s.setField);
  const kept = useSpecStore((s) => s.kept.includes(field as ModelField));
  const model = useSpecStore((s) => s.draft.model);
  const engineClass = useSpecStore((s) => s.engineClass);
  const id = `field-${testId}`;
  return (
    <div className={`field${wide ? ' wide' : ''}${kept ? ' kept' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id} data-testid={testId} value={unused ? '' : value} placeholder={unused ? 'swept' : placeholder} disabled={unused !== undefined} spellCheck={false} autoComplete="off"
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setField(field, e.target.value)}
      />
      {unused ? <div className="field-hint" data-testid={`${testId}-unused`}>{unused}</div>
        : error ? <div className="field-error" id={`${id}-error`} role="alert" data-testid={`${testId}-error`}>{error}</div>
        : kept ? <div className="field-kept" data-testid={`${testId}-kept`}>kept as typed; {model} default {modelDefaults(model, engineClass)[field as ModelField] || 'blank'}</div>
        : hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}
