// Pick the configuration format from a file name (.xyz/.extxyz → extended XYZ; .data/.lmp/.lammps → LAMMPS data)
// and read or write through it. The *Text functions are pure (browser and Node); the *File functions use node:fs.
import type { Configuration } from '../physics/configuration.ts';
import { readExtendedXyz, writeExtendedXyz, type ExtendedXyzWriteOptions, type ParticleColumn } from './extendedXyz.ts';
import { checkStateFileSize, quote } from './text.ts';
import {
  KA_DIAMETERS_BY_TYPE,
  readLammpsData,
  writeLammpsData,
  type ByType,
  type LammpsAtomStyle,
  type LammpsReadOptions,
} from './lammpsData.ts';

export type ConfigurationFormat = 'xyz' | 'lammps';

const EXTENSIONS: Record<string, ConfigurationFormat> = {
  xyz: 'xyz', extxyz: 'xyz', data: 'lammps', lmp: 'lammps', lammps: 'lammps',
};

/** The format a file name implies; throws for an unknown extension. */
export function detectConfigurationFormat(filename: string): ConfigurationFormat {
  const base = filename.split(/[\\/]/).pop() ?? filename;
  const dot = base.lastIndexOf('.');
  const ext = dot < 0 ? '' : base.slice(dot + 1).toLowerCase();
  const format = Object.hasOwn(EXTENSIONS, ext) ? EXTENSIONS[ext] : undefined; // never an inherited key (x.constructor)
  if (!format) {
    throw new Error(`${filename}: cannot tell the format from the extension '${quote(ext)}' (use .xyz/.extxyz for extended XYZ, .data/.lmp/.lammps for LAMMPS data, or name the format)`);
  }
  return format;
}

export interface LoadedConfiguration {
  readonly format: ConfigurationFormat;
  readonly configuration: Configuration;
  readonly model?: string;
  readonly temperature?: number;
  /** Extended XYZ: line-2 info; LAMMPS: key=value pairs after '#' on the title line. */
  readonly info: Readonly<Record<string, string>>;
  /** Extra per-particle columns (extended XYZ only). */
  readonly columns: Readonly<Record<string, ParticleColumn>>;
}

export interface ReadConfigurationOptions extends LammpsReadOptions {
  /** Overrides the extension. */
  readonly format?: ConfigurationFormat;
}

/** Parses text whose name (for the format and the error messages) is `filename`. Errors start with the file name. */
export function readConfigurationText(text: string, filename: string, options: ReadConfigurationOptions = {}): LoadedConfiguration {
  const format = options.format ?? detectConfigurationFormat(filename);
  try {
    return format === 'xyz' ? fromXyz(text) : fromLammps(text, options);
  } catch (e) {
    throw new Error(`${filename}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

function fromXyz(text: string): LoadedConfiguration {
  const f = readExtendedXyz(text);
  return {
    format: 'xyz', configuration: f.configuration, info: f.info, columns: f.columns,
    ...(f.model !== undefined ? { model: f.model } : {}),
    ...(f.temperature !== undefined ? { temperature: f.temperature } : {}),
  };
}

function fromLammps(text: string, options: LammpsReadOptions): LoadedConfiguration {
  const d = readLammpsData(text, options);
  return {
    format: 'lammps', configuration: d.configuration, info: d.titleInfo, columns: {},
    ...(d.model !== undefined ? { model: d.model } : {}),
    ...(d.temperature !== undefined ? { temperature: d.temperature } : {}),
  };
}

export interface WriteConfigurationOptions extends ExtendedXyzWriteOptions {
  /** Overrides the extension. */
  readonly format?: ConfigurationFormat;
  /** LAMMPS atom style; default atomic when every diameter is its type's (diametersByType, default KA σ), else sphere. */
  readonly atomStyle?: LammpsAtomStyle;
  readonly masses?: ByType;
  readonly density?: number;
  readonly title?: string;
  readonly diametersByType?: ByType;
}

/** The file text for `filename`'s format. */
export function writeConfigurationText(c: Configuration, filename: string, options: WriteConfigurationOptions = {}): string {
  const format = options.format ?? detectConfigurationFormat(filename);
  if (format === 'xyz') {
    const { model, temperature, info, columns } = options;
    return writeExtendedXyz(c, { model, temperature, info, columns });
  }
  if (options.columns && Object.keys(options.columns).length > 0) throw new Error(`${filename}: a LAMMPS data file cannot hold extra per-particle columns; use extended XYZ`);
  if (options.info && Object.keys(options.info).length > 0) throw new Error(`${filename}: a LAMMPS data file cannot hold info pairs; use extended XYZ`);
  const byType = options.diametersByType ?? KA_DIAMETERS_BY_TYPE;
  const atomStyle = options.atomStyle ?? (diametersFollowTypes(c, byType) ? 'atomic' : 'sphere');
  const { masses, density, title, model, temperature, diametersByType } = options;
  return writeLammpsData(c, { atomStyle, masses, density, title, model, temperature, diametersByType });
}

function diametersFollowTypes(c: Configuration, byType: ByType): boolean {
  for (let i = 0; i < c.diameters.length; i++) if (byType[c.species[i] + 1] !== c.diameters[i]) return false;
  return true;
}

/** Reads a configuration file (Node only). */
export async function readConfigurationFile(path: string, options: ReadConfigurationOptions = {}): Promise<LoadedConfiguration> {
  const { readFile, stat } = await import('node:fs/promises');
  const { size } = await stat(path); // a file too large to be a state is refused before it is read
  try {
    checkStateFileSize(size, options.format === 'lammps' || (options.format === undefined && detectConfigurationFormat(path) === 'lammps') ? 'LAMMPS data' : 'extended XYZ');
  } catch (e) {
    throw new Error(`${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return readConfigurationText(await readFile(path, 'utf8'), path, options);
}

/** Writes a configuration file in the format its name implies, atomically: a temporary file renamed over `path` (Node only). */
export async function writeConfigurationFile(path: string, c: Configuration, options: WriteConfigurationOptions = {}): Promise<void> {
  const text = writeConfigurationText(c, path, options);
  const { writeTextFileAtomic } = await import('./atomicFile.ts');
  writeTextFileAtomic(path, text);
}
