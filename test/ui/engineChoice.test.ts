import { describe, expect, it } from 'vitest';
import { chooseEngine, softwareAdapter } from '../../src/ui/useEngineDetection.ts';

describe('the engine the page picks (issue 13 item 2)', () => {
  it('recognises software adapters by isFallbackAdapter or by name', () => {
    expect(softwareAdapter({ info: { vendor: 'google', architecture: 'swiftshader', description: '' } })).toBe(true);
    expect(softwareAdapter({ info: { description: 'llvmpipe (LLVM 15.0.6, 256 bits)' } })).toBe(true);
    expect(softwareAdapter({ isFallbackAdapter: true, info: { vendor: 'x' } })).toBe(true);
    expect(softwareAdapter({ info: { vendor: 'nvidia', architecture: 'ada', isFallbackAdapter: false } })).toBe(false);
  });

  it('runs float64 on a software adapter and says why; ?engine=gpu and ?engine=cpu still win', () => {
    const swift = { state: 'gpu' as const, adapter: 'google swiftshader', software: true };
    const chosen = chooseEngine(swift, null);
    expect(chosen.state).toBe('cpu');
    expect(chosen.state === 'cpu' && chosen.reason).toContain('software adapter (google swiftshader), about 40× slower than the float64 engine');
    expect(chooseEngine(swift, 'auto').state).toBe('cpu');
    expect(chooseEngine(swift, 'gpu')).toEqual(swift);
    const real = { state: 'gpu' as const, adapter: 'nvidia ada', software: false };
    expect(chooseEngine(real, null)).toEqual(real);
    expect(chooseEngine(real, 'cpu')).toEqual({ state: 'cpu', reason: 'the float64 engine was asked for (?engine=cpu)', adapter: real.adapter });
    expect(chooseEngine({ state: 'cpu', reason: 'this browser has no WebGPU' }, 'gpu').state).toBe('cpu');
  });
});
