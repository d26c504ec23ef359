// A configuration file (extended XYZ or LAMMPS data, told apart by the extension) read as a starting state: its model, N and
// T when the file names them, checked against the dimension and species the model needs, with one clear line per problem.
import type { ConfigurationData } from '../../engine/lab/protocol.ts';
import { toConfigurationData } from '../../engine/lab/configurationData.ts';
import { getModel, MODEL_NAMES, type ModelName } from '../../physics/models.ts';
import { detectConfigurationFormat, readConfigurationText, type ConfigurationFormat } from '../format.ts';
import { quote } from '../text.ts';

/** Largest configuration imported as a starting state. */
export const MAX_IMPORT_PARTICLES = 262_144;

export interface ImportedState {
  configuration: ConfigurationData;
  format: ConfigurationFormat;
  /** The model to run it with: the file's when it names one (and followFileModel), else the chosen one. */
  model: ModelName;
  /** Whether the file named its model (model=…). */
  modelFromFile: boolean;
  n: number;
  /** The file's temperature=…, when present. */
  temperature?: number;
}

export interface ImportStateOptions {
  /** The model chosen in the controls. */
  chosenModel: string;
  /** Take the model the file names (default true); false: a file naming another model is an error. */
  followFileModel?: boolean;
}

function knownModel(name: string, file: string): ModelName {
  if (!(MODEL_NAMES as readonly string[]).includes(name)) throw new Error(`${file} names model "${quote(name)}", which GlassLab does not have (${MODEL_NAMES.join(', ')})`);
  return name as ModelName;
}

/** LAMMPS data without "dim=" on its title line reads as 3D: try 2D first when the model (the title's, else the chosen) is 2D. */
function readState(text: string, file: string, chosen: ModelName) {
  const title = text.split(/\r?\n/, 1)[0] ?? '';
  const hinted = /#.*\bmodel=(\S+)/.exec(title)?.[1];
  const model = hinted && (MODEL_NAMES as readonly string[]).includes(hinted) ? (hinted as ModelName) : chosen;
  if (detectConfigurationFormat(file) === 'lammps' && !/#.*\bdim=/.test(title) && getModel(model).dim === 2) {
    try { return readConfigurationText(text, file, { dim: 2 }); } catch { /* not 2D: read it as it says and let the checks speak */ }
  }
  return readConfigurationText(text, file);
}

/** Reads `text` (named `filename`) as a starting state; throws an Error whose message starts with the file name. */
export function importStartingState(text: string, filename: string, o: ImportStateOptions): ImportedState {
  const file = filename.split(/[\\/]/).pop() || filename;
  const chosen = knownModel(o.chosenModel, 'the controls');
  const loaded = readState(text, file, chosen);
  const c = loaded.configuration;
  const n = c.diameters.length;
  const dim = c.box.dim;
  if (c.box.shear) throw new Error(`${file} holds a sheared box (γ = ${c.box.shear.gamma}); the lab runs orthogonal boxes only (glasslab elastic and nonlinear --in take it)`);
  let model = chosen;
  if (loaded.model !== undefined) {
    const named = knownModel(loaded.model, file);
    if (named !== chosen && o.followFileModel === false) throw new Error(`${file} holds a ${named} state, but the chosen model is ${chosen}: choose ${named} first`);
    model = named;
  }
  const m = getModel(model);
  if (dim !== m.dim) {
    throw new Error(loaded.model !== undefined ? `${file} says model ${model} (${m.dim}D) but holds a ${dim}D configuration`
      : `${file} holds a ${dim}D configuration but the chosen model ${model} is ${m.dim}D`);
  }
  if (n < 2) throw new Error(`${file} holds ${n} particle; a run needs at least 2`);
  if (n > MAX_IMPORT_PARTICLES) throw new Error(`${file} holds ${n} particles; the lab runs at most ${MAX_IMPORT_PARTICLES}`);
  if (m.rule.kind === 'species-table') {
    const bad = c.species.findIndex((s) => s > 1);
    if (bad >= 0) throw new Error(`${file}: particle ${bad} has species ${c.species[bad]}, but ${model} has species A and B only (types 1 and 2)`);
  }
  return {
    configuration: toConfigurationData(c), format: loaded.format, model, modelFromFile: loaded.model !== undefined, n,
    ...(loaded.temperature !== undefined ? { temperature: loaded.temperature } : {}),
  };
}
