// How much of a field's third-order coefficient τ (003 Eq. 28) comes from pairs whose own expansion breaks the bound of
// 003 Eq. (32): along its bond a pair alone gives τ²/(3κχ) = u‴²/(3u″u⁗), which for a pure inverse power r⁻ⁿ is
// (n + 2)/(3(n + 3)) < ⅓. The soft spheres of 000 App. A.1a are smoothed so that u, u′, u″ vanish at x_c while u‴(x_c) ≠ 0:
// in the last ~3% of the range u″ → 0 with u‴ finite, so such a pair breaks the bound on its own, and the cubic cost κ³/τ²
// (Eq. 31) is made small by stretching it. A π3 whose τ3 comes mostly from such pairs is an artefact of the cutoff, its
// quartic expansion valid only until the pair leaves the range (docs/soft-spot-studies.md).
import type { RadialPotential } from '../potentials.ts';
import type { PairExpansion } from './pairExpansion.ts';

// 003 Eq. (32) for one pair along its bond, in the potential's reduced distance x = r/s (ε and s cancel).
export function pairBreaksBound(pot: RadialPotential, x: number): boolean {
  const u3 = pot.d3u(x);
  return u3 * u3 > 3 * pot.d2u(x) * pot.d4u(x);
}

// 003 Eq. (28) restricted to the pairs that break Eq. (32) on their own, as a fraction of the whole U‴⋮zzz.
export function tauShareOfBoundBreakingPairs(pe: PairExpansion, z: Float64Array, pot: RadialPotential): number {
  const { first, second: sec, separations: x, coefficients: A, dim: d, reduced } = pe;
  if (!reduced) throw new Error('the pair expansion carries no reduced distances r/s: build it with pairExpansion()');
  let near = 0, all = 0;
  for (let q = 0; q < first.length; q++) {
    const i = first[q] * d, j = sec[q] * d, o = q * d;
    let p = 0, b = 0;
    for (let a = 0; a < d; a++) { const w = z[j + a] - z[i + a]; p += x[o + a] * w; b += w * w; }
    const u3 = p * (A[4 * q + 2] * p * p + 3 * A[4 * q + 1] * b);
    all += u3;
    if (pairBreaksBound(pot, reduced[q])) near += u3;
  }
  return all === 0 ? 0 : near / all;
}
