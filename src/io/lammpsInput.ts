// LAMMPS input scripts for the models LAMMPS has exactly: Kob–Andersen LJ, truncated-shifted (lj/cut + shift) or
// force-shifted (lj/smooth/linear, 002 Eq. 3), with LAMMPS's own minimizers.
import { KA_EPSILON, KA_SIGMA, type Model } from '../physics/models.ts';

export type LammpsMinStyle = 'sd' | 'cg' | 'fire';

export interface LammpsDeckOptions {
  dataFile: string;
  minStyle?: LammpsMinStyle;
  /** Iterations of the minimizer (0: only evaluate forces with `run 0`). */
  iterations?: number;
  /** Force tolerance on the 2-norm of the global force vector (LAMMPS ftol); 0 runs all iterations. */
  forceTolerance?: number;
  timestep?: number;
  /** Write per-atom forces of the final state here (`write_dump ... fx fy fz`). */
  dumpFile?: string;
  /** Write the final configuration here (`write_data`). */
  outputDataFile?: string;
  skin?: number;
}

/** True for the models whose potential LAMMPS implements exactly. */
export function lammpsSupports(model: Model): boolean {
  return model.name === 'ka3d' || model.name === 'ka3d-fs' || model.name === 'ka2d';
}

export function lammpsInputScript(model: Model, o: LammpsDeckOptions): string {
  if (!lammpsSupports(model)) throw new Error(`LAMMPS has no exact equivalent of model ${model.name}`);
  const fs = model.name === 'ka3d-fs';
  const lines = [
    `# GlassLab: ${model.label}`,
    'units lj',
    `dimension ${model.dim}`,
    'atom_style atomic',
    `boundary p p ${model.dim === 2 ? 'p' : 'p'}`,
    `read_data ${o.dataFile}`,
    'mass * 1.0',
    fs ? 'pair_style lj/smooth/linear 2.5' : 'pair_style lj/cut 2.5',
  ];
  for (const [a, b] of [[0, 0], [0, 1], [1, 1]] as const) {
    lines.push(`pair_coeff ${a + 1} ${b + 1} ${KA_EPSILON[a][b]} ${KA_SIGMA[a][b]} ${2.5 * KA_SIGMA[a][b]}`);
  }
  if (!fs) lines.push('pair_modify shift yes');
  lines.push(`neighbor ${o.skin ?? 0.3} bin`, 'neigh_modify every 1 delay 0 check yes');
  lines.push(`timestep ${o.timestep ?? 0.005}`);
  lines.push('thermo_style custom step pe fnorm fmax', 'thermo_modify norm no format float %.17g', 'thermo 0');
  if (o.iterations && o.iterations > 0) {
    lines.push(`min_style ${o.minStyle ?? 'fire'}`, `minimize 0 ${o.forceTolerance ?? 0} ${o.iterations} ${10 * o.iterations}`);
  } else {
    lines.push('run 0');
  }
  lines.push('variable e equal pe', 'print "GLASSLAB_ENERGY $e"');
  if (o.dumpFile) lines.push(`write_dump all custom ${o.dumpFile} id type x y z fx fy fz modify sort id format float %.17g`);
  if (o.outputDataFile) lines.push(`write_data ${o.outputDataFile}`);
  return lines.join('\n') + '\n';
}
