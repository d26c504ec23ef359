// Reading configurations and resolving the model of a file (from --model or the file's own model= tag).
import { readFileSync } from 'node:fs';
import { readConfigurationFile, type LoadedConfiguration } from '../io/format.ts';
import { getModel, type Model } from '../physics/models.ts';
import { UsageError } from './args.ts';

/** Reads a state file; a sheared (Lees–Edwards) box is refused in one line unless the command computes in one (`sheared`). */
export async function loadConfiguration(path: string, format?: string, options: { sheared?: boolean } = {}): Promise<LoadedConfiguration> {
  if (format !== undefined && format !== 'xyz' && format !== 'lammps') throw new UsageError(`--format must be xyz or lammps, got "${format}"`);
  let loaded: LoadedConfiguration;
  try {
    loaded = await readConfigurationFile(path, format ? { format } : {});
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new UsageError(`cannot read ${path}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`cannot read ${path}: it is a directory`);
    throw e;
  }
  const shear = loaded.configuration.box.shear;
  if (shear && !options.sheared) {
    throw new UsageError(`${path} holds a sheared box (γ = ${shear.gamma}, axis ${shear.a} along ${shear.b}); this command runs orthogonal boxes only (glasslab elastic --in and glasslab nonlinear --in take it)`);
  }
  return loaded;
}

export function resolveModel(name: string | undefined, loaded: LoadedConfiguration, path: string): Model {
  const chosen = name ?? loaded.model;
  if (!chosen) throw new UsageError(`${path} does not name its model: pass --model`);
  const model = getModel(chosen);
  if (model.dim !== loaded.configuration.box.dim) {
    throw new UsageError(`${path} is ${loaded.configuration.box.dim}D but model ${model.name} is ${model.dim}D`);
  }
  return model;
}

/** The text of a file the user named, or one line saying why it cannot be read (no such file, a directory, …). */
export function readUserTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code)}`);
  }
}
