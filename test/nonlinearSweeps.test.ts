// The sweeps another engine answers (src/physics/nonlinear/modeMinimizer.ts): the great circle assembled from the sweeps of z,
// d and z + d (greatCircleFromSweeps, what the GPU path uses) equals the direct one (greatCircleOf), and the CG driven through
// the asynchronous driver with the float64 sweeps takes exactly the steps of the synchronous one.
import { describe, expect, it } from 'vitest';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { modeSpace, projectModeSpace } from '../src/physics/hessian/modeSpace.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
import { gaussianVector } from '../src/physics/analysis/modes/vectors.ts';
import { expansionFields, expansionFieldsOf, greatCircleFromSweeps, greatCircleOf } from '../src/physics/nonlinear/contractions.ts';
import { nonlinearModeSteps, pairSweeps, runSweeps, runSweepsAsync, type AsyncContractionSweeps } from '../src/physics/nonlinear/modeMinimizer.ts';
import { pairExpansion } from '../src/physics/nonlinear/pairExpansion.ts';

const model = MODELS.soft2d;
const is = quench(model, jitteredLattice(model, 60, 7), { algorithm: 'fire', forceTolerance: 1e-12 }).final;
const pe = pairExpansion(createLandscape(model, is), is.positions);
const m = is.positions.length;

describe('sweeps answered by another engine', () => {
  it('the great circle from the sweeps of z, d and z + d equals greatCircleOf', () => {
    const z = gaussianVector(m, 1, 1), d = gaussianVector(m, 1, 2);
    const nz = Math.hypot(...z);
    for (let k = 0; k < m; k++) z[k] /= nz;
    const dz = d.reduce((s, x, k) => s + x * z[k], 0);
    for (let k = 0; k < m; k++) d[k] -= dz * z[k];
    const nd = Math.hypot(...d);
    for (let k = 0; k < m; k++) d[k] /= nd;
    const sweep = (v: Float64Array) => { const fields = expansionFields(m); return { coefficients: expansionFieldsOf(pe, v, fields), fields }; };
    const sum = Float64Array.from(z, (x, k) => x + d[k]);
    const assembled = greatCircleFromSweeps(z, d, sweep(z), sweep(d), sweep(sum).coefficients.fourth);
    const direct = greatCircleOf(pe, z, d);
    for (const key of ['second', 'third', 'fourth'] as const) {
      const scale = Math.max(...direct[key].map(Math.abs));
      direct[key].forEach((x, k) => expect(Math.abs(assembled[key][k] - x)).toBeLessThanOrEqual(1e-10 * scale));
    }
  });

  it('the asynchronous driver takes the same CG steps as the synchronous one', async () => {
    const space = modeSpace(pe.n, pe.dim);
    const start = projectModeSpace(space, gaussianVector(m, 3, 1));
    const sync = pairSweeps(pe);
    const later: AsyncContractionSweeps = { fields: async (z, out) => sync.fields(z, out), circle: async (z, dir) => sync.circle(z, dir) };
    const a = nonlinearModeSteps(m, { order: 'quartic', space }), b = nonlinearModeSteps(m, { order: 'quartic', space });
    const sa = runSweeps(a.init(start), sync);
    const sb = await runSweepsAsync(b.init(start), later);
    for (let k = 0; k < 20; k++) { runSweeps(a.step(sa), sync); await runSweepsAsync(b.step(sb), later); }
    expect(sb.cost).toBe(sa.cost);
    expect(Array.from(sb.z)).toEqual(Array.from(sa.z));
    expect(sa.cost).toBeLessThan(runSweeps(nonlinearModeSteps(m, { order: 'quartic', space }).init(start), sync).cost);
  });
});
