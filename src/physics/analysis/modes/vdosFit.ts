// Low-frequency density of states g(ω) = A0 ω^{D−1} + A4 ω⁴ (Debye phonons plus quasi-localized modes; 000 App. B),
// ω = √λ, normalized per mode: ∫ g dω = 1. Fitted on the cumulative fraction, which needs no histogram binning:
//   C(ω) = ∫_0^ω g = A0 ω^D / D + A4 ω⁵ / 5,   C(ω_k) ≈ (k − ½)/M for the k-th lowest of M frequencies,
// by linear least squares over the frequencies below ωMax.

// 000 App. B: g(ω) = A0 ω^{D−1} + A4 ω⁴.
export function fitLowFrequencyDos(eigenvalues: ArrayLike<number>, dim: number, omegaMax: number): { a0: number; a4: number; points: number } {
  const omegas = Array.from(eigenvalues).filter((l) => l > 0).map(Math.sqrt).sort((a, b) => a - b);
  const m = eigenvalues.length;
  let s11 = 0, s12 = 0, s22 = 0, b1 = 0, b2 = 0, points = 0;
  omegas.forEach((w, k) => {
    if (w > omegaMax) return;
    const c = (k + 0.5) / m;
    const x1 = Math.pow(w, dim) / dim, x2 = Math.pow(w, 5) / 5;
    s11 += x1 * x1; s12 += x1 * x2; s22 += x2 * x2; b1 += x1 * c; b2 += x2 * c;
    points++;
  });
  if (points < 3) throw new Error(`only ${points} modes below ω = ${omegaMax}: need 3 to fit A0 and A4`);
  const det = s11 * s22 - s12 * s12;
  return { a0: (b1 * s22 - b2 * s12) / det, a4: (s11 * b2 - s12 * b1) / det, points };
}
