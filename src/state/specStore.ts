// The run spec as the controls hold it: a draft of typed text, its per-field messages, and the job it makes when valid.
import { create } from 'zustand';
import type { EngineChoice, LabJob } from '../engine/lab/protocol.ts';
import type { RunSpec } from '../engine/runSpec.ts';
import { defaultDraft, draftFromSpec, parseDraft, type FieldErrors, type SpecDraft } from './specDraft.ts';

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
  setField: (field, value) => {
    const draft = { ...get().draft, [field]: value };
    if (SYSTEM_FIELDS.includes(field)) draft.initialState = '';
    set({ ...derive(draft, get().engineClass), presetId: null });
  },
  loadSpec: (spec, presetId = null) => set({ ...derive(draftFromSpec(spec, get().draft), get().engineClass), presetId }),
  setEngine: (engine, engineClass) => {
    const old = get();
    const draft = old.engineClass === engineClass ? old.draft : { ...old.draft, n: defaultDraft(engineClass).n, initialState: '' };
    set({ engine, engineClass, ...derive(draft, engineClass) });
  },
}));
