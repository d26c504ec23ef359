// Mobility edge λ_e by finite-size scaling of the participation ratio (002 §III B, Eq. 11, Figs. 6–7): the number of
// particles in a mode, N P, grows at least like the linear size L ∝ N^{1/D} for delocalized modes and stays fixed for
// localized ones, so N P / L ∝ N^{(D−1)/D} ⟨P⟩(λ) (N^{2/3} P in 3D) decreases with N below λ_e and increases above it.
// λ_e is the mean crossing of these curves over every pair of system sizes.

export interface SizeSpectrum {
  readonly n: number;
  /** Eigenvalues and participation ratios of the modes pooled over samples at one W level. */
  readonly eigenvalues: readonly number[];
  readonly participation: readonly number[];
}

/** N^{(D−1)/D} ⟨P⟩ averaged in each bin [edges[b], edges[b+1]); NaN for empty bins. */
export function scaledParticipation(s: SizeSpectrum, edges: readonly number[], dim: number): number[] {
  const sum = new Array(edges.length - 1).fill(0), count = new Array(edges.length - 1).fill(0);
  s.eigenvalues.forEach((lam, k) => {
    for (let b = 0; b < edges.length - 1; b++) if (lam >= edges[b] && lam < edges[b + 1]) { sum[b] += s.participation[k]; count[b]++; break; }
  });
  const scale = Math.pow(s.n, (dim - 1) / dim);
  return sum.map((x, b) => (count[b] > 0 ? (scale * x) / count[b] : Number.NaN));
}

// 002 §III B: λ_e as the mean intersection of N^{(D−1)/D}⟨P⟩(λ) for pairs of N; null when no pair crosses from below.
export function mobilityEdge(spectra: readonly SizeSpectrum[], edges: readonly number[], dim: number): { lambdaE: number | null; crossings: number[] } {
  const centers = edges.slice(0, -1).map((e, b) => 0.5 * (e + edges[b + 1]));
  const curves = spectra.map((s) => ({ n: s.n, y: scaledParticipation(s, edges, dim) }));
  const crossings: number[] = [];
  for (let a = 0; a < curves.length; a++) {
    for (let b = 0; b < curves.length; b++) {
      if (!(curves[a].n < curves[b].n)) continue;
      // Δ(λ) = larger N minus smaller N: negative where localized (low λ), positive where delocalized.
      const pts = centers.map((x, k) => [x, curves[b].y[k] - curves[a].y[k]]).filter(([, d]) => Number.isFinite(d));
      for (let k = 0; k + 1 < pts.length; k++) {
        const [x0, d0] = pts[k], [x1, d1] = pts[k + 1];
        if (d0 < 0 && d1 >= 0) { crossings.push(x0 + ((x1 - x0) * -d0) / (d1 - d0)); break; }
      }
    }
  }
  return { lambdaE: crossings.length ? crossings.reduce((s, x) => s + x, 0) / crossings.length : null, crossings };
}
