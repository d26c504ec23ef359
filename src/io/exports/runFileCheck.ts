// Field checks of an untrusted run file beyond src/io/shareLinkCheck.ts: exact numbers (−0 kept, so a file round-trips bit for
// bit), number arrays into typed arrays, and configurations checked against the spec's N and the model's dimension.
import type { ConfigurationData } from '../../engine/lab/protocol.ts';
import { array, describe, fail, object, onlyKeys, own, temperature as positiveTemperature } from '../shareLinkCheck.ts';

/** Most particles a run file may hold (the GPU engine's largest N, with room). */
export const MAX_PARTICLES = 1 << 20;

/** A finite number, −0 kept. */
export function exact(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, `expected a finite number, found ${describe(v)}`);
  return v;
}

export function numberList(v: unknown, path: string, minLength: number, maxLength: number): number[] {
  const a = array(v, path, minLength, maxLength);
  const out = new Array<number>(a.length);
  for (let k = 0; k < a.length; k++) out[k] = exact(a[k], `${path}[${k}]`);
  return out;
}

export function float64List(v: unknown, path: string, length: number): Float64Array {
  return Float64Array.from(numberList(v, path, length, length));
}

/** Integers in [min, max] into a Uint8Array. */
export function byteList(v: unknown, path: string, length: number, min = 0, max = 255): Uint8Array {
  const a = numberList(v, path, length, length);
  const out = new Uint8Array(length);
  for (let k = 0; k < length; k++) {
    if (!Number.isInteger(a[k]) || a[k] < min || a[k] > max) fail(`${path}[${k}]`, `expected an integer from ${min} to ${max}, found ${a[k]}`);
    out[k] = a[k];
  }
  return out;
}

export function text(v: unknown, path: string, maxLength: number, allowEmpty = false): string {
  if (typeof v !== 'string') fail(path, `expected text, found ${describe(v)}`);
  if (!allowEmpty && v.length === 0) fail(path, 'is empty');
  if (v.length > maxLength) fail(path, `is longer than ${maxLength} characters`);
  return v;
}

/** A per-particle array must have spec.n entries: say so in those words. */
export function particleCount(v: unknown, path: string, n: number): void {
  if (Array.isArray(v) && v.length !== n) fail(path, `has ${v.length} particles but the spec has N = ${n}`);
}

/** A configuration of exactly `n` particles in `dim` dimensions. */
export function configuration(v: unknown, path: string, n: number, dim: number): ConfigurationData {
  const o = object(v, path);
  onlyKeys(o, path, ['dim', 'box', 'positions', 'diameters', 'species'], ['shifts']);
  if (own(o, 'dim') !== dim) fail(`${path}.dim`, `expected ${dim} (the model's dimension), found ${describe(own(o, 'dim'))}`);
  particleCount(own(o, 'diameters'), `${path}.diameters`, n);
  const box = numberList(own(o, 'box'), `${path}.box`, dim, dim);
  box.forEach((L, a) => { if (!(L > 0)) fail(`${path}.box[${a}]`, `a box side must be positive, found ${L}`); });
  const diameters = float64List(own(o, 'diameters'), `${path}.diameters`, n);
  diameters.forEach((d, i) => { if (!(d > 0)) fail(`${path}.diameters[${i}]`, `a diameter must be positive, found ${d}`); });
  const shifts = own(o, 'shifts');
  return {
    dim, box,
    positions: float64List(own(o, 'positions'), `${path}.positions`, n * dim),
    diameters,
    species: byteList(own(o, 'species'), `${path}.species`, n),
    ...(shifts !== undefined ? { shifts: pairShifts(shifts, `${path}.shifts`, n, dim) } : {}),
  };
}

/** A Mari–Kurchan state's pair shifts as the file keeps them: the Philox seed, the planting T and the N·D planted positions. */
function pairShifts(v: unknown, path: string, n: number, dim: number): NonNullable<ConfigurationData['shifts']> {
  const o = object(v, path);
  onlyKeys(o, path, ['seed', 'temperature', 'planted']);
  const seed = exact(own(o, 'seed'), `${path}.seed`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) fail(`${path}.seed`, `expected an integer from 0 to 4294967295, found ${seed}`);
  const temperature = positiveTemperature(own(o, 'temperature'), `${path}.temperature`); // T = ∞ as "inf"
  return { seed, temperature, planted: float64List(own(o, 'planted'), `${path}.planted`, n * dim) };
}
