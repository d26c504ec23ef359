// The worker's transferable configuration keeps a Mari–Kurchan state's pair-shift data (seed, planting T, planted
// positions): without it `glasslab equilibrate --model mk3d` wrote a file that quench refused ("needs the planted pair shifts").
import { describe, expect, it } from 'vitest';
import { fromConfigurationData, toConfigurationData } from '../src/engine/lab/configurationData.ts';
import { MODELS, randomConfiguration } from '../src/physics/models.ts';

describe('configurations in and out of the worker', () => {
  it('an mk3d state round-trips with its pair shifts, bit for bit', () => {
    const c = randomConfiguration(MODELS.mk3d, 20, 7);
    expect(c.shifts).toBeDefined();
    const back = fromConfigurationData(toConfigurationData(c), MODELS.mk3d, 20);
    expect(back.shifts?.seed).toBe(c.shifts!.seed);
    expect(back.shifts?.temperature).toBe(c.shifts!.temperature);
    expect(Array.from(back.shifts!.planted)).toEqual(Array.from(c.shifts!.planted));
    expect(Array.from(back.positions)).toEqual(Array.from(c.positions));
  });

  it('a state without shifts stays without them', () => {
    const c = randomConfiguration(MODELS.soft2d, 20, 7);
    expect(fromConfigurationData(toConfigurationData(c), MODELS.soft2d, 20).shifts).toBeUndefined();
  });
});
