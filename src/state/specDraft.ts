// The lab's controls as typed text (a draft) and its validation into a run spec and a job: every field gets its own clear
// message as it is typed, and nothing invalid ever reaches the engine (Run stays disabled while any message stands).
import type { LabJob } from '../engine/lab/protocol.ts';
import { jobLimitProblem, LimitProblem, RUN_LIMITS, specLimitProblem } from '../engine/limits.ts';
import { DEFAULT_SPEC, validateRunSpec, type RunSpec } from '../engine/runSpec.ts';
import { ALGORITHMS, type Algorithm } from '../physics/descent/quench.ts';
import { getModel, MODEL_NAMES, type ModelName } from '../physics/models.ts';

export const JOB_KINDS = ['single', 'ensemble', 'sweep', 'compare'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface SpecDraft {
  model: string;
  n: string;
  temperature: string;
  seed: string;
  sweeps: string;
  algorithm: string;
  /** Blank: the model's default. */
  dt: string;
  tMax: string;
  fitTMin: string;
  fitTMax: string;
  job: JobKind;
  samples: string;
  /** Comma- or space-separated temperatures of a sweep. */
  temperatures: string;
  /** A shipped starting state (presets); cleared when model, N or T change. */
  initialState: string;
}

export type DraftField = Exclude<keyof SpecDraft, 'job' | 'initialState'>;
export type FieldErrors = Partial<Record<DraftField, string>>;

/** Largest N each engine accepts in the lab (the GPU engine's buffers; what the float64 engine runs live): src/engine/limits.ts. */
export const MAX_N = { gpu: RUN_LIMITS.maxN, cpu: RUN_LIMITS.maxNFloat64 } as const;

export function defaultDraft(engine: 'gpu' | 'cpu'): SpecDraft {
  return {
    model: 'soft2d', n: engine === 'gpu' ? '4096' : '1024', temperature: '0.8', seed: String(DEFAULT_SPEC.seed), sweeps: '2000',
    algorithm: 'sd', dt: '', tMax: '100', fitTMin: String(DEFAULT_SPEC.fitWindow.tMin), fitTMax: String(DEFAULT_SPEC.fitWindow.tMax),
    job: 'single', samples: '10', temperatures: '0.05, 0.1, 0.2, 0.3, 0.5, 0.8', initialState: '',
  };
}

/** Reads a temperature: a positive number, or inf/∞ for uniform random positions. */
export function parseTemperature(text: string): number {
  const s = text.trim().toLowerCase();
  if (s === 'inf' || s === '∞' || s === 'infinity') return Infinity;
  const x = strictNumber(s);
  if (!(x > 0) || !Number.isFinite(x)) throw new Error('a temperature is a positive number, or inf for T = ∞');
  return x;
}

function strictNumber(text: string): number {
  const s = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number.NaN;
  return Number(s);
}

function required(text: string, what: string): void {
  if (text.trim() === '') throw new Error(`${what} is required`);
}

function integerField(text: string, min: number, max: number, what: string): number {
  required(text, what);
  const x = strictNumber(text);
  if (!Number.isInteger(x)) throw new Error(`${what} must be a whole number`);
  if (x < min || x > max) throw new Error(`${what} must lie between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}`);
  return x;
}

function positiveField(text: string, what: string, max = Infinity): number {
  required(text, what);
  const x = strictNumber(text);
  if (!(x > 0) || !Number.isFinite(x)) throw new Error(`${what} must be a positive number`);
  if (x > max) throw new Error(`${what} must be at most ${max}`);
  return x;
}

export interface ParsedDraft {
  spec: RunSpec | null;
  job: LabJob | null;
  errors: FieldErrors;
}

/** Validates every field (one message per field) and, when all pass, builds the spec and the job. */
export function parseDraft(d: SpecDraft, engine: 'gpu' | 'cpu'): ParsedDraft {
  const errors: FieldErrors = {};
  const take = <T>(field: DraftField, read: () => T): T | undefined => {
    try { return read(); } catch (e) { errors[field] = (e as Error).message; return undefined; }
  };
  const model = take('model', () => { if (!(MODEL_NAMES as readonly string[]).includes(d.model)) throw new Error(`choose a model`); return getModel(d.model); });
  const n = take('n', () => integerField(d.n, RUN_LIMITS.minN, MAX_N[engine], 'N'));
  const temperature = take('temperature', () => parseTemperature(d.temperature));
  const seed = take('seed', () => integerField(d.seed, 0, 2 ** 32 - 1, 'the seed'));
  const sweeps = take('sweeps', () => integerField(d.sweeps, 0, RUN_LIMITS.maxSweeps, 'sweeps'));
  const algorithm = take('algorithm', () => { if (!(ALGORITHMS as readonly string[]).includes(d.algorithm)) throw new Error('choose sd, fire or cg'); return d.algorithm as Algorithm; });
  const dt = take('dt', () => (d.dt.trim() === '' ? undefined : positiveField(d.dt, 'Δt')));
  const tMax = take('tMax', () => positiveField(d.tMax, 't_max', RUN_LIMITS.maxTMax));
  const fitTMin = take('fitTMin', () => positiveField(d.fitTMin, 'the window start'));
  const fitTMax = take('fitTMax', () => positiveField(d.fitTMax, 'the window end'));
  if (fitTMin !== undefined && fitTMax !== undefined && !(fitTMin < fitTMax)) errors.fitTMax = 'the window end must be after its start';
  const dtProblem = dt !== undefined && model ? specLimitProblem({ model: model.name as ModelName, n: RUN_LIMITS.minN, sweeps: 0, tMax: 1, dt }) : null;
  if (dtProblem) errors.dt = dtProblem.message;
  let samples = 1;
  const fromTable = (problem: LimitProblem | null) => { if (problem) throw problem; };
  if (d.job === 'ensemble' || d.job === 'sweep') {
    samples = take('samples', () => { const m = integerField(d.samples, 1, RUN_LIMITS.maxSamples, 'samples'); fromTable(jobLimitProblem({ samples: m })); return m; }) ?? 1;
  }
  let temperatures: number[] = [];
  if (d.job === 'sweep') {
    temperatures = take('temperatures', () => {
      const parts = d.temperatures.split(/[\s,;]+/).filter(Boolean);
      if (parts.length < RUN_LIMITS.minTemperatures) throw new Error('give at least two temperatures, e.g. 0.1, 0.2, 0.4');
      fromTable(jobLimitProblem({ temperatures: parts.map(() => 1) }));
      return parts.map((p) => { try { return parseTemperature(p); } catch { throw new Error(`"${p}" is not a temperature`); } });
    }) ?? [];
  }
  if (Object.keys(errors).length > 0 || !model) return { spec: null, job: null, errors };
  const spec: RunSpec = {
    model: model.name as ModelName, n: n!, temperature: temperature!, seed: seed!, sweeps: sweeps!, algorithm: algorithm!,
    ...(dt !== undefined ? { dt } : {}), tMax: tMax!, forceTolerance: 0, fitWindow: { tMin: fitTMin!, tMax: fitTMax! },
    ...(d.initialState ? { initialState: d.initialState } : {}),
  };
  try { validateRunSpec(spec); } catch (e) {
    const message = (e as Error).message;
    const field: DraftField = e instanceof LimitProblem ? e.field : message.includes('T = ∞') ? 'temperature' : 'model';
    return { spec: null, job: null, errors: { [field]: message } };
  }
  const job: LabJob =
    d.job === 'ensemble' ? { kind: 'ensemble', spec, samples }
    : d.job === 'sweep' ? { kind: 'sweep', spec, temperatures, samples }
    : d.job === 'compare' ? { kind: 'compare', spec, algorithms: ['sd', 'fire', 'cg'] }
    : { kind: 'single', spec };
  return { spec, job, errors };
}

function temperatureText(t: number): string {
  return Number.isFinite(t) ? String(t) : 'inf';
}

/** The draft that shows a spec (presets, and issue 5's links). */
export function draftFromSpec(spec: RunSpec, base: SpecDraft): SpecDraft {
  return {
    ...base, model: spec.model, n: String(spec.n), temperature: temperatureText(spec.temperature), seed: String(spec.seed),
    sweeps: String(spec.sweeps), algorithm: spec.algorithm, dt: spec.dt === undefined ? '' : String(spec.dt), tMax: String(spec.tMax),
    fitTMin: String(spec.fitWindow.tMin), fitTMax: String(spec.fitWindow.tMax), initialState: spec.initialState ?? '',
  };
}
