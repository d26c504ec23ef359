// Axis pickers for the projection of a D > 3 state (src/ui/views/particles/projection.ts): the horizontal, vertical and
// optional depth axes, and the hidden axis that the 'hidden coordinate' colour mode shows.
import { axisName, type ProjectionAxes } from '../views/particles/projection.ts';

interface Props {
  dim: number;
  axes: ProjectionAxes;
  onChange(axes: ProjectionAxes): void;
}

export function ProjectionControls({ dim, axes, onChange }: Props) {
  const all = [...Array(dim).keys()];
  const pick = (slot: number, value: number) => {
    const shown = [...axes.shown];
    if (slot === 2 && value < 0) shown.length = 2;
    else {
      const other = shown.indexOf(value);
      if (other >= 0 && other !== slot) shown[other] = shown[slot] ?? all.find((a) => !shown.includes(a))!; // swap instead of repeating an axis
      shown[slot] = value;
    }
    const hidden = shown.includes(axes.hidden) ? all.find((a) => !shown.includes(a)) ?? axes.hidden : axes.hidden;
    onChange({ shown, hidden });
  };
  const select = (slot: number, label: string) => (
    <label key={slot}>
      {label}
      <select data-testid={`projection-axis-${slot}`} value={axes.shown[slot] ?? -1} onChange={(e) => pick(slot, Number(e.target.value))}>
        {slot === 2 ? <option value={-1}>none (2D)</option> : null}
        {all.map((a) => <option key={a} value={a}>{axisName(a)}</option>)}
      </select>
    </label>
  );
  return (
    <div className="view-controls projection-controls" data-testid="projection-controls">
      <span>axes</span>
      {select(0, 'horizontal')}
      {select(1, 'vertical')}
      {select(2, 'depth')}
      <label title="the coordinate the 'hidden coordinate' colour mode shows">
        hidden
        <select data-testid="projection-hidden" value={axes.hidden} onChange={(e) => onChange({ shown: axes.shown, hidden: Number(e.target.value) })}>
          {all.filter((a) => !axes.shown.includes(a)).map((a) => <option key={a} value={a}>{axisName(a)}</option>)}
        </select>
      </label>
    </div>
  );
}
