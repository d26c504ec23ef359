// The computed modes as a list: index, λ and P; a click picks one (the same pick as a click on the P(λ) plot).
export interface ModeListProps {
  eigenvalues: Float64Array;
  participation: number[];
  picked: number | null;
  onPick: (index: number) => void;
}

export function ModeList({ eigenvalues, participation, picked, onPick }: ModeListProps) {
  return (
    <div className="mode-list" role="listbox" aria-label="Normal modes" data-testid="mode-list">
      {Array.from(eigenvalues, (lambda, k) => (
        <button key={k} type="button" role="option" aria-selected={k === picked} data-testid={`mode-${k + 1}`}
          className={k === picked ? 'mode-row picked' : 'mode-row'} onClick={() => onPick(k)}
          title={`mode ${k + 1}: λ = ${lambda}, P = ${participation[k]}`}>
          <span className="mode-index">{k + 1}</span>
          <span className="mode-lambda">λ = {lambda.toPrecision(4)}</span>
          <span className="mode-p">P = {participation[k].toPrecision(2)}</span>
        </button>
      ))}
    </div>
  );
}
