// The JSON every command prints.

/** JSON with non-finite numbers written as strings ("inf") rather than silently as null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x instanceof Float64Array ? Array.from(x) : x));
}
