// The draft fields that depend on the model (N, sweeps, Δt, t_max, the fit window): a model change or a preset resets them to
// the new model's defaults, so that one preset's settings never leak into the next run (issue 13 item 3). A field the user
// typed since the last preset is kept, and the controls mark it.
import { getModel, MODEL_NAMES } from '../physics/models.ts';
import type { DraftField, SpecDraft } from './specDraft.ts';

export const MODEL_FIELDS = ['n', 'sweeps', 'dt', 'tMax', 'fitTMin', 'fitTMax'] as const satisfies readonly DraftField[];
export type ModelField = (typeof MODEL_FIELDS)[number];

/** The model-dependent fields of a fresh draft for this model and engine. Kob–Andersen's Δt = 1e-4 makes t = 10 already
 * 10⁵ steps, so its quench and window are ten times shorter (as in its preset); the others fit [3, 100] (README defaults). */
export function modelDefaults(model: string, engine: 'gpu' | 'cpu'): Pick<SpecDraft, ModelField> {
  const known = (MODEL_NAMES as readonly string[]).includes(model) ? getModel(model) : null;
  const dim = known?.dim ?? 2;
  const n = dim === 3 ? (engine === 'gpu' ? '4000' : '1000') : engine === 'gpu' ? '4096' : '1024';
  const lennardJones = known?.potential.kind.startsWith('lennard-jones') ?? false;
  return lennardJones
    ? { n, sweeps: '5000', dt: '', tMax: '10', fitTMin: '0.3', fitTMax: '10' }
    : { n, sweeps: '2000', dt: '', tMax: '100', fitTMin: '3', fitTMax: '100' };
}

/** A temperature this model can start from: Kob–Andersen cannot start from T = ∞ (its random overlaps diverge). */
export function temperatureFor(model: string, temperature: string): string {
  const known = (MODEL_NAMES as readonly string[]).includes(model) ? getModel(model) : null;
  const infinite = temperature.trim().toLowerCase().startsWith('inf') || temperature.trim() === '∞';
  return known?.potential.kind.startsWith('lennard-jones') && infinite ? '2' : temperature;
}

/** The draft after a model change: model-dependent fields go to the new model's defaults except those in `typed`, which are
 * kept (and returned, so the controls can say so). */
export function draftForModel(draft: SpecDraft, model: string, engine: 'gpu' | 'cpu', typed: readonly DraftField[]): { draft: SpecDraft; kept: ModelField[] } {
  const defaults = modelDefaults(model, engine);
  const next: SpecDraft = { ...draft, model, temperature: temperatureFor(model, draft.temperature), initialState: '' };
  const kept: ModelField[] = [];
  for (const f of MODEL_FIELDS) {
    if (typed.includes(f) && draft[f] !== defaults[f]) kept.push(f);
    else next[f] = defaults[f];
  }
  return { draft: next, kept };
}
