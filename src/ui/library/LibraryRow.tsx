// One run of the library: its name (renamed in place), what it was, β, status, date and size, and its actions.
import { useEffect, useState } from 'react';
import type { RunSummary } from '../../state/library/runRecord.ts';
import { openScalingRecord } from '../../state/library/scalingRecord.ts';
import { betaText, betaTitle, dateText, jobText, recordTemperatureText, sizeText } from './runFormat.ts';

export interface LibraryRowProps {
  run: RunSummary;
  overlaid: boolean;
  onRename(name: string): void;
  onDelete(): void;
  onToggleOverlay(): void;
  onRerun(): void;
  /** Puts the soft spots the run keeps back into the lab (shown only when it keeps some). */
  onOpenSoftSpots?(): void;
}

function NameInput({ id, name, onRename }: { id: string; name: string; onRename(name: string): void }) {
  const [text, setText] = useState(name);
  useEffect(() => setText(name), [name]);
  const commit = () => {
    if (text.trim() && text.trim() !== name) onRename(text.trim());
    else setText(name);
  };
  return (
    <input className="library-name" data-testid={`library-rename-${id}`} aria-label="run name" value={text} title="click to rename"
      onChange={(e) => setText(e.target.value)} onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        else if (e.key === 'Escape') { setText(name); e.currentTarget.blur(); }
      }} />
  );
}

export function LibraryRow({ run, overlaid, onRename, onDelete, onToggleOverlay, onRerun, onOpenSoftSpots }: LibraryRowProps) {
  const s = run.spec;
  const resume = run.status === 'incomplete';
  return (
    <tr data-testid={`library-run-${run.id}`} data-status={run.status}>
      <td>
        <input type="checkbox" data-testid={`library-overlay-${run.id}`} aria-label="overlay on the plot" checked={overlaid}
          disabled={run.curveOrder.length === 0} onChange={onToggleOverlay} />
      </td>
      <td><NameInput id={run.id} name={run.name} onRename={onRename} /></td>
      <td>{s.model}</td>
      <td className="num">{s.n.toLocaleString('en')}</td>
      <td className="num" data-testid={`library-temperature-${run.id}`}>{recordTemperatureText(run)}</td>
      <td>{s.algorithm}{run.job.kind === 'single' ? '' : ` · ${jobText(run)}`}</td>
      <td className="num" title={betaTitle(run.fit)} data-testid={`library-beta-${run.id}`}>{betaText(run.fit)}</td>
      <td>
        <span className={`library-badge library-badge-${run.status}`} data-testid={`library-status-${run.id}`} title={run.error ?? undefined}>{run.status}</span>
      </td>
      <td>{dateText(run.createdAt)}</td>
      <td className="num">{sizeText(run.byteSize)}</td>
      <td className="library-actions">
        {run.scaling ? (
          <button type="button" data-testid={`library-show-scaling-${run.id}`} title="show its raw and collapsed curves in the finite-size scaling panel" onClick={() => openScalingRecord(run)}>
            show
          </button>
        ) : (
          <button type="button" data-testid={`library-rerun-${run.id}`} title={resume ? 'the tab closed while it ran: run it again from its spec' : 'run its spec again'} onClick={onRerun}>
            {resume ? 'run again' : 're-run'}
          </button>
        )}
        {run.softSpotFacts && onOpenSoftSpots ? (
          <button type="button" data-testid={`library-soft-spots-${run.id}`} title={softSpotsTitle(run.softSpotFacts)} onClick={onOpenSoftSpots}>soft spots</button>
        ) : null}
        <button type="button" data-testid={`library-delete-${run.id}`} onClick={onDelete}>delete</button>
      </td>
    </tr>
  );
}

function softSpotsTitle(f: NonNullable<RunSummary['softSpotFacts']>): string {
  const parts = [f.shearModulus !== null ? `G = ${f.shearModulus.toPrecision(4)}` : '', f.meanKappa !== null ? `mean κ = ${f.meanKappa.toPrecision(4)}` : '',
    f.kappa4 !== null ? `κ4 = ${f.kappa4.toPrecision(4)}` : '', f.kappa3 !== null ? `κ3 = ${f.kappa3.toPrecision(4)}` : ''].filter(Boolean);
  return `show its soft spots again (${parts.join(', ')})`;
}
