// Nonlinear conjugate gradients on the unit sphere for the degree-0 costs E4 = κ²/χ and E3 = κ³/τ² (003 Eqs. 12, 31;
// App. B minimizes them with CG keeping z normalized). Each step moves along the great circle z cos θ + d̂ sin θ of the
// search direction d: one sweep (greatCircleOf) gives κ, τ, χ at every θ in closed form, so the line search finds the
// first minimum along the circle to round-off. The direction is Polak–Ribière (β ≥ 0) with the previous direction and
// gradient carried along the circle by parallel transport; a non-descent direction restarts on −∇E. Vectors live in
// the mode space (translations and any left-out rattlers projected out, hessian/modeSpace.ts).
// The steps are written as generators that yield their two kinds of sweep (the fields of z, the great circle through z and d̂)
// as requests: nonlinearModeMinimizer answers them on the float64 pairs at once, and an asynchronous driver (runSweepsAsync)
// can answer them from another engine (the GPU contractions, src/gpu/nonlinearContractions.ts) while the CG stays float64.
import { projectModeSpace, type ModeSpace } from '../hessian/modeSpace.ts';
import { circleValue, expansionFields, expansionFieldsOf, greatCircleOf, type ExpansionCoefficients, type ExpansionFields, type GreatCircle } from './contractions.ts';
import { modeCost, stationarityField, type ModeOrder } from './modeCost.ts';
import type { PairExpansion } from './pairExpansion.ts';

export interface NonlinearModeState {
  readonly order: ModeOrder;
  /** The unit field z. */
  z: Float64Array;
  /** ∇E at z (tangent to the sphere). */
  gradient: Float64Array;
  direction: Float64Array;
  coefficients: ExpansionCoefficients;
  cost: number;
  /** |M·z − c U| / |M·z|: the relative residual of 003 Eq. (8) (quartic) or Eq. (26) (cubic). */
  residual: number;
  iterations: number;
  /** Sweeps over the pairs so far (each step costs two). */
  sweeps: number;
  /** The last accepted angle along the great circle (the next line search starts its bracket from it). */
  lastAngle: number;
}

export interface NonlinearModeParams {
  order: ModeOrder;
  space: ModeSpace;
}

