// A LAMMPS deck that repeats a run's quench outside the browser: the starting state as a data file and an input script that
// minimizes it with LAMMPS's own minimizer (SD, CG or FIRE, as the run's algorithm), for the models LAMMPS has exactly.
import type { ConfigurationData } from '../../engine/lab/protocol.ts';
import type { RunSpec } from '../../engine/runSpec.ts';
import { getModel, MODEL_NAMES, MODELS, type ModelName } from '../../physics/models.ts';
import { lammpsInputScript, lammpsSupports } from '../lammpsInput.ts';
import { stateLammpsData } from './configurationExport.ts';

/** The models LAMMPS implements exactly (Kob–Andersen LJ). */
export const LAMMPS_MODELS: readonly ModelName[] = MODEL_NAMES.filter((m) => lammpsSupports(MODELS[m]));

/** Null when LAMMPS has the model exactly, else the one line that says why there is no deck. */
export function lammpsDeckUnsupported(model: string): string | null {
  if (!(MODEL_NAMES as readonly string[]).includes(model)) return `unknown model "${model}"`;
  if (lammpsSupports(getModel(model))) return null;
  return `LAMMPS has no exact equivalent of ${model}; it has ${LAMMPS_MODELS.join(', ')} (Kob–Andersen LJ) exactly`;
}

export interface LammpsDeckFile {
  name: string;
  text: string;
}

export interface LammpsDeck {
  data: LammpsDeckFile;
  input: LammpsDeckFile;
}

export interface LammpsDeckOptions {
  /** Base of the file names: <base>.data and in.<base>.lmp (default glasslab). */
  baseName?: string;
  /** Minimizer iterations (default 100000). */
  iterations?: number;
}

/** The deck for quenching `start` as `spec` asks; throws a clear Error for models LAMMPS lacks. */
export function lammpsDeck(spec: RunSpec, start: ConfigurationData, o: LammpsDeckOptions = {}): LammpsDeck {
  const why = lammpsDeckUnsupported(spec.model);
  if (why) throw new Error(why);
  const model = getModel(spec.model);
  if (start.dim !== model.dim) throw new Error(`the state is ${start.dim}D but ${model.name} is ${model.dim}D`);
  const base = (o.baseName ?? 'glasslab').replace(/[^A-Za-z0-9._-]/g, '_');
  const dataName = `${base}.data`;
  const inputName = `in.${base}.lmp`;
  const iterations = o.iterations ?? 100_000;
  // LAMMPS's ftol bounds the 2-norm of the whole force vector, which is ≥ max_i |f_i| (our tolerance): as strict or stricter.
  const ftol = spec.forceTolerance > 0 ? spec.forceTolerance : 1e-10;
  const script = lammpsInputScript(model, {
    dataFile: dataName, minStyle: spec.algorithm, iterations, forceTolerance: ftol,
    ...(spec.algorithm === 'fire' ? { timestep: spec.dt ?? model.fireDt } : {}),
    outputDataFile: `${base}.final.data`,
  });
  const T = Number.isFinite(spec.temperature) ? `T = ${spec.temperature}` : 'T = inf';
  const header = [
    `# GlassLab deck: quench ${model.name}, N = ${start.diameters.length}, ${T}, seed ${spec.seed}, with LAMMPS min_style ${spec.algorithm}`,
    `# run: lmp -in ${inputName}   (with ${dataName} in the same folder); the final state goes to ${base}.final.data`,
    '# "GLASSLAB_ENERGY" prints the final total potential energy (divide by N for E/N).',
  ];
  return {
    data: { name: dataName, text: stateLammpsData(start, { model: model.name, temperature: spec.temperature, title: `GlassLab ${model.name} start` }) },
    input: { name: inputName, text: `${header.join('\n')}\n${script}` },
  };
}
