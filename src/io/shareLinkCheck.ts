// Hand-written checks of untrusted JSON (a link, a spec file): each reader returns a clean value or throws one FieldProblem
// that names the field by its path. Only own properties are read, and only the fields asked for: nothing is evaluated.
import { quote } from './text.ts';

export class FieldProblem extends Error {}

type Obj = Record<string, unknown>;

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return `"${quote(v)}"`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

export function fail(path: string, problem: string): never {
  throw new FieldProblem(`${path}: ${problem}`);
}

export function object(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, `expected an object, found ${describe(v)}`);
  return v as Obj;
}

/** An own property (never one inherited from Object.prototype, such as "constructor"). */
export function own(o: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Refuses unknown fields (including "__proto__") and missing required ones. */
export function onlyKeys(o: Obj, path: string, required: readonly string[], optional: readonly string[] = []): void {
  for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) fail(path, `unknown field "${quote(k)}"`);
  for (const k of required) if (own(o, k) === undefined) fail(path, `missing field "${k}"`);
}

/** A finite number; −0 reads as 0. */
export function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, `expected a finite number, found ${describe(v)}`);
  return v === 0 ? 0 : v;
}

export function integer(v: unknown, path: string, min: number, max: number): number {
  const x = finite(v, path);
  if (!Number.isInteger(x) || x < min || x > max) fail(path, `expected an integer from ${min} to ${max}, found ${x}`);
  return x;
}

export function positive(v: unknown, path: string, max = Infinity): number {
  const x = finite(v, path);
  if (!(x > 0) || x > max) fail(path, `expected a positive number${max < Infinity ? ` up to ${max}` : ''}, found ${x}`);
  return x;
}

export function boolean(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, `expected true or false, found ${describe(v)}`);
  return v;
}

export function oneOf<T extends string>(v: unknown, path: string, choices: readonly T[]): T {
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) fail(path, `expected one of ${choices.join(', ')}, found ${describe(v)}`);
  return v as T;
}

export function array(v: unknown, path: string, minLength: number, maxLength: number): unknown[] {
  if (!Array.isArray(v)) fail(path, `expected an array, found ${describe(v)}`);
  if (v.length < minLength || v.length > maxLength) fail(path, `expected ${minLength === maxLength ? minLength : `${minLength} to ${maxLength}`} values, found ${v.length}`);
  return v;
}

/** A temperature: a positive finite number, or "inf" (JSON has no Infinity) for T = ∞. */
export function temperature(v: unknown, path: string): number {
  if (v === 'inf' || v === 'Infinity') return Infinity;
  if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) fail(path, `expected a positive temperature or "inf", found ${describe(v)}`);
  return v;
}

export function temperatureJson(t: number): number | 'inf' {
  return t === Infinity ? 'inf' : t;
}

/** Whether JSON text nests arrays and objects at most maxDepth deep (checked before JSON.parse, which would walk any depth). */
export function nestingWithin(text: string, maxDepth: number): boolean {
  let depth = 0, inString = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (inString) {
      if (c === 92) k++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) { if (++depth > maxDepth) return false; }
    else if (c === 93 || c === 125) depth--;
  }
  return true;
}
