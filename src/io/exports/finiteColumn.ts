// A per-particle column is written whole or not at all, and never with NaN: a non-finite value stops the export with one line
// that names the particle (D²min is finite since d2minField defines it for degenerate neighbourhoods; older runs may hold NaN).

/** Throws "D²min of particle 146 is NaN …" for the first non-finite value of `values`. */
export function assertFiniteColumn(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new Error(`${what} of particle ${i} is ${values[i]}, which a file cannot hold (a run from an older GlassLab): run it again to export it`);
    }
  }
}
