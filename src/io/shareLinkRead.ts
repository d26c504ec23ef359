// Wire JSON of a v1 link → a SharePayload, every field checked (types, ranges, sizes); the first problem is one FieldProblem
// naming the field (spec.n, job.samples, view.range, result.t[3], …). The result's numbers come back rounded, as written.
import type { RunSpec } from '../engine/runSpec.ts';
import { array, boolean, fail, finite, integer, object, oneOf, onlyKeys, own, positive, temperature } from './shareLinkCheck.ts';
import { readRunSpec } from './shareLinkSpec.ts';
import { getModel } from '../physics/models.ts';
import { SCALING_Z_RANGE, SHARE_COLOR_MODES, SHARE_ENGINES, SHARE_JOB_KINDS, SHARE_LIMITS, type ShareFit, type ShareJob, type SharePayload, type ShareProjection, type ShareResult, type ShareScaling, type ShareView } from './shareLinkTypes.ts';
import { roundResultNumber, SPEC_KEYS } from './shareLinkWire.ts';
import { quote } from './text.ts';
import { MAX_MODE_COUNT, SOFT_SPOT_FIELDS, type LandscapeSettings } from './landscapeSettings.ts';

const L = SHARE_LIMITS;

function readSpec(value: unknown): RunSpec {
  const o = object(value, 'spec');
  const long: Record<string, unknown> = {};
  const byShort = new Map<string, string>(Object.entries(SPEC_KEYS).map(([k, s]) => [s, k]));
  for (const key of Object.keys(o)) {
    const name = byShort.get(key);
    if (name === undefined) fail('spec', `unknown field "${quote(key)}"`);
    long[name] = own(o, key);
  }
  if (long.fitWindow !== undefined) {
    const w = array(long.fitWindow, 'spec.fitWindow', 2, 2);
    long.fitWindow = { tMin: w[0], tMax: w[1] };
  }
  return readRunSpec(long, 'spec', { limits: L });
}

function readJob(value: unknown): ShareJob {
  const o = object(value, 'job');
  const kind = oneOf(own(o, 'k'), 'job.kind', SHARE_JOB_KINDS);
  if (kind === 'single' || kind === 'compare') {
    onlyKeys(o, 'job', ['k']);
    return { kind };
  }
  const samples = integer(own(o, 'M'), 'job.samples', 1, L.maxSamples);
  if (kind === 'ensemble') {
    onlyKeys(o, 'job', ['k', 'M']);
    return { kind, samples };
  }
  onlyKeys(o, 'job', ['k', 'M', 'Ts']);
  const temperatures = array(own(o, 'Ts'), 'job.temperatures', L.minTemperatures, L.maxTemperatures).map((t, i) => temperature(t, `job.temperatures[${i}]`));
  return { kind, samples, temperatures };
}

function readView(value: unknown): ShareView {
  const o = object(value, 'view');
  onlyKeys(o, 'view', ['c', 'r', 'lg', 'ar', 'mg', 'en', 'ls']);
  let range: [number, number] | null = null;
  const r = own(o, 'r');
  if (r !== null) {
    const ab = array(r, 'view.range', 2, 2);
    range = [finite(ab[0], 'view.range[0]'), finite(ab[1], 'view.range[1]')];
    if (!(range[0] < range[1])) fail('view.range', `the lower end must be below the upper, found [${range[0]}, ${range[1]}]`);
  }
  return {
    colorMode: oneOf(own(o, 'c'), 'view.colorMode', SHARE_COLOR_MODES), range, logScale: boolean(own(o, 'lg'), 'view.logScale'),
    arrows: boolean(own(o, 'ar'), 'view.arrows'), magnification: positive(own(o, 'mg'), 'view.magnification', L.maxMagnification),
    showEnergy: boolean(own(o, 'en'), 'view.showEnergy'), showLocalSlope: boolean(own(o, 'ls'), 'view.showLocalSlope'),
  };
}

function roundedNumbers(v: unknown, path: string): number[] {
  return array(v, path, 1, L.maxResultPoints).map((x, i) => roundResultNumber(finite(x, `${path}[${i}]`)));
}

function readFit(value: unknown): ShareFit | null {
  if (value === null) return null;
  const [beta, low, high, tMin, tMax] = array(value, 'result.fit', 5, 5).map((x, i) => roundResultNumber(finite(x, `result.fit[${i}]`)));
  if (!(low <= beta && beta <= high)) fail('result.fit', `β = ${beta} lies outside its interval [${low}, ${high}]`);
  if (!(tMin > 0 && tMin <= tMax)) fail('result.fit', `the window [${tMin}, ${tMax}] must satisfy 0 < t_min ≤ t_max`);
  return { beta, low, high, tMin, tMax };
}

