// Localization of a mode e (Σ_i |e_i|² = 1): the participation ratio P = 1/(N Σ_i |e_i|⁴) (002 Eq. 11);
// P = 1 when every particle moves equally, 1/N when one particle moves.

// 002 Eq. (11).
export function participationRatio(mode: Float64Array, dim: number): number {
  const n = mode.length / dim;
  let norm = 0, fourth = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < dim; a++) s += mode[i * dim + a] * mode[i * dim + a];
    norm += s;
    fourth += s * s;
  }
  if (!(norm > 0)) throw new Error('the participation ratio of a zero vector is undefined');
  return (norm * norm) / (n * fourth);
}

/** |e_i| per particle. */
export function particleAmplitudes(mode: Float64Array, dim: number): Float64Array {
  const n = mode.length / dim;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < dim; a++) s += mode[i * dim + a] * mode[i * dim + a];
    out[i] = Math.sqrt(s);
  }
  return out;
}
