// The physics errors, one class per kind of failure the physics itself can have (docs/ARCHITECTURE.md, error taxonomy):
// callers retry device failures on another engine, never these (the float64 engine would fail the same way).

/** A descent (steepest descent or FIRE) left the region where its step is stable: the energy rose or a value became non-finite. */
export class DivergenceError extends Error {
  override readonly name = 'DivergenceError';
}

/** True for errors that come from the physics (not from a device, a file or a user's option). */
export function isPhysicsError(e: unknown): e is DivergenceError {
  return e instanceof DivergenceError;
}
