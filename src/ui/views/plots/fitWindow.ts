// The fit window [tMin, tMax] of ⟨|v(t)|⟩ ~ t^−β: validating what the user types, reading a dragged window back from a Plotly
// relayout event, and counting the points a window holds.

export interface TimeWindow {
  tMin: number;
  tMax: number;
}

export type WindowField = 'tMin' | 'tMax';

export type WindowValidation =
  | { ok: true; window: TimeWindow }
  | { ok: false; field: WindowField; message: string };

function parseTime(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** The typed window is usable only if 0 < tMin < tMax, both finite numbers; otherwise says which field is wrong and why. */
export function validateFitWindow(tMinText: string, tMaxText: string): WindowValidation {
  const tMin = parseTime(tMinText);
  const tMax = parseTime(tMaxText);
  if (tMin === null) return { ok: false, field: 'tMin', message: tMinText.trim() === '' ? 'enter t min' : 't min is not a number' };
  if (tMax === null) return { ok: false, field: 'tMax', message: tMaxText.trim() === '' ? 'enter t max' : 't max is not a number' };
  if (!(tMin > 0)) return { ok: false, field: 'tMin', message: 't min must be > 0 (the time axis is logarithmic)' };
  if (!(tMax > tMin)) return { ok: false, field: 'tMax', message: 't max must be larger than t min' };
  return { ok: true, window: { tMin, tMax } };
}

/** A time as the inputs show it: four significant digits, no trailing zeros ("0.05", "120", "1e-7"). */
export function formatTime(t: number): string {
  if (!Number.isFinite(t)) return '';
  return String(Number(t.toPrecision(4)));
}

type RelayoutEvent = Readonly<Record<string, unknown>>;

function finitePositive(value: unknown): number | null {
  const x = typeof value === 'string' ? Number(value) : value;
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : null;
}

/**
 * The window after the user dragged or resized the band (layout.shapes[index]); null when the event is about something else
 * (a zoom, an autosize). Plotly reports shape positions on a log axis in data units (t itself, not log10 t), as either
 * 'shapes[0].x0'/'shapes[0].x1' keys, a whole 'shapes[0]' object or a whole 'shapes' array. A window dragged "backwards"
 * is put in order; a non-positive edge (impossible on a log axis) rejects the event.
 */
export function windowFromRelayout(event: RelayoutEvent, current: TimeWindow, index = 0): TimeWindow | null {
  let x0: unknown;
  let x1: unknown;
  const prefix = `shapes[${index}]`;
  if (`${prefix}.x0` in event || `${prefix}.x1` in event) {
    x0 = event[`${prefix}.x0`] ?? current.tMin;
    x1 = event[`${prefix}.x1`] ?? current.tMax;
  } else if (event[prefix] && typeof event[prefix] === 'object') {
    ({ x0, x1 } = event[prefix] as { x0?: unknown; x1?: unknown });
  } else if (Array.isArray(event.shapes) && event.shapes[index] && typeof event.shapes[index] === 'object') {
    ({ x0, x1 } = event.shapes[index] as { x0?: unknown; x1?: unknown });
  } else {
    return null;
  }
  const a = finitePositive(x0);
  const b = finitePositive(x1);
  if (a === null || b === null || a === b) return null;
  return { tMin: roundDragged(Math.min(a, b), current.tMin), tMax: roundDragged(Math.max(a, b), current.tMax) };
}

/**
 * A dragged edge to three significant digits (a pixel is about 2 % of t on a typical plot, so more digits are noise), and
 * the current value kept exactly when the edge did not really move (Plotly's pixel round trip turns 1 into 0.99994).
 */
export function roundDragged(t: number, current: number): number {
  if (Math.abs(t - current) <= 1e-3 * current) return current;
  return Number(t.toPrecision(3));
}

/** Points with t in [tMin, tMax], t > 0 and v > 0: what fitPowerLaw would use (it needs at least 3). */
export function pointsInWindow(t: ArrayLike<number>, v: ArrayLike<number>, window: TimeWindow): number {
  let n = 0;
  for (let k = 0; k < t.length; k++) if (t[k] >= window.tMin && t[k] <= window.tMax && t[k] > 0 && v[k] > 0) n++;
  return n;
}

export function sameWindow(a: TimeWindow, b: TimeWindow): boolean {
  return a.tMin === b.tMin && a.tMax === b.tMax;
}
