import { describe, expect, it } from 'vitest';
import { nextFrameDelay } from '../../src/ui/hooks/useFrameBudget.ts';

describe('the particle view\'s frame budget', () => {
  it('a cheap frame is shown at once, but never more often than every minMs', () => {
    expect(nextFrameDelay(0, 1000, 2, 0.15, 50)).toBe(0);
    expect(nextFrameDelay(980, 1000, 2, 0.15, 50)).toBe(30);
  });
  it('a frame that took the GPU 300 ms waits 2 s after the last one (≤ 15% of the time)', () => {
    expect(nextFrameDelay(1000, 1500, 300, 0.15, 50)).toBeCloseTo(1500, 9);
    expect(nextFrameDelay(1000, 3500, 300, 0.15, 50)).toBe(0);
  });
});
