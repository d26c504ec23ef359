// The harmonic prediction of the late steepest-descent relaxation (000 App. B). Near an inherent structure with Hessian
// eigenpairs (λ_a, x_a), ζ dΔr/dt = −H Δr (ζ = 1) gives c_a(t) = c_a(0) e^{−λ_a t}, and equipartition ⟨c_a(0)²⟩ = T/λ_a:
//   ⟨E(t)⟩ − E_∞ = ½ Σ_a λ_a ⟨c_a(t)²⟩ = (T/2) Σ_a e^{−2λ_a t}                              (000 Eq. B3)
//   v = −H Δr = −Σ_a λ_a c_a x_a  ⇒  ⟨|v|²⟩ = Σ_a λ_a² ⟨c_a²⟩ e^{−2λ_a t} = T Σ_a λ_a e^{−2λ_a t},
// and per particle, as the lab plots it (|v| = √W, W = (1/N) Σ_i |f_i|², 002 Eq. 1):
//   ⟨W(t)⟩ = (T/N) Σ_a λ_a e^{−2λ_a t},   ⟨|v(t)|⟩ ≈ √⟨W(t)⟩  (fluctuations of W are O(1/N)).
// Only stable modes (λ_a > 0) enter; a weighted spectrum (e.g. from stochastic quadrature) stands in for the full one.

export interface WeightedSpectrum {
  readonly values: ArrayLike<number>;
  /** How many modes each value stands for (default 1 each). */
  readonly weights?: ArrayLike<number>;
}

function sumOver(s: WeightedSpectrum, f: (lambda: number) => number): number {
  let total = 0;
  for (let a = 0; a < s.values.length; a++) if (s.values[a] > 0) total += (s.weights ? s.weights[a] : 1) * f(s.values[a]);
  return total;
}

// 000 Eq. (B3).
export function harmonicEnergyExcess(s: WeightedSpectrum, temperature: number, t: number): number {
  return 0.5 * temperature * sumOver(s, (l) => Math.exp(-2 * l * t));
}

// ⟨W(t)⟩ = (T/N) Σ_a λ_a e^{−2λ_a t}, derived above from 000 Eq. (B2).
export function harmonicMeanSquaredForce(s: WeightedSpectrum, temperature: number, n: number, t: number): number {
  return (temperature / n) * sumOver(s, (l) => l * Math.exp(-2 * l * t));
}

export function harmonicSpeed(s: WeightedSpectrum, temperature: number, n: number, t: number): number {
  return Math.sqrt(harmonicMeanSquaredForce(s, temperature, n, t));
}
