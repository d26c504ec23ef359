// The library's T column (issue 13): a sweep shows its temperatures' range, never the unused T field (which read "∞").
import { describe, expect, it } from 'vitest';
import { recordTemperatureText } from '../../src/ui/library/runFormat.ts';

describe('the library T column', () => {
  it('shows a single run\'s T and a sweep\'s range', () => {
    expect(recordTemperatureText({ spec: { temperature: 0.2 }, job: { kind: 'single' } })).toBe('0.2');
    expect(recordTemperatureText({ spec: { temperature: Infinity }, job: { kind: 'ensemble' } })).toBe('∞');
    expect(recordTemperatureText({ spec: { temperature: Infinity }, job: { kind: 'sweep', temperatures: [0.3, 0.05, 0.8] } })).toBe('0.05–0.8');
    expect(recordTemperatureText({ spec: { temperature: 0.5 }, job: { kind: 'sweep', temperatures: [0.2, Infinity] } })).toBe('0.2–∞');
  });
});
