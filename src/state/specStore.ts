// The run spec as the controls hold it: a draft of typed text, its per-field messages, and the job it makes when valid.
import { create } from 'zustand';
import type { EngineChoice, LabJob } from '../engine/lab/protocol.ts';
import type { RunSpec } from '../engine/runSpec.ts';
import { draftForModel, type ModelField } from './modelDefaults.ts';
import { defaultDraft, draftFromSpec, parseDraft, type DraftField, type FieldErrors, type SpecDraft } from './specDraft.ts';

interface SpecStore {
  /** 'gpu' when the page found WebGPU (sizes default larger), else 'cpu'. */
  engineClass: 'gpu' | 'cpu';
  engine: EngineChoice;
  draft: SpecDraft;
  errors: FieldErrors;
  spec: RunSpec | null;
  job: LabJob | null;
  /** The preset the draft came from, until a control changes. */
  presetId: string | null;
  /** Fields the user set since the last preset, link or library re-run (typed, or the fit window dragged). */
  typed: DraftField[];
  /** Model-dependent fields kept as typed through the last model change (the controls mark them). */
  kept: ModelField[];
  setField<K extends keyof SpecDraft>(field: K, value: SpecDraft[K]): void;
  loadSpec(spec: RunSpec, presetId?: string | null): void;
  setEngine(engine: EngineChoice, engineClass: 'gpu' | 'cpu'): void;
}

function derive(draft: SpecDraft, engineClass: 'gpu' | 'cpu') {
  const { spec, job, errors } = parseDraft(draft, engineClass);
  return { draft, spec, job, errors };
}

// Fields that change the system: a shipped starting state no longer applies.
const SYSTEM_FIELDS: (keyof SpecDraft)[] = ['model', 'n', 'temperature', 'seed', 'sweeps'];

export const useSpecStore = create<SpecStore>()((set, get) => ({
  engineClass: 'cpu',
  engine: 'auto',
  ...derive(defaultDraft('cpu'), 'cpu'),
  presetId: null,
  typed: [],
  kept: [],
  setField: (field, value) => {
    const { engineClass, typed, kept } = get();
    if (field === 'model') {
      const next = draftForModel(get().draft, String(value), engineClass, typed);
      set({ ...derive(next.draft, engineClass), presetId: null, kept: next.kept });
      return;
    }
    const draft = { ...get().draft, [field]: value };
    if (SYSTEM_FIELDS.includes(field)) draft.initialState = '';
    const isTyped = field !== 'job' && field !== 'initialState';
    set({
      ...derive(draft, engineClass), presetId: null,
      typed: isTyped && !typed.includes(field as DraftField) ? [...typed, field as DraftField] : typed,
      kept: kept.filter((f) => f !== field),
    });
  },
  loadSpec: (spec, presetId = null) => set({ ...derive(draftFromSpec(spec, get().draft), get().engineClass), presetId, typed: [], kept: [] }),
  setEngine: (engine, engineClass) => {
    const old = get();
    const draft = old.engineClass === engineClass ? old.draft : { ...old.draft, n: defaultDraft(engineClass).n, initialState: '' };
    set({ engine, engineClass, ...derive(draft, engineClass) });
  },
}));