function readResult(value: unknown): ShareResult {
  const o = object(value, 'result');
  onlyKeys(o, 'result', ['t', 'v', 'f', 'e']);
  const t = roundedNumbers(own(o, 't'), 'result.t');
  const speed = roundedNumbers(own(o, 'v'), 'result.speed');
  if (speed.length !== t.length) fail('result.speed', `has ${speed.length} values but result.t has ${t.length}`);
  t.forEach((x, i) => {
    if (x < 0) fail(`result.t[${i}]`, `a time cannot be negative, found ${x}`);
    if (i > 0 && x < t[i - 1]) fail(`result.t[${i}]`, `times must not decrease (${t[i - 1]} then ${x})`);
  });
  speed.forEach((x, i) => { if (x < 0) fail(`result.speed[${i}]`, `a speed cannot be negative, found ${x}`); });
  return { t, speed, fit: readFit(own(o, 'f')), engine: oneOf(own(o, 'e'), 'result.engine', ['gpu', 'cpu'] as const) };
}

function readLandscape(value: unknown): LandscapeSettings {
  const o = object(value, 'landscape');
  onlyKeys(o, 'landscape', ['mq', 'hp', 'k'], ['ss', 'sf', 'sb']);
  const ss = own(o, 'ss'), sf = own(o, 'sf'), sb = own(o, 'sb');
  return {
    modesAlongQuench: boolean(own(o, 'mq'), 'landscape.modesAlongQuench'), harmonicPrediction: boolean(own(o, 'hp'), 'landscape.harmonicPrediction'),
    modeCount: integer(own(o, 'k'), 'landscape.modeCount', 1, MAX_MODE_COUNT),
    softSpots: ss === undefined ? false : boolean(ss, 'landscape.softSpots'),
    softSpotField: sf === undefined ? null : oneOf(sf, 'landscape.softSpotField', SOFT_SPOT_FIELDS),
    softSpotBonds: sb === undefined ? false : boolean(sb, 'landscape.softSpotBonds'),
  };
}

function readScaling(value: unknown): ShareScaling {
  const o = object(value, 'scaling');
  onlyKeys(o, 'scaling', ['N', 'M'], ['z']);
  const sizes = array(own(o, 'N'), 'scaling.sizes', 2, L.maxScalingSizes).map((n, i) => integer(n, `scaling.sizes[${i}]`, L.minNScaling, L.maxNScaling));
  if (new Set(sizes).size !== sizes.length) fail('scaling.sizes', `each size N may appear only once, found ${sizes.join(', ')}`);
  const z = own(o, 'z');
  let slider: number | null = null;
  if (z !== undefined) {
    slider = finite(z, 'scaling.z');
    if (!(slider >= SCALING_Z_RANGE[0] && slider <= SCALING_Z_RANGE[1])) fail('scaling.z', `expected a number from ${SCALING_Z_RANGE[0]} to ${SCALING_Z_RANGE[1]}, found ${slider}`);
  }
  return { sizes, samples: integer(own(o, 'M'), 'scaling.samples', 1, L.maxSamples), z: slider };
}

/** Axes of the spec's model: only for D > 3; 2 or 3 distinct shown axes in [0, D), a hidden one in [0, D) not shown. */
function readProjection(value: unknown, dim: number): ShareProjection {
  if (dim <= 3) fail('projection', `projection axes belong to a model with D > 3, but the spec's model is ${dim}D`);
  const o = object(value, 'projection');
  onlyKeys(o, 'projection', ['sh', 'hd']);
  const shown = array(own(o, 'sh'), 'projection.shown', 2, 3).map((a, i) => integer(a, `projection.shown[${i}]`, 0, dim - 1));
  if (new Set(shown).size !== shown.length) fail('projection.shown', `the shown axes must differ, found ${shown.join(', ')}`);
  const hidden = integer(own(o, 'hd'), 'projection.hidden', 0, dim - 1);
  if (shown.includes(hidden)) fail('projection.hidden', `the hidden axis ${hidden} is one of the shown axes`);
  return { shown, hidden };
}

/** The payload of a v1 link's JSON, or a FieldProblem for its first bad field. */
export function fromWire(value: unknown): SharePayload {
  const o = object(value, 'link');
  onlyKeys(o, 'link', ['s', 'j'], ['vw', 'e', 'r', 'ld', 'sc', 'pj']);
  const spec = readSpec(own(o, 's'));
  const job = readJob(own(o, 'j'));
  const vw = own(o, 'vw'), e = own(o, 'e'), r = own(o, 'r'), ld = own(o, 'ld'), sc = own(o, 'sc'), pj = own(o, 'pj');
  return {
    v: 1, spec, job, ...(vw !== undefined ? { view: readView(vw) } : {}), ...(e !== undefined ? { engine: oneOf(e, 'engine', SHARE_ENGINES) } : {}),
    ...(r !== undefined ? { result: readResult(r) } : {}), ...(ld !== undefined ? { landscape: readLandscape(ld) } : {}),
    ...(sc !== undefined ? { scaling: readScaling(sc) } : {}), ...(pj !== undefined ? { projection: readProjection(pj, getModel(spec.model).dim) } : {}),
  };
}
