// Spatial structure of one mode e (002 App. C):
//   decay profile d(r) = median of |e_i| over particles at distance r ± Δr/2 from the particle r_d of largest |e_i|   (C1)
//   fitted by d(r) = A (1/r² + 1/(ξ r)) e^{−r/ξ}                                                                    (Eq. 12)
//   local energy δE_i = ½ Σ_j [φ″ (n_ij·e_ij)² + (φ′/r_ij) |e_ij^⊥|²],  e_ij = e_i − e_j   (C2; Σ_i δE_i = eᵀHe = λ)
//   energy profile Λ(r) = Σ_i Θ(r − |r_i − r_e|) δE_i from the particle r_e of most negative δE_i, and Λ_min = min_r Λ(r) (C3).
import type { Box } from '../../space.ts';
import type { PairHessian } from '../../hessian/pairHessian.ts';
import { particleAmplitudes } from './participation.ts';

function distancesFrom(box: Box, positions: Float64Array, center: number): Float64Array {
  const d = box.dim, n = positions.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    for (let a = 0; a < d; a++) {
      let x = positions[i * d + a] - positions[center * d + a];
      x -= box.lengths[a] * Math.round(x / box.lengths[a]);
      r2 += x * x;
    }
    out[i] = Math.sqrt(r2);
  }
  return out;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

export interface DecayProfile {
  /** Bin centres r and the median |e_i| in each (bins with no particle are left out). */
  readonly r: number[];
  readonly d: number[];
  /** Index of the core particle r_d. */
  readonly core: number;
}

// 002 Eq. (C1).
export function decayProfile(box: Box, positions: Float64Array, mode: Float64Array, binWidth = 0.5): DecayProfile {
  const amp = particleAmplitudes(mode, box.dim);
  let core = 0;
  for (let i = 1; i < amp.length; i++) if (amp[i] > amp[core]) core = i;
  const dist = distancesFrom(box, positions, core);
  const bins = new Map<number, number[]>();
  for (let i = 0; i < amp.length; i++) {
    if (i === core) continue;
    const b = Math.round(dist[i] / binWidth); // bin b covers [b − ½, b + ½)·Δr
    if (b === 0) continue;
    (bins.get(b) ?? bins.set(b, []).get(b) as number[]).push(amp[i]);
  }
  const keys = [...bins.keys()].sort((a, b) => a - b);
  return { r: keys.map((b) => b * binWidth), d: keys.map((b) => median(bins.get(b) as number[])), core };
}

/** 002 Eq. (12) up to its amplitude. */
export function decayLaw(r: number, xi: number): number {
  return (1 / (r * r) + 1 / (xi * r)) * Math.exp(-r / xi);
}

// 002 Eq. (12) fitted to d(r) on [rMin, rMax] by least squares in ln d: ln A by the mean for each ξ, ξ by a log-spaced scan
// then golden-section refinement. Returns ξ = Infinity when the data do not decay faster than 1/r² (no finite length).
export function fitDecayLength(profile: { r: readonly number[]; d: readonly number[] }, rMin: number, rMax: number): { xi: number; amplitude: number; points: number } {
  const pts = profile.r.map((r, k) => [r, profile.d[k]]).filter(([r, d]) => r >= rMin && r <= rMax && d > 0);
  if (pts.length < 3) throw new Error(`only ${pts.length} profile points in [${rMin}, ${rMax}]: need 3 to fit ξ`);
  const cost = (xi: number) => {
    const lnA = pts.reduce((s, [r, d]) => s + Math.log(d) - Math.log(decayLaw(r, xi)), 0) / pts.length;
    return { lnA, c: pts.reduce((s, [r, d]) => s + (Math.log(d) - lnA - Math.log(decayLaw(r, xi))) ** 2, 0) };
  };
  let best = 0, bestCost = Infinity;
  const grid = Array.from({ length: 121 }, (_, k) => Math.pow(10, -2 + (k * 6) / 120)); // ξ from 0.01 to 10⁴
  grid.forEach((xi, k) => { const c = cost(xi).c; if (c < bestCost) { bestCost = c; best = k; } });
  if (best === grid.length - 1) return { xi: Infinity, amplitude: Math.exp(cost(grid[best]).lnA), points: pts.length };
  let lo = Math.log(grid[Math.max(0, best - 1)]), hi = Math.log(grid[Math.min(grid.length - 1, best + 1)]);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 80; it++) {
    const a = hi - g * (hi - lo), b = lo + g * (hi - lo);
    if (cost(Math.exp(a)).c < cost(Math.exp(b)).c) hi = b; else lo = a;
  }
  const xi = Math.exp(0.5 * (lo + hi));
  return { xi, amplitude: Math.exp(cost(xi).lnA), points: pts.length };
}

// 002 Eq. (C2): δE_i from the pair blocks, ½ e_ijᵀ K_ij e_ij shared equally by i and j (so Σ_i δE_i = eᵀ H e).
export function localModeEnergy(h: PairHessian, mode: Float64Array): Float64Array {
  const d = h.dim, out = new Float64Array(h.n);
  const w = new Float64Array(d);
  for (let p = 0; p < h.first.length; p++) {
    const i = h.first[p], j = h.second[p], k = p * d * d;
    for (let a = 0; a < d; a++) w[a] = mode[i * d + a] - mode[j * d + a];
    let q = 0;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) q += w[a] * h.blocks[k + a * d + b] * w[b];
    out[i] += 0.5 * q; out[j] += 0.5 * q;
  }
  return out;
}

export interface EnergyProfile {
  /** Distances of the particles from r_e, ascending, and Λ at each (the running sum of δE_i). */
  readonly r: number[];
  readonly lambda: number[];
  readonly lambdaMin: number;
  /** r at which Λ is smallest: a localization length. */
  readonly rMin: number;
  readonly core: number;
}

// 002 Eq. (C3).
export function energyProfile(box: Box, positions: Float64Array, h: PairHessian, mode: Float64Array): EnergyProfile {
  const de = localModeEnergy(h, mode);
  let core = 0;
  for (let i = 1; i < de.length; i++) if (de[i] < de[core]) core = i;
  const dist = distancesFrom(box, positions, core);
  const order = Array.from(dist.keys()).sort((a, b) => dist[a] - dist[b]);
  const r: number[] = [], lambda: number[] = [];
  let sum = 0, lambdaMin = Infinity, rMin = 0;
  for (const i of order) {
    sum += de[i];
    r.push(dist[i]);
    lambda.push(sum);
    if (sum < lambdaMin) { lambdaMin = sum; rMin = dist[i]; }
  }
  return { r, lambda, lambdaMin, rMin, core };
}
