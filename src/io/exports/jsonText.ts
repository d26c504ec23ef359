// JSON text for exports: like JSON.stringify, but −0 stays −0 (JSON.parse reads "-0" back as −0, so float64 values and typed
// arrays round-trip bit for bit), typed arrays are written as plain number arrays, and a non-finite number is an error
// naming its path (or null, where the caller allows it). Arrays of scalars go on one line; objects one field per line.

export interface JsonTextOptions {
  /** 'null' writes NaN and ±Infinity as null (curves); 'throw' (default) refuses them. */
  nonFinite?: 'throw' | 'null';
}

type Json = unknown;

function numberText(x: number, path: string, o: JsonTextOptions): string {
  if (!Number.isFinite(x)) {
    if (o.nonFinite === 'null') return 'null';
    throw new Error(`${path}: cannot write the non-finite number ${x} as JSON`);
  }
  return Object.is(x, -0) ? '-0' : String(x);
}

const isScalar = (x: unknown) => x === null || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean';

/** Typed arrays and arrays of numbers, strings, booleans and nulls: written on one line. */
function isScalarList(v: Json): v is ArrayLike<Json> {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return typeof (v as unknown as ArrayLike<unknown>)[0] !== 'bigint';
  return Array.isArray(v) && v.length > 0 && v.every(isScalar);
}

function write(v: Json, path: string, indent: string, o: JsonTextOptions): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return numberText(v, path, o);
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (isScalarList(v)) {
    const parts: string[] = new Array<string>(v.length);
    for (let k = 0; k < v.length; k++) parts[k] = write(v[k], `${path}[${k}]`, indent, o);
    return `[${parts.join(',')}]`;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x, k) => inner + write(x, `${path}[${k}]`, inner, o)).join(',\n')}\n${indent}]`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, Json>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, `${path}.${k}`, inner, o)}`).join(',\n')}\n${indent}}`;
  }
  throw new Error(`${path}: cannot write a ${typeof v} as JSON`);
}

/** The JSON text of `value` (ending in a newline). */
export function jsonText(value: Json, options: JsonTextOptions = {}): string {
  return `${write(value, '$', '', options)}\n`;
}
