import { beforeEach, describe, expect, it } from 'vitest';
import { getPreset, PRESETS, presetSpec } from '../../src/engine/presets.ts';
import { MODEL_FIELDS, modelDefaults } from '../../src/state/modelDefaults.ts';
import { defaultDraft } from '../../src/state/specDraft.ts';
import { useSpecStore } from '../../src/state/specStore.ts';

const store = () => useSpecStore.getState();

beforeEach(() => {
  useSpecStore.setState({ engineClass: 'cpu', engine: 'cpu' });
  store().loadSpec(presetSpec(getPreset('soft2d-hot'), 'cpu'));
});

describe('a preset does not leak into the next model (issue 13 item 3)', () => {
  it('after the KA 3D preset, switching to harmonic2d gives harmonic2d its own t_max, window and sweeps', () => {
    store().loadSpec(presetSpec(getPreset('ka3d-hot'), 'cpu'), 'ka3d-hot');
    expect(store().draft).toMatchObject({ tMax: '10', fitTMin: '0.3', fitTMax: '10', sweeps: '5000' });
    store().setField('model', 'harmonic2d');
    expect(store().draft).toMatchObject({ model: 'harmonic2d', tMax: '100', fitTMin: '3', fitTMax: '100', sweeps: '2000', n: '1024', initialState: '' });
    expect(store().spec?.fitWindow).toEqual({ tMin: 3, tMax: 100 });
    expect(store().kept).toEqual([]);
  });

  it('the default soft2d draft is what a model change to soft2d gives', () => {
    const d = defaultDraft('cpu');
    const m = modelDefaults('soft2d', 'cpu');
    for (const f of MODEL_FIELDS) expect(d[f]).toBe(m[f]);
  });

  it('a field the user typed is kept through a model change, and marked as kept', () => {
    store().loadSpec(presetSpec(getPreset('ka3d-hot'), 'cpu'), 'ka3d-hot');
    store().setField('tMax', '50');
    store().setField('model', 'soft3d');
    expect(store().draft).toMatchObject({ tMax: '50', fitTMin: '3', fitTMax: '100', n: '1000' });
    expect(store().kept).toEqual(['tMax']);
    store().setField('tMax', '60');
    expect(store().kept).toEqual([]);
  });

  it('a new preset forgets what was typed: its own settings win', () => {
    store().setField('fitTMin', '5');
    for (const p of PRESETS) {
      store().loadSpec(presetSpec(p, 'gpu'), p.id);
      expect(store().typed).toEqual([]);
      expect(store().spec?.fitWindow).toEqual(p.fitWindow);
    }
  });

  it('switching to Kob–Andersen from a T = ∞ draft picks a finite T instead of an error', () => {
    store().loadSpec(presetSpec(getPreset('harmonic2d-inf'), 'cpu'), 'harmonic2d-inf');
    store().setField('model', 'ka3d');
    expect(store().errors).toEqual({});
    expect(store().spec).toMatchObject({ model: 'ka3d', temperature: 2, tMax: 10, fitWindow: { tMin: 0.3, tMax: 10 } });
  });
});