function dotOf(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

/** What a CG step asks of the contractions: the fields of z (written into `out`), or the great circle through z and d̂. */
export type SweepRequest =
  | { readonly kind: 'fields'; readonly z: Float64Array; readonly out: ExpansionFields }
  | { readonly kind: 'circle'; readonly z: Float64Array; readonly dir: Float64Array };
export type SweepAnswer = ExpansionCoefficients | GreatCircle;
/** A computation that yields sweep requests and gets their answers back. */
export type Sweeping<T> = Generator<SweepRequest, T, SweepAnswer>;

/** The contractions an engine provides: the fields of z with its κ, τ, χ (expansionFieldsOf), and the great circle (greatCircleOf). */
export interface ContractionSweeps {
  fields(z: Float64Array, out: ExpansionFields): ExpansionCoefficients;
  circle(z: Float64Array, dir: Float64Array): GreatCircle;
}
export interface AsyncContractionSweeps {
  fields(z: Float64Array, out: ExpansionFields): Promise<ExpansionCoefficients>;
  circle(z: Float64Array, dir: Float64Array): Promise<GreatCircle>;
}

/** The float64 sweeps over the pairs of `pe`. */
export function pairSweeps(pe: PairExpansion): ContractionSweeps {
  return { fields: (z, out) => expansionFieldsOf(pe, z, out), circle: (z, dir) => greatCircleOf(pe, z, dir) };
}

/** Runs a Sweeping computation, answering each request with `sweeps`. */
export function runSweeps<T>(g: Sweeping<T>, sweeps: ContractionSweeps): T {
  let r = g.next();
  while (!r.done) r = g.next(r.value.kind === 'fields' ? sweeps.fields(r.value.z, r.value.out) : sweeps.circle(r.value.z, r.value.dir));
  return r.value;
}

/** As runSweeps, with sweeps that answer asynchronously (a GPU's). */
export async function runSweepsAsync<T>(g: Sweeping<T>, sweeps: AsyncContractionSweeps): Promise<T> {
  let r = g.next();
  while (!r.done) r = g.next(r.value.kind === 'fields' ? await sweeps.fields(r.value.z, r.value.out) : await sweeps.circle(r.value.z, r.value.dir));
  return r.value;
}

/** The field z = start projected into the mode space and normalized, with its cost, gradient and residual. */
function* evaluate(params: NonlinearModeParams, z: Float64Array, fields: ExpansionFields, gradient: Float64Array): Sweeping<{ coefficients: ExpansionCoefficients; cost: number; residual: number }> {
  const coefficients = (yield { kind: 'fields', z, out: fields }) as ExpansionCoefficients;
  const { kappa, tau, chi } = coefficients;
  const cost = modeCost(params.order, kappa, tau, chi).value;
  if (!Number.isFinite(cost)) {
    throw new Error(params.order === 'quartic'
      ? `the quartic cost κ²/χ is undefined at this field (χ = ${chi.toPrecision(4)} ≤ 0): start from a stable inherent structure's lowest mode`
      : `the cubic cost κ³/τ² is undefined at this field (τ = 0): start from a field with a cubic term, such as the quartic mode`);
  }
  const prefactor = stationarityField(params.order, coefficients, fields, gradient);
  projectModeSpace(params.space, gradient);
  let r2 = 0, m2 = 0;
  for (let k = 0; k < gradient.length; k++) { r2 += gradient[k] * gradient[k]; m2 += fields.mz[k] * fields.mz[k]; }
  const residual = Math.sqrt(r2 / m2);
  for (let k = 0; k < gradient.length; k++) gradient[k] *= prefactor;
  return { coefficients, cost, residual };
}

// 003 App. B: minimize E4 or E3 on the sphere, starting from `start` (the lowest harmonic mode for π4, π4 for π3); m = N·D.
// init and step as Sweeping computations: any engine's contractions can answer their sweeps.
export function nonlinearModeSteps(m: number, params: NonlinearModeParams) {
  const fields = expansionFields(m);
  const previousGradient = new Float64Array(m);

  const init = function* (start: Float64Array): Sweeping<NonlinearModeState> {
    if (start.length !== m) throw new Error(`the start field has ${start.length} components, expected N·D = ${m}`);
    const z = projectModeSpace(params.space, start.slice());
    const norm = Math.sqrt(dotOf(z, z));
    if (!(norm > 0)) throw new Error('the start field is zero once translations (and left-out rattlers) are projected out');
    for (let k = 0; k < m; k++) z[k] /= norm;
    const gradient = new Float64Array(m);
    const e = yield* evaluate(params, z, fields, gradient);
    const direction = Float64Array.from(gradient, (g) => -g);
    return { order: params.order, z, gradient, direction, ...e, iterations: 0, sweeps: 1, lastAngle: 0.05 };
  };

  /** E(θ) and E′(θ) along the circle; NaN where the cost is undefined. */
  const along = (circle: GreatCircle, theta: number) => {
    const k = circleValue(circle.second, theta), t = circleValue(circle.third, theta), c = circleValue(circle.fourth, theta);
    return modeCost(params.order, k.value, t.value, c.value, k.slope, t.slope, c.slope);
  };

  // The first local minimum of E(θ) for θ > 0: probe θ0·2^k until E′ ≥ 0 (or the cost breaks down, a pole of E3 or
  // χ ≤ 0, past which E cannot be followed), then bisect on the sign of E′.
  const lineSearch = (circle: GreatCircle, theta0: number): number => {
    let lo = 0, hi = NaN;
    for (let theta = theta0; theta <= Math.PI / 2; theta *= 2) {
      const e = along(circle, theta);
      if (!(e.slope < 0)) { hi = theta; break; }
      lo = theta;
    }
    if (Number.isNaN(hi)) return lo;
    for (let k = 0; k < 200 && hi - lo > 1e-15 * Math.max(1, hi); k++) {
      const mid = 0.5 * (lo + hi);
      if (along(circle, mid).slope < 0) lo = mid; else hi = mid;
    }
    return lo > 0 ? lo : 0.5 * hi;
  };

  const step = function* (s: NonlinearModeState): Sweeping<NonlinearModeState> {
    const { z, direction: d, gradient: g } = s;
    // Keep d tangent and in the space; restart on −∇E if it is not a descent direction.
    projectModeSpace(params.space, d);
    let dz = dotOf(d, z);
    for (let k = 0; k < m; k++) d[k] -= dz * z[k];
    if (!(dotOf(d, g) < 0)) for (let k = 0; k < m; k++) d[k] = -g[k];
    dz = dotOf(d, z);
    for (let k = 0; k < m; k++) d[k] -= dz * z[k];
    const dNorm = Math.sqrt(dotOf(d, d));
    if (!(dNorm > 0)) return s;
    const dHat = Float64Array.from(d, (v) => v / dNorm);
    const circle = (yield { kind: 'circle', z, dir: dHat }) as GreatCircle;
    const theta = lineSearch(circle, Math.min(s.lastAngle, 0.25));
    const c = Math.cos(theta), sn = Math.sin(theta);
    // Parallel transport along the circle: the d̂ component of a vector turns to −z sin θ + d̂ cos θ.
    const gAlong = dotOf(g, dHat);
    previousGradient.set(g);
    for (let k = 0; k < m; k++) {
      previousGradient[k] += gAlong * (-sn * z[k] + (c - 1) * dHat[k]);
      d[k] = dNorm * (-sn * z[k] + c * dHat[k]);
      z[k] = c * z[k] + sn * dHat[k];
    }
    const zNorm = Math.sqrt(dotOf(z, z));
    for (let k = 0; k < m; k++) z[k] /= zNorm;
    const oldNorm2 = dotOf(g, g);
    const e = yield* evaluate(params, z, fields, g);
    // Polak–Ribière, β = max(0, g′·(g′ − T g)/(g·g)).
    let num = 0;
    for (let k = 0; k < m; k++) num += g[k] * (g[k] - previousGradient[k]);
    const beta = oldNorm2 > 0 ? Math.max(0, num / oldNorm2) : 0;
    for (let k = 0; k < m; k++) d[k] = -g[k] + beta * d[k];
    s.coefficients = e.coefficients;
    s.cost = e.cost;
    s.residual = e.residual;
    s.iterations++;
    s.sweeps += 2;
    s.lastAngle = theta > 0 ? theta : s.lastAngle / 4;
    return s;
  };

  return { init, step };
}

// 003 App. B on the float64 pairs of `pe`: init and step answered at once (the CPU engine).
export function nonlinearModeMinimizer(pe: PairExpansion, params: NonlinearModeParams) {
  const steps = nonlinearModeSteps(pe.n * pe.dim, params);
  const sweeps = pairSweeps(pe);
  return {
    init: (start: Float64Array): NonlinearModeState => runSweeps(steps.init(start), sweeps),
    step: (s: NonlinearModeState): NonlinearModeState => runSweeps(steps.step(s), sweeps),
  };
}

/** The stationarity residual of a unit field z (projected and normalized as init does) on the float64 pairs of `pe`. */
export function float64Residual(pe: PairExpansion, params: NonlinearModeParams, z: Float64Array): number {
  const m = pe.n * pe.dim;
  return runSweeps(evaluate(params, z, expansionFields(m), new Float64Array(m)), pairSweeps(pe)).residual;
}
