// Objects keyed by strings a user or a file chose (curve names, column names): "__proto__", "constructor" or "toString" must be
// plain keys like any other. New ones are created without a prototype, and a key is read only when it is the object's own
// (objects that come back from IndexedDB or JSON have Object.prototype again).

/** An empty object for user-chosen keys: no prototype, so `o["__proto__"] = v` stores v under that key. */
export function keyedByUser<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `o[key]` when `key` is o's own property; never an inherited one (Object.prototype.constructor for "constructor"). */
export function ownValue<T>(o: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** The same entries in an object without a prototype. */
export function keyedEntries<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const o = keyedByUser<T>();
  for (const [k, v] of entries) o[k] = v;
  return o;
}
