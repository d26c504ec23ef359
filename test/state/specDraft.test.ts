import { describe, expect, it } from 'vitest';
import { defaultDraft, draftFromSpec, MAX_N, parseDraft, parseTemperature, type SpecDraft } from '../../src/state/specDraft.ts';
import { PRESETS, presetSpec } from '../../src/engine/presets.ts';

const draft = (patch: Partial<SpecDraft> = {}): SpecDraft => ({ ...defaultDraft('cpu'), ...patch });

describe('the controls as typed: validation into a run spec', () => {
  it('the default draft is a valid single quench', () => {
    const p = parseDraft(draft(), 'cpu');
    expect(p.errors).toEqual({});
    expect(p.job?.kind).toBe('single');
    expect(p.spec).toMatchObject({ model: 'soft2d', n: 1024, temperature: 0.8, seed: 1, algorithm: 'sd', tMax: 100, fitWindow: { tMin: 3, tMax: 100 } });
  });

  it.each([
    ['n', 'abc', 'N must be a whole number'],
    ['n', '1.5', 'N must be a whole number'],
    ['n', '1', 'N must lie between 2'],
    ['n', String(MAX_N.cpu + 1), 'N must lie between'],
    ['temperature', '-1', 'positive number, or inf'],
    ['temperature', '0', 'positive number, or inf'],
    ['temperature', '1e', 'positive number, or inf'],
    ['seed', '-3', 'the seed must lie between'],
    ['sweeps', '2.5', 'sweeps must be a whole number'],
    ['dt', '0', 'Δt must be a positive number'],
    ['tMax', 'NaN', 't_max must be a positive number'],
    ['fitTMin', '', 'the window start is required'],
    ['n', ' ', 'N is required'],
  ] as const)('%s = "%s" is refused with "%s"', (field, value, message) => {
    const p = parseDraft(draft({ [field]: value }), 'cpu');
    expect(p.spec).toBeNull();
    expect(p.job).toBeNull();
    expect(p.errors[field]).toContain(message);
    expect(Object.keys(p.errors)).toEqual([field]); // one message, on that field only
  });

  it('a window that ends before it starts, and an unstable Δt, are caught', () => {
    expect(parseDraft(draft({ fitTMin: '50', fitTMax: '10' }), 'cpu').errors.fitTMax).toContain('after its start');
    expect(parseDraft(draft({ dt: '0.5' }), 'cpu').errors.dt).toContain('stable step');
  });

  it('Kob–Andersen from T = ∞ is refused on the temperature field (random positions make r⁻¹² diverge)', () => {
    const p = parseDraft(draft({ model: 'ka3d', temperature: 'inf' }), 'cpu');
    expect(p.errors.temperature).toContain('cannot start from T = ∞');
    expect(parseDraft(draft({ model: 'harmonic3d', temperature: 'inf' }), 'cpu').errors).toEqual({});
  });

  it('the GPU engine allows larger N than the float64 engine', () => {
    expect(parseDraft(draft({ n: '200000' }), 'gpu').errors).toEqual({});
    expect(parseDraft(draft({ n: '200000' }), 'cpu').errors.n).toBeDefined();
  });

  it('T = inf is accepted in several spellings', () => {
    for (const s of ['inf', 'Inf', '∞', 'infinity']) expect(parseTemperature(s)).toBe(Infinity);
  });

  it('ensembles, sweeps and comparisons become their jobs', () => {
    expect(parseDraft(draft({ job: 'ensemble', samples: '12' }), 'cpu').job).toMatchObject({ kind: 'ensemble', samples: 12 });
    expect(parseDraft(draft({ job: 'sweep', samples: '3', temperatures: '0.1, 0.2 inf' }), 'cpu').job).toMatchObject({ kind: 'sweep', temperatures: [0.1, 0.2, Infinity], samples: 3 });
    expect(parseDraft(draft({ job: 'sweep', temperatures: '0.1' }), 'cpu').errors.temperatures).toContain('at least two');
    expect(parseDraft(draft({ job: 'sweep', temperatures: '0.1, x' }), 'cpu').errors.temperatures).toContain('"x" is not a temperature');
    expect(parseDraft(draft({ job: 'ensemble', samples: '0' }), 'cpu').errors.samples).toBeDefined();
    expect(parseDraft(draft({ job: 'compare' }), 'cpu').job).toMatchObject({ kind: 'compare', algorithms: ['sd', 'fire', 'cg'] });
  });

  it('every preset round-trips through the draft unchanged', () => {
    for (const p of PRESETS) for (const engine of ['gpu', 'cpu'] as const) {
      const spec = presetSpec(p, engine);
      const back = parseDraft(draftFromSpec(spec, defaultDraft(engine)), engine);
      expect(back.errors).toEqual({});
      expect(back.spec).toEqual(spec);
    }
  });
});
