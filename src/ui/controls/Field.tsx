// One typed control of the run spec: its label, the text as typed, and its message when the text is not valid.
import { useSpecStore } from '../../state/specStore.ts';
import type { DraftField } from '../../state/specDraft.ts';

interface FieldProps {
  field: DraftField;
  label: string;
  testId: string;
  hint?: string;
  placeholder?: string;
  wide?: boolean;
}

export function Field({ field, label, testId, hint, placeholder, wide }: FieldProps) {
  const value = useSpecStore((s) => s.draft[field]);
  const error = useSpecStore((s) => s.errors[field]);
  const setField = useSpecStore((s) => s.setField);
  const id = `field-${testId}`;
  return (
    <div className={`field${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id} data-testid={testId} value={value} placeholder={placeholder} spellCheck={false} autoComplete="off"
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setField(field, e.target.value)}
      />
      {error ? <div className="field-error" id={`${id}-error`} role="alert" data-testid={`${testId}-error`}>{error}</div>
        : hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}
