// A run's initial or final state as extended XYZ (OVITO, ASE; per-particle phi and d2min columns when the run has them) or as
// a LAMMPS data file (atom style atomic for Kob–Andersen, sphere with diameters otherwise). Every float64 written exactly.
import type { ConfigurationData } from '../../engine/lab/protocol.ts';
import type { Configuration } from '../../physics/configuration.ts';
import { boxOfData } from '../../engine/lab/configurationData.ts';
import type { ParticleColumn } from '../extendedXyz.ts';
import { writeConfigurationText } from '../format.ts';
import { assertFiniteColumn } from './finiteColumn.ts';

/** A Configuration over the same arrays (no copy); a Mari–Kurchan state keeps what regenerates its pair shifts, a sheared one its shear. */
export function configurationOf(data: ConfigurationData): Configuration {
  return { box: boxOfData(data), positions: data.positions, diameters: data.diameters, species: data.species, ...(data.shifts ? { shifts: data.shifts } : {}) };
}

export interface StateExportOptions {
  model?: string;
  /** Written as temperature=… (omitted for T = ∞). */
  temperature?: number;
  /** φ_i ∈ {0, 1} per particle → column phi (I). */
  defectFlags?: Uint8Array;
  /** D²min_i per particle → column d2min (R). */
  d2min?: Float64Array;
}

function temperatureOption(T: number | undefined): { temperature?: number } {
  return T !== undefined && Number.isFinite(T) ? { temperature: T } : {};
}

/** Extended XYZ text of the state. */
export function stateXyz(data: ConfigurationData, o: StateExportOptions = {}): string {
  const n = data.diameters.length;
  const columns: Record<string, ParticleColumn> = {};
  if (o.defectFlags && o.defectFlags.length === n) columns.phi = Int32Array.from(o.defectFlags);
  if (o.d2min && o.d2min.length === n) {
    assertFiniteColumn(o.d2min, 'D²min');
    columns.d2min = o.d2min;
  }
  return writeConfigurationText(configurationOf(data), 'state.xyz', { model: o.model, ...temperatureOption(o.temperature), columns });
}

/** LAMMPS data text of the state (per-particle columns do not fit a data file and are left out). */
export function stateLammpsData(data: ConfigurationData, o: Pick<StateExportOptions, 'model' | 'temperature'> & { title?: string } = {}): string {
  return writeConfigurationText(configurationOf(data), 'state.data', { model: o.model, ...temperatureOption(o.temperature), title: o.title });
}
