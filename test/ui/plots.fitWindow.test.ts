import { describe, expect, it } from 'vitest';
import { formatTime, pointsInWindow, roundDragged, sameWindow, validateFitWindow, windowFromRelayout } from '../../src/ui/views/plots/fitWindow.ts';

describe('validateFitWindow', () => {
  it('accepts 0 < tMin < tMax, decimals and exponents, with spaces', () => {
    expect(validateFitWindow('0.1', '1000')).toEqual({ ok: true, window: { tMin: 0.1, tMax: 1000 } });
    expect(validateFitWindow(' 1e-2 ', '5E3')).toEqual({ ok: true, window: { tMin: 0.01, tMax: 5000 } });
  });

  it.each([
    ['', '10', 'tMin', 'enter t min'],
    ['abc', '10', 'tMin', 't min is not a number'],
    ['1', '', 'tMax', 'enter t max'],
    ['1', '1e', 'tMax', 't max is not a number'],
    ['0', '10', 'tMin', 't min must be > 0'],
    ['-1', '10', 'tMin', 't min must be > 0'],
    ['10', '10', 'tMax', 't max must be larger than t min'],
    ['10', '2', 'tMax', 't max must be larger than t min'],
    ['1', 'Infinity', 'tMax', 't max is not a number'],
  ])('rejects (%j, %j) on %s: %s', (tMin, tMax, field, message) => {
    const v = validateFitWindow(tMin, tMax);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.field).toBe(field);
      expect(v.message.startsWith(message)).toBe(true);
    }
  });
});

describe('windowFromRelayout', () => {
  const current = { tMin: 1, tMax: 1000 };

  it('reads a moved band (data units of t on the log axis), rounded to three significant digits', () => {
    expect(windowFromRelayout({ 'shapes[0].x0': 8.20588455682482, 'shapes[0].x1': 8206.216730218566, 'shapes[0].y0': 0.1, 'shapes[0].y1': 1.1 }, current))
      .toEqual({ tMin: 8.21, tMax: 8210 });
  });

  it('keeps an edge that did not really move exactly (resizing one side)', () => {
    expect(windowFromRelayout({ 'shapes[0].x0': 0.9999392832209039, 'shapes[0].x1': 4068.4194807285535 }, current)).toEqual({ tMin: 1, tMax: 4070 });
    expect(windowFromRelayout({ 'shapes[0].x1': 20 }, current)).toEqual({ tMin: 1, tMax: 20 });
  });

  it('reads a whole shape object or a whole shapes array', () => {
    expect(windowFromRelayout({ 'shapes[0]': { x0: 2, x1: 30 } }, current)).toEqual({ tMin: 2, tMax: 30 });
    expect(windowFromRelayout({ shapes: [{ x0: 3, x1: 40 }] }, current)).toEqual({ tMin: 3, tMax: 40 });
  });

  it('orders a band dragged inside out', () => {
    expect(windowFromRelayout({ 'shapes[0].x0': 50, 'shapes[0].x1': 5 }, current)).toEqual({ tMin: 5, tMax: 50 });
  });

  it('ignores zooms, autosize, other shapes and impossible values', () => {
    expect(windowFromRelayout({ 'xaxis.range[0]': 1, 'xaxis.range[1]': 3 }, current)).toBeNull();
    expect(windowFromRelayout({ autosize: true }, current)).toBeNull();
    expect(windowFromRelayout({ 'shapes[1].x0': 2 }, current)).toBeNull();
    expect(windowFromRelayout({ 'shapes[0].x0': -1, 'shapes[0].x1': 10 }, current)).toBeNull();
    expect(windowFromRelayout({ 'shapes[0].x0': 10, 'shapes[0].x1': 10 }, current)).toBeNull();
    expect(windowFromRelayout({ 'shapes[0].x0': 'nope' }, current)).toBeNull();
  });

  it('roundDragged snaps within 0.1 % and rounds otherwise', () => {
    expect(roundDragged(100.05, 100)).toBe(100);
    expect(roundDragged(123.456, 100)).toBe(123);
    expect(roundDragged(0.0012345, 1)).toBe(0.00123);
  });
});

describe('fit window helpers', () => {
  it('formats times for the inputs', () => {
    expect(formatTime(0.05)).toBe('0.05');
    expect(formatTime(1000)).toBe('1000');
    expect(formatTime(8.20588455682482)).toBe('8.206');
    expect(formatTime(1e-7)).toBe('1e-7');
    expect(formatTime(NaN)).toBe('');
  });

  it('counts the points a window holds as fitPowerLaw would', () => {
    const t = [0, 0.5, 1, 2, 5, 10, 20];
    const v = [1, 1, 1, 0, 1, 1, 1];
    expect(pointsInWindow(t, v, { tMin: 1, tMax: 10 })).toBe(3);
    expect(pointsInWindow(t, v, { tMin: 0, tMax: 0.6 })).toBe(1);
  });

  it('compares windows by value', () => {
    expect(sameWindow({ tMin: 1, tMax: 2 }, { tMin: 1, tMax: 2 })).toBe(true);
    expect(sameWindow({ tMin: 1, tMax: 2 }, { tMin: 1, tMax: 3 })).toBe(false);
  });
});
