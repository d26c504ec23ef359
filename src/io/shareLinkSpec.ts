// A run spec as untrusted JSON (a link's spec, a `glasslab run --spec` file) → a RunSpec: types and sizes checked here, the
// physics by validateRunSpec; T = ∞ travels as "inf". One FieldProblem names the first bad field.
import { RUN_LIMITS, type SpecSizeLimits } from '../engine/limits.ts';
import { DEFAULT_SPEC, validateRunSpec, type RunSpec } from '../engine/runSpec.ts';
import { ALGORITHMS } from '../physics/descent/quench.ts';
import { MODEL_NAMES } from '../physics/models.ts';
import { fail, finite, integer, object, oneOf, onlyKeys, own, positive, temperature, temperatureJson } from './shareLinkCheck.ts';

/** Bounds on N, sweeps and t_max: the one table's (src/engine/limits.ts) unless a reader of past runs' records widens them. */
export type SpecLimits = SpecSizeLimits;

export interface ReadSpecOptions {
  limits?: SpecLimits;
  /** Fill missing seed, sweeps, algorithm, tMax, forceTolerance and fitWindow from DEFAULT_SPEC (spec files; links carry all). */
  defaults?: boolean;
}

/** The JSON form of a spec (what a spec file holds). */
export type RunSpecJson = Omit<RunSpec, 'temperature'> & { temperature: number | 'inf' };

const REQUIRED = ['model', 'n', 'temperature', 'seed', 'sweeps', 'algorithm', 'tMax', 'forceTolerance', 'fitWindow'] as const;
const OPTIONAL = ['dt', 'initialState'] as const;

export function runSpecToJson(spec: RunSpec): RunSpecJson {
  return { ...spec, temperature: temperatureJson(spec.temperature), fitWindow: { ...spec.fitWindow } };
}

export function readRunSpec(value: unknown, path: string, options: ReadSpecOptions = {}): RunSpec {
  const o = object(value, path);
  onlyKeys(o, path, options.defaults ? ['model', 'n', 'temperature'] : REQUIRED, options.defaults ? [...REQUIRED, ...OPTIONAL] : OPTIONAL);
  const at = (k: string) => `${path}.${k}`;
  const given = (k: string) => own(o, k) !== undefined;
  const lim = options.limits ?? RUN_LIMITS;
  const model = oneOf(own(o, 'model'), at('model'), MODEL_NAMES);
  const n = integer(own(o, 'n'), at('n'), 2, lim.maxN);
  const T = temperature(own(o, 'temperature'), at('temperature'));
  const seed = given('seed') ? integer(own(o, 'seed'), at('seed'), 0, 0xffffffff) : DEFAULT_SPEC.seed;
  const sweeps = given('sweeps') ? integer(own(o, 'sweeps'), at('sweeps'), 0, lim.maxSweeps) : DEFAULT_SPEC.sweeps;
  const algorithm = given('algorithm') ? oneOf(own(o, 'algorithm'), at('algorithm'), ALGORITHMS) : DEFAULT_SPEC.algorithm;
  const dt = given('dt') ? positive(own(o, 'dt'), at('dt')) : undefined;
  const tMax = given('tMax') ? positive(own(o, 'tMax'), at('tMax'), lim.maxTMax) : DEFAULT_SPEC.tMax;
  const forceTolerance = given('forceTolerance') ? finite(own(o, 'forceTolerance'), at('forceTolerance')) : DEFAULT_SPEC.forceTolerance;
  let fitWindow = { tMin: DEFAULT_SPEC.fitWindow.tMin, tMax: Math.min(DEFAULT_SPEC.fitWindow.tMax, tMax) };
  if (given('fitWindow')) {
    const w = object(own(o, 'fitWindow'), at('fitWindow'));
    onlyKeys(w, at('fitWindow'), ['tMin', 'tMax']);
    fitWindow = { tMin: finite(own(w, 'tMin'), at('fitWindow.tMin')), tMax: finite(own(w, 'tMax'), at('fitWindow.tMax')) };
  }
  const state = own(o, 'initialState');
  if (state !== undefined && typeof state !== 'string') fail(at('initialState'), 'expected a state file name');
  const spec: RunSpec = {
    model, n, temperature: T, seed, sweeps, algorithm, ...(dt !== undefined ? { dt } : {}), tMax, forceTolerance, fitWindow,
    ...(state !== undefined ? { initialState: state } : {}),
  };
  try {
    return validateRunSpec(spec, lim);
  } catch (e) {
    return fail(path, e instanceof Error ? e.message : String(e));
  }
}
