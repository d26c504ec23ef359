// Configurations in and out of the worker: plain arrays and typed arrays (structured clone), checked on the way in.
import { validateConfiguration, type Configuration } from '../../physics/configuration.ts';
import type { Model } from '../../physics/models.ts';
import { periodicBox, shearedBox, wrapPositions, type Box } from '../../physics/space.ts';
import type { ConfigurationData } from './protocol.ts';

/** A transferable copy (its arrays are the copy's own, so they may be transferred). */
export function toConfigurationData(c: Configuration): ConfigurationData {
  const shifts = c.shifts ? { shifts: { seed: c.shifts.seed, temperature: c.shifts.temperature, planted: c.shifts.planted.slice() } } : {};
  const shear = c.box.shear ? { shear: { gamma: c.box.shear.gamma, a: c.box.shear.a, b: c.box.shear.b } } : {};
  return { dim: c.box.dim, box: Array.from(c.box.lengths), positions: c.positions.slice(), diameters: c.diameters.slice(), species: c.species.slice(), ...shifts, ...shear };
}

/** The box of configuration data: orthorhombic, or sheared when it carries a shear. */
export function boxOfData(data: Pick<ConfigurationData, 'dim' | 'box' | 'shear'>): Box {
  const box = periodicBox(data.dim, data.box);
  return data.shear ? shearedBox(box, data.shear.gamma, data.shear.a, data.shear.b) : box;
}

/** A configuration from the page, validated against the model and N of the run spec (positions wrapped into the box). */
export function fromConfigurationData(data: ConfigurationData, model: Model, n: number): Configuration {
  if (data.dim !== model.dim) throw new Error(`the start configuration is ${data.dim}D but model ${model.name} is ${model.dim}D`);
  if (!Array.isArray(data.box) || data.box.length !== data.dim) throw new Error(`the start configuration needs ${data.dim} box sides, got ${data.box?.length}`);
  const count = data.diameters?.length;
  if (count !== n) throw new Error(`the start configuration has ${count} particles but the run spec has N = ${n}`);
  const c: Configuration = {
    box: boxOfData(data),
    positions: Float64Array.from(data.positions),
    diameters: Float64Array.from(data.diameters),
    species: Uint8Array.from(data.species),
    ...(data.shifts ? { shifts: { seed: data.shifts.seed, temperature: data.shifts.temperature, planted: Float64Array.from(data.shifts.planted) } } : {}),
  };
  validateConfiguration(c);
  wrapPositions(c.box, c.positions);
  return c;
}

/** Positions as float32 for a frame (a new buffer, to be transferred). */
export function framePositions(positions: Float64Array): Float32Array {
  return Float32Array.from(positions);
}

/** Every distinct ArrayBuffer under a value (typed arrays in a result), for postMessage's transfer list. */
export function transferablesOf(value: unknown, out: Set<ArrayBuffer> = new Set(), depth = 0): ArrayBuffer[] {
  if (depth > 6 || value === null || typeof value !== 'object') return [...out];
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) out.add(value.buffer);
    return [...out];
  }
  for (const v of Array.isArray(value) ? value : Object.values(value)) transferablesOf(v, out, depth + 1);
  return [...out];
}
