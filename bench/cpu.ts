// npm run bench:cpu — particle-steps per second of the float64 engine next to LAMMPS (one core) on the same
// 3D Kob–Andersen configuration, for FIRE and steepest descent, measured in one run. Printed, never asserted.
import { lammpsAvailable, runLammps } from './lammpsRunner.ts';
import { createLandscape } from '../src/physics/forces.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { fire } from '../src/physics/descent/fire.ts';
import { steepestDescent } from '../src/physics/descent/steepestDescent.ts';
import { landscapeForces } from '../src/physics/descent/state.ts';

const n = Number(process.env.BENCH_N ?? 32000);
const iterations = Number(process.env.BENCH_STEPS ?? 500);
/** Verlet skins to compare at: both codes use the same one in each row (LAMMPS's lj default is 0.3). */
const skins = (process.env.BENCH_SKINS ?? '0.3,0.2').split(',').map(Number);
const model = MODELS.ka3d;

console.log(`# GlassLab float64 engine vs LAMMPS, ${model.label}, N = ${n}, ${iterations} iterations each`);
const start = quench(model, jitteredLattice(model, n, 1), { algorithm: 'fire', maxSteps: 300 }).final;

function ours(kind: 'fire' | 'sd', skin: number): number {
  const land = createLandscape(model, start, { skin });
  const forces = landscapeForces(land);
  const alg = kind === 'fire' ? fire(forces, { dt: 0.005, dim: 3 }) : steepestDescent(forces, { dt: model.defaultDt, n });
  const s = alg.init(start.positions);
  const t0 = performance.now();
  for (let k = 0; k < iterations; k++) alg.step(s as never);
  return (n * iterations) / ((performance.now() - t0) / 1000);
}

const rows: [string, number, number, number][] = [];
for (const skin of skins) {
  for (const kind of ['fire', 'sd'] as const) {
    const mine = ours(kind, skin);
    let peer = Number.NaN;
    if (lammpsAvailable()) {
      const r = runLammps(model, start, { iterations, minStyle: kind, timestep: kind === 'fire' ? 0.005 : model.defaultDt, skin });
      peer = (n * r.iterations) / r.loopSeconds;
    }
    rows.push([kind, skin, mine, peer]);
  }
}
console.log('algorithm  skin  glasslab(particle-steps/s)  lammps(particle-steps/s)  ratio');
for (const [kind, skin, mine, peer] of rows) {
  console.log(`${kind.padEnd(9)}  ${skin.toFixed(2)}  ${mine.toExponential(3).padStart(26)}  ${peer.toExponential(3).padStart(24)}  ${(mine / peer).toFixed(2)}`);
}
console.log('# LAMMPS sd is a line-search minimizer (several force calls per iteration); GlassLab sd is one Euler step of the dynamics.');
