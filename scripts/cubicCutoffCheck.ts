// Is the broken bound τ3² > 3κ3χ3 (003 Eq. 32) of our cubic modes an artefact of the soft-sphere cutoff? The same inherent
// structures (random state, FIRE to max|f_i| < 1e-10) with the potential of 000 App. A.1a (u, u′, u″ vanish at x_c: "c2")
// and with one smoothed one order further (u‴ too: "c3"), π3 of each, the bound ratio and the share of τ3 carried by pairs
// that break the bound on their own (src/physics/nonlinear/cutoffShare.ts). Not a model of the app: an experiment.
//   npx tsx scripts/cubicCutoffCheck.ts c2|c3 [model soft2d] [N 400] [samples 12]
import { createLandscape } from '../src/physics/forces.ts';
import { getModel, randomConfiguration, type Model } from '../src/physics/models.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { nonlinearModes, pairExpansion, tauShareOfBoundBreakingPairs } from '../src/physics/nonlinear/index.ts';
import type { RadialPotential } from '../src/physics/potentials.ts';

function solve(M: number[][], b: number[]): number[] {
  const n = b.length; const A = M.map((r, i) => [...r, b[i]]);
  for (let i = 0; i < n; i++) { let p = i; for (let k = i + 1; k < n; k++) if (Math.abs(A[k][i]) > Math.abs(A[p][i])) p = k; [A[i], A[p]] = [A[p], A[i]];
    for (let k = 0; k < n; k++) if (k !== i) { const f = A[k][i] / A[i][i]; for (let j = i; j <= n; j++) A[k][j] -= f * A[i][j]; } }
  return A.map((r, i) => r[n] / r[i]);
}
// u = x^-12 + c0 + c2 x² + c4 x⁴ + c6 x⁶ with u, u′, u″, u‴ = 0 at xc
function c3Potential(xc: number): RadialPotential {
  const x = xc;
  const M = [[1, x ** 2, x ** 4, x ** 6], [0, 2 * x, 4 * x ** 3, 6 * x ** 5], [0, 2, 12 * x ** 2, 30 * x ** 4], [0, 0, 24 * x, 120 * x ** 3]];
  const b = [-(x ** -12), 12 * x ** -13, -156 * x ** -14, 2184 * x ** -15];
  const [c0, c2, c4, c6] = solve(M, b);
  const base = getModel('soft2d').potential;
  return {
    ...base, name: 'soft sphere C3', smoothAtCutoff: 4,
    u: (y) => y ** -12 + c0 + c2 * y ** 2 + c4 * y ** 4 + c6 * y ** 6,
    du: (y) => -12 * y ** -13 + 2 * c2 * y + 4 * c4 * y ** 3 + 6 * c6 * y ** 5,
    d2u: (y) => 156 * y ** -14 + 2 * c2 + 12 * c4 * y ** 2 + 30 * c6 * y ** 4,
    d3u: (y) => -2184 * y ** -15 + 24 * c4 * y + 120 * c6 * y ** 3,
    d4u: (y) => 32760 * y ** -16 + 24 * c4 + 360 * c6 * y ** 2,
    uOfX2: (y2) => y2 ** -6 + c0 + c2 * y2 + c4 * y2 * y2 + c6 * y2 ** 3,
    duOverX: (y2) => -12 * y2 ** -7 + 2 * c2 + 4 * c4 * y2 + 6 * c6 * y2 * y2,
  };
}
const which = process.argv[2] ?? 'c2', name = process.argv[3] ?? 'soft2d', n = Number(process.argv[4] ?? 400), count = Number(process.argv[5] ?? 12);
const base = getModel(name);
const model: Model = which === 'c3' ? { ...base, potential: c3Potential(base.potential.xc) } : base;
if (which === 'c3') { const p = model.potential; console.log('check at xc:', [p.u, p.du, p.d2u, p.d3u].map((f) => f(p.xc).toExponential(1)).join(' ')); }
let broken = 0; const ratios: number[] = [];
for (let seed = 1; seed <= count; seed++) {
  const is = quench(model, randomConfiguration(model, n, seed), { algorithm: 'fire', forceTolerance: 1e-10, maxSteps: 1e6 }).final;
  const land = createLandscape(model, is); const x0 = is.positions.slice();
  const m = nonlinearModes(land, x0); const z = m.cubic.field;
  const share = tauShareOfBoundBreakingPairs(pairExpansion(land, x0), z, model.potential);
  const { kappa: K, tau: T, chi: C } = m.cubic; const r = T * T / (3 * K * C); ratios.push(r); if (r > 1) broken++;
  console.log(`seed ${seed}: κ4=${m.quartic.kappa.toPrecision(3)} κ3=${K.toPrecision(3)} τ3=${T.toPrecision(3)} χ3=${C.toPrecision(3)} ratio=${r.toFixed(2)} share of τ3 from bound-breaking pairs ${share.toFixed(2)} conv=${m.cubic.converged}`);
}
ratios.sort((a, b) => a - b);
console.log(`${which} ${name} N=${n}: broken ${broken}/${count}, median ratio ${ratios[Math.floor(count / 2)].toFixed(2)}`);
